import CCurl
import Synchronization

/// One request in flight on the I/O thread: its easy handle, what arrived so far, and where the
/// result goes. Everything except `cancelRequested` is touched only by the I/O thread once the
/// transfer is submitted (the submission queue's lock hands it over).
final class CurlTransfer: @unchecked Sendable {
    /// Where the response goes.
    enum Sink {
        /// `send`: the whole response (or the error) once, at the end.
        case whole((Result<HTTPResponse, HTTPError>) -> Void)
        /// `stream`: the head, then body chunks as they arrive, then the end.
        case stream(AsyncThrowingStream<HTTPStreamEvent, any Error>.Continuation)
    }

    let request: HTTPRequest
    let target: RequestTarget
    let redactor: SecretRedactor
    /// Set from any thread (task cancellation, stream termination); read by the I/O thread.
    let cancelRequested = Atomic<Bool>(false)
    /// Set before submission, then read only by the I/O thread.
    var sink: Sink?

    private(set) var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var connectToList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var status = 0
    private var headers: [HTTPHeader] = []
    private var headersComplete = false
    private var body: [UInt8] = []
    /// Set when the response outgrew `HTTPLimits.maxResponseBytes` and the transfer was aborted.
    private var exceededLimit = false
    private var receivedBytes = false
    private var finished = false
    private(set) var started: ContinuousClock.Instant = .now
    private(set) var lastActivity: ContinuousClock.Instant = .now

    /// A transfer for `request`; throws `invalidURL` before anything is sent.
    init(request: HTTPRequest) throws(HTTPError) {
        self.request = request
        let redactor = SecretRedactor(request: request)
        self.redactor = redactor
        target = try RequestTarget(url: request.url, serverName: request.tls.serverName, redactor: redactor)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    // MARK: Starting

    /// Creates and configures the easy handle. On failure nothing is left allocated.
    func makeHandle(userAgent: String) -> Result<UnsafeMutableRawPointer, HTTPError> {
        guard let easy = curl_easy_init() else {
            return .failure(.transfer(host: target.host, code: Int(CURLE_FAILED_INIT.rawValue),
                                      detail: "cannot create a libcurl handle"))
        }
        handle = easy
        started = .now
        lastActivity = started
        if let error = configure(easy, userAgent: userAgent) {
            releaseHandle()
            return .failure(error)
        }
        return .success(easy)
    }

    private func configure(_ easy: UnsafeMutableRawPointer, userAgent: String) -> HTTPError? {
        var failure: (CURLoption, CURLcode)?
        func set(_ option: CURLoption, _ code: CURLcode) {
            if code != CURLE_OK && failure == nil { failure = (option, code) }
        }
        func long(_ option: CURLoption, _ value: Int) { set(option, gw_easy_setopt_long(easy, option, value)) }
        func string(_ option: CURLoption, _ value: String?) { set(option, gw_easy_setopt_string(easy, option, value)) }
        func blob(_ option: CURLoption, _ bytes: [UInt8]) {
            set(option, bytes.withUnsafeBytes { buffer in
                var blob = curl_blob(data: UnsafeMutableRawPointer(mutating: buffer.baseAddress), len: buffer.count,
                                     flags: UInt32(CURL_BLOB_COPY))
                return gw_easy_setopt_blob(easy, option, &blob)
            })
        }

        string(CURLOPT_URL, target.effectiveURL)
        string(CURLOPT_PROTOCOLS_STR, "http,https")
        long(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_ERRORBUFFER, gw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        let context = Unmanaged.passUnretained(self).toOpaque()
        set(CURLOPT_WRITEFUNCTION, gw_easy_setopt_write_function(easy, curlWriteCallback))
        set(CURLOPT_WRITEDATA, gw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        set(CURLOPT_HEADERFUNCTION, gw_easy_setopt_header_function(easy, curlHeaderCallback))
        set(CURLOPT_HEADERDATA, gw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        long(CURLOPT_FOLLOWLOCATION, 0)
        long(CURLOPT_TCP_KEEPALIVE, 1)
        long(CURLOPT_TCP_KEEPIDLE, 30)
        long(CURLOPT_TCP_KEEPINTVL, 10)
        long(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds)
        if let total = request.totalTimeout { long(CURLOPT_TIMEOUT_MS, total.milliseconds) }
        if request.acceptCompressed { string(CURLOPT_ACCEPT_ENCODING, "gzip") }

        // Method and body. The body is copied by libcurl (COPYPOSTFIELDS), so it need not outlive this call.
        let method = request.method.uppercased()
        let sendsBody = !request.body.isEmpty || method == "POST" || method == "PUT"
        switch method {
        case "GET": long(CURLOPT_HTTPGET, 1)
        case "HEAD": long(CURLOPT_NOBODY, 1)
        case "POST": long(CURLOPT_POST, 1)
        default: string(CURLOPT_CUSTOMREQUEST, method)
        }
        if sendsBody {
            set(CURLOPT_POSTFIELDSIZE_LARGE, gw_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                                                                 curl_off_t(request.body.count)))
            if request.body.isEmpty {
                string(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                set(CURLOPT_COPYPOSTFIELDS, request.body.withUnsafeBytes { buffer in
                    gw_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                })
            }
        }

        // Headers: the caller's, in order; nothing libcurl would add on its own that the caller
        // did not ask for (no form Content-Type, no `Expect: 100-continue`).
        let names = Set(request.headers.map { $0.name.lowercased() })
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if let hostHeader = target.hostHeader, !names.contains("host") { lines.append("Host: \(hostHeader)") }
        if sendsBody && !names.contains("content-type") { lines.append("Content-Type:") }
        if !names.contains("expect") { lines.append("Expect:") }
        if !names.contains("user-agent") { string(CURLOPT_USERAGENT, userAgent) }
        for line in lines { headerList = curl_slist_append(headerList, line) }
        set(CURLOPT_HTTPHEADER, gw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))

        // TLS.
        let tls = request.tls
        long(CURLOPT_SSL_VERIFYPEER, tls.verifyPeer ? 1 : 0)
        long(CURLOPT_SSL_VERIFYHOST, tls.verifyPeer ? 2 : 0)
        switch tls.certificateAuthority {
        case .file(let path)?:
            string(CURLOPT_CAINFO, path)
            string(CURLOPT_CAPATH, nil)
        case .data(let bytes)?:
            blob(CURLOPT_CAINFO_BLOB, bytes)
            string(CURLOPT_CAPATH, nil)
        case nil: break
        }
        switch tls.clientCertificate {
        case .file(let path)?: string(CURLOPT_SSLCERT, path)
        case .data(let bytes)?: blob(CURLOPT_SSLCERT_BLOB, bytes)
        case nil: break
        }
        if tls.clientCertificate != nil { string(CURLOPT_SSLCERTTYPE, "PEM") }
        switch tls.clientKey {
        case .file(let path)?: string(CURLOPT_SSLKEY, path)
        case .data(let bytes)?: blob(CURLOPT_SSLKEY_BLOB, bytes)
        case nil: break
        }
        if tls.clientKey != nil { string(CURLOPT_SSLKEYTYPE, "PEM") }
        if let connectTo = target.connectTo {
            connectToList = curl_slist_append(connectToList, connectTo)
            set(CURLOPT_CONNECT_TO, gw_easy_setopt_slist(easy, CURLOPT_CONNECT_TO, connectToList))
        }

        // Proxy.
        switch request.proxy {
        case .environment: break
        case .url(let url):
            string(CURLOPT_PROXY, url)
            string(CURLOPT_NOPROXY, "")
        case .none:
            string(CURLOPT_PROXY, "")
        }
        long(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)

        guard let (option, code) = failure else { return nil }
        let reason = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: return .invalidURL(redactor.redact(request.url))
        case CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
            return .transfer(host: target.host, code: Int(code.rawValue),
                             detail: "libcurl cannot set option \(option.rawValue): \(reason)")
        default:
            return .transfer(host: target.host, code: Int(code.rawValue), detail: redactor.redact(reason))
        }
    }

    // MARK: Arriving bytes (I/O thread, inside curl_multi_perform)

    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        lastActivity = .now
        receivedBytes = true
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r")) { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new header block: an interim 1xx response, or the final one.
            let fields = line.split(separator: " ", maxSplits: 2)
            status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            headers.removeAll()
            headersComplete = false
        } else if line.isEmpty {
            guard status >= 200, !headersComplete else { return }
            headersComplete = true
            if case .stream(let continuation) = sink { continuation.yield(.head(status: status, headers: headers)) }
            if case .whole = sink, let length = header("content-length").flatMap({ Int($0) }), length > 0 {
                body.reserveCapacity(min(length, 1 << 30))
            }
        } else if headersComplete {
            return  // trailers of a chunked body: not part of the response head
        } else if line.first == " " || line.first == "\t", var last = headers.popLast() {
            last.value += " " + line.trimmingSpaces
            headers.append(last)
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
    }

    /// Takes body bytes; false when a whole response would exceed `HTTPLimits.maxResponseBytes`
    /// (the transfer is then aborted and fails naming the limit).
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity = .now
        receivedBytes = true
        switch sink {
        case .stream(let continuation)?:
            if !headersComplete {
                headersComplete = true
                continuation.yield(.head(status: status, headers: headers))
            }
            continuation.yield(.body(Array(bytes)))
        case .whole?:
            guard body.count + bytes.count <= HTTPLimits.maxResponseBytes else {
                exceededLimit = true
                return false
            }
            body.append(contentsOf: bytes)
        case nil:
            break
        }
        return true
    }

    private func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    // MARK: Ending (I/O thread)

    /// Whether the request is on the wire: connected (and through TLS and any proxy).
    var requestStarted: Bool {
        guard let handle else { return false }
        var microseconds: curl_off_t = 0
        return gw_easy_getinfo_off(handle, CURLINFO_PRETRANSFER_TIME_T, &microseconds) == CURLE_OK && microseconds > 0
    }

    /// When the request went on the wire, if it has.
    var requestStartedAt: ContinuousClock.Instant? {
        guard let handle else { return nil }
        var microseconds: curl_off_t = 0
        guard gw_easy_getinfo_off(handle, CURLINFO_PRETRANSFER_TIME_T, &microseconds) == CURLE_OK, microseconds > 0
        else { return nil }
        return started + .microseconds(microseconds)
    }

    /// libcurl finished the transfer with `code`: deliver the response or the error.
    func complete(_ code: CURLcode) {
        guard let handle, !finished else { return }
        if code == CURLE_OK {
            var responseCode = 0
            _ = gw_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
            let finalStatus = responseCode != 0 ? responseCode : status
            switch sink {
            case .whole(let deliver)?:
                deliver(.success(HTTPResponse(status: finalStatus, headers: headers, body: body)))
            case .stream(let continuation)?:
                if !headersComplete { continuation.yield(.head(status: finalStatus, headers: headers)) }
                continuation.finish()
            case nil:
                break
            }
            body = []
            finished = true
            return
        }
        if exceededLimit {
            fail(.transfer(host: target.host, code: Int(code.rawValue),
                           detail: "response larger than \(HTTPLimits.maxResponseBytes >> 20) MiB; expected at most that much "
                               + "(a resource limit)"))
            return
        }
        let bufferText = String(cString: errorBuffer)
        let detail = redactor.redact(bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText)
        var connectCode = 0
        _ = gw_easy_getinfo_long(handle, CURLINFO_HTTP_CONNECTCODE, &connectCode)
        var viaExplicitProxy = false
        if case .url = request.proxy { viaExplicitProxy = true }
        fail(HTTPError(curlCode: code, detail: detail, url: redactor.redact(request.url), host: target.host,
                       viaExplicitProxy: viaExplicitProxy,
                       proxyConnectStatus: connectCode, requestStarted: requestStarted, receivedResponse: receivedBytes,
                       presentedClientCertificate: request.tls.clientCertificate != nil && target.isHTTPS,
                       connectTimeout: request.connectTimeout, totalTimeout: request.totalTimeout))
    }

    /// Delivers `error` (once) and drops what arrived.
    func fail(_ error: HTTPError) {
        guard !finished else { return }
        finished = true
        body = []
        switch sink {
        case .whole(let deliver)?: deliver(.failure(error))
        case .stream(let continuation)?: continuation.finish(throwing: error)
        case nil: break
        }
    }

    /// Frees the easy handle and the lists it uses. The handle must be out of the multi handle.
    func releaseHandle() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        if let connectToList { curl_slist_free_all(connectToList) }
        connectToList = nil
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}

/// libcurl's write callback: body bytes for the transfer passed as `WRITEDATA`.
private let curlWriteCallback: gw_data_callback = { pointer, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
}

/// libcurl's header callback: one complete header line at a time.
private let curlHeaderCallback: gw_data_callback = { pointer, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}
