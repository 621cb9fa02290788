import CCurl

extension HTTPError {
    /// What a failed libcurl transfer means, as one of Gatewatch's error kinds.
    ///
    /// - Parameters:
    ///   - code: libcurl's result.
    ///   - detail: libcurl's error buffer (or `curl_easy_strerror`), already redacted.
    ///   - url: the request's URL, already redacted (for `invalidURL`).
    ///   - host: the host the request went to.
    ///   - viaExplicitProxy: the request named its proxy, so a failed connection is the proxy's.
    ///   - proxyConnectStatus: the proxy's answer to `CONNECT` (0 when there was none).
    ///   - requestStarted: the connection was up and the request on its way (a timeout after that
    ///     is the total timeout, not the connect timeout).
    ///   - receivedResponse: response bytes arrived (a TLS-looking failure after that is a transfer failure).
    ///   - presentedClientCertificate: the request authenticates with a client certificate over TLS.
    init(curlCode code: CURLcode, detail: String, url: String, host: String, viaExplicitProxy: Bool, proxyConnectStatus: Int,
         requestStarted: Bool, receivedResponse: Bool, presentedClientCertificate: Bool, connectTimeout: Duration,
         totalTimeout: Duration?) {
        if proxyConnectStatus != 0 && !(200..<300).contains(proxyConnectStatus) {
            self = .proxy(host: host, detail: "the proxy answered CONNECT with HTTP \(proxyConnectStatus)")
            return
        }
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            self = .invalidURL(url)
        case CURLE_COULDNT_RESOLVE_HOST:
            self = .dns(host: host, detail: detail)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            self = .proxy(host: host, detail: detail)
        case CURLE_COULDNT_CONNECT:
            self = viaExplicitProxy ? .proxy(host: host, detail: detail) : .connect(host: host, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            if !requestStarted && totalTimeout.map({ connectTimeout <= $0 }) ?? true {
                self = .timeout(host: host, detail: "no connection within \(connectTimeout.humanReadable)")
            } else if let totalTimeout {
                self = .timeout(host: host, detail: "no complete response within \(totalTimeout.humanReadable)")
            } else {
                self = .timeout(host: host, detail: detail)
            }
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            self = .tls(host: host, detail: detail)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            // A TLS 1.3 server rejects a client certificate after the handshake: the alert
            // arrives as a send or receive error before any response byte.
            // With TLS 1.3 the client's side of the handshake is over before the server has checked
            // the client certificate; a server that rejects it closes the connection, and libcurl
            // sees a TLS alert or just a dead socket before any response byte.
            if !receivedResponse && Self.isTLSAlert(detail) {
                self = .tls(host: host, detail: detail)
            } else if !receivedResponse && presentedClientCertificate {
                self = .tls(host: host, detail: "the server closed the connection before answering; "
                                + "it probably rejected the client certificate (\(detail))")
            } else {
                self = .transfer(host: host, code: Int(code.rawValue), detail: detail)
            }
        default:
            self = .transfer(host: host, code: Int(code.rawValue), detail: detail)
        }
    }

    private static func isTLSAlert(_ detail: String) -> Bool {
        let lowered = detail.lowercased()
        return lowered.contains("alert") || lowered.contains("ssl routines")
    }
}
