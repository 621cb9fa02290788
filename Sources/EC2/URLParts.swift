/// The pieces of an absolute `http(s)://host[:port]/path?query` URL that signing and messages need.
struct URLParts: Sendable, Equatable {
    /// `http` or `https`, lower case.
    var scheme: String
    /// The host as written (brackets kept for IPv6).
    var host: String
    /// The port when one was written.
    var port: Int?
    /// The path, `/` when empty.
    var path: String
    /// The raw query, without `?`.
    var query: String

    /// Parses a URL; nil when it has no scheme or host.
    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let remainder = rest[authorityEnd...]
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let value = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = value
            host = String(authority[..<colon])
        } else {
            port = nil
            host = String(authority)
        }
        guard !host.isEmpty else { return nil }
        if let question = remainder.firstIndex(of: "?") {
            path = String(remainder[..<question])
            query = String(remainder[remainder.index(after: question)...])
        } else {
            path = String(remainder)
            query = ""
        }
        if path.isEmpty { path = "/" }
    }

    /// The `Host` header: the host, plus `:port` unless it is the scheme's default.
    var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://host[:port]` for messages (never a path or query, which could carry a secret).
    var origin: String { "\(scheme)://\(hostHeader)" }
}
