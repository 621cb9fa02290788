import CCurl

/// Where a request goes, parsed by libcurl's own URL parser (so Gatewatch and libcurl never
/// disagree about a URL): the host named in errors, and the URL and connect-to rule that make
/// TLS verify a different name (kubeconfig `tls-server-name`) while connecting to the real host.
struct RequestTarget: Sendable {
    /// The host as the URL names it (IPv6 literals in brackets), for error messages.
    let host: String
    /// The port, explicit or the scheme's default.
    let port: Int
    /// Whether the URL is `https`.
    let isHTTPS: Bool
    /// The URL handed to libcurl: the caller's, or with the host replaced by the TLS server name.
    let effectiveURL: String
    /// `server-name:port:host:port` when the TLS server name differs from the host.
    let connectTo: String?
    /// The `Host` header to send when the URL was rewritten, so the server still sees its own name.
    let hostHeader: String?

    /// Parses `url`; only `http` and `https` URLs with a host are accepted. A server name only
    /// matters for `https` and is ignored for `http`.
    init(url: String, serverName: String?, redactor: SecretRedactor) throws(HTTPError) {
        guard let handle = curl_url() else { throw .invalidURL(redactor.redact(url)) }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
              let scheme = Self.part(handle, CURLUPART_SCHEME, flags: 0)?.lowercased(),
              scheme == "http" || scheme == "https",
              let host = Self.part(handle, CURLUPART_HOST, flags: 0), !host.isEmpty,
              let portText = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)),
              let port = Int(portText)
        else { throw .invalidURL(redactor.redact(url)) }
        self.host = host
        self.port = port
        isHTTPS = scheme == "https"

        guard isHTTPS, let serverName, !serverName.isEmpty, serverName.lowercased() != host.lowercased() else {
            effectiveURL = url
            connectTo = nil
            hostHeader = nil
            return
        }
        let explicitPort = Self.part(handle, CURLUPART_PORT, flags: 0)
        guard curl_url_set(handle, CURLUPART_HOST, serverName, 0) == CURLUE_OK,
              let rewritten = Self.part(handle, CURLUPART_URL, flags: 0)
        else { throw .invalidURL(redactor.redact(url)) }
        effectiveURL = rewritten
        let nameForConnect = serverName.contains(":") && !serverName.hasPrefix("[") ? "[\(serverName)]" : serverName
        connectTo = "\(nameForConnect):\(port):\(host):\(port)"
        hostHeader = explicitPort.map { "\(host):\($0)" } ?? host
    }

    private static func part(_ handle: OpaquePointer, _ what: CURLUPart, flags: UInt32) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, what, &pointer, flags) == CURLUE_OK, let pointer else { return nil }
        defer { curl_free(pointer) }
        return String(cString: pointer)
    }
}
