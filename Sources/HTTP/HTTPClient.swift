/// The libcurl HTTP client: one multi handle and one I/O thread carrying every request of the
/// process (Kubernetes lists and watches, EC2 queries, credential look-ups). Connections are
/// reused and, where the server speaks HTTP/2, multiplexed.
///
/// Any status is a response (`send` throws only when no response came). Dropping the client
/// aborts what is still in flight with `HTTPError.cancelled`.
///
/// ```swift
/// let client = HTTPClient.shared
/// let tls = TLSOptions(certificateAuthority: .data(caBytes))
/// let list = try await client.send(HTTPRequest(
///     url: server + "/api/v1/pods?limit=500",
///     headers: [HTTPHeader("Authorization", "Bearer " + token), HTTPHeader("Accept", "application/json")],
///     tls: tls))
/// for try await event in client.stream(HTTPRequest(url: server + "/api/v1/pods?watch=true&…", tls: tls)) {
///     // .head(status:headers:) once, then .body(bytes) as chunks arrive (not aligned to lines)
/// }
/// ```
///
/// Requests go out exactly as built: no redirects followed, no retries (the Kubernetes and EC2
/// clients decide what to retry), no `Expect: 100-continue`, and no `Content-Type` the caller did
/// not set. A stream buffers what the consumer has not taken yet without limit, so consume it.
public final class HTTPClient: HTTPTransport {
    private let loop: CurlLoop?

    /// A client for the whole process.
    public static let shared = HTTPClient()

    /// A client with its own connections and I/O thread.
    ///
    /// - Parameters:
    ///   - maxConnectionsPerHost: connections to one host at most. A Kubernetes watch holds one
    ///     HTTP/1.1 connection for as long as it runs, so leave room for every watch plus lists.
    ///   - maxConnections: connections in all.
    ///   - userAgent: sent when a request sets no `User-Agent` itself.
    public init(maxConnectionsPerHost: Int = 32, maxConnections: Int = 64, userAgent: String = "gatewatch") {
        loop = CurlLoop(maxConnectionsPerHost: maxConnectionsPerHost, maxConnections: maxConnections,
                        userAgent: userAgent)
    }

    deinit { loop?.stop() }

    /// Sends the request and returns the whole response, body decompressed. Throws `HTTPError`
    /// when no response came: DNS, connect, TLS, proxy, timeout, transfer failure, or `cancelled`
    /// when the calling task is cancelled.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let transfer = try CurlTransfer(request: request)
        guard let loop else { throw Self.unavailable(transfer) }
        if Task.isCancelled { throw .cancelled }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>) in
                transfer.sink = .whole { continuation.resume(returning: $0) }
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return try result.get()
    }

    /// Sends the request and delivers the response as it arrives: `head`, then each chunk of the
    /// body (decompressed) as libcurl receives it. The stream finishes when the body ends, or
    /// throws `HTTPError`. Cancelling the consuming task, or dropping the stream, aborts the transfer.
    public func stream(_ request: HTTPRequest) -> AsyncThrowingStream<HTTPStreamEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: HTTPStreamEvent.self)
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(request: request)
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        guard let loop else {
            continuation.finish(throwing: Self.unavailable(transfer))
            return stream
        }
        transfer.sink = .stream(continuation)
        continuation.onTermination = { termination in
            if case .cancelled = termination { loop.cancel(transfer) }
        }
        loop.submit(transfer)
        return stream
    }

    private static func unavailable(_ transfer: CurlTransfer) -> HTTPError {
        .transfer(host: transfer.target.host, code: 2, detail: "libcurl could not be initialised")
    }
}
