/// Why a request got no HTTP response. Messages name the host and what failed, never a
/// credential, a header value or a request body.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be used (malformed, unsupported scheme).
    case invalidURL(String)
    /// The host name did not resolve.
    case dns(host: String, detail: String)
    /// TCP connect failed (refused, unreachable).
    case connect(host: String, detail: String)
    /// The TLS handshake failed: unknown CA, name mismatch, client certificate rejected, bad PEM.
    case tls(host: String, detail: String)
    /// A timeout: connect, idle (no bytes) or total.
    case timeout(host: String, detail: String)
    /// The proxy refused or failed.
    case proxy(host: String, detail: String)
    /// Any other transfer failure (connection reset mid-body, bad content encoding…), with curl's code.
    case transfer(host: String, code: Int, detail: String)
    /// The request was cancelled by its caller.
    case cancelled

    /// One line for the user.
    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL \(url)"
        case .dns(let host, let detail): "cannot resolve \(host): \(detail)"
        case .connect(let host, let detail): "cannot connect to \(host): \(detail)"
        case .tls(let host, let detail): "TLS with \(host) failed: \(detail)"
        case .timeout(let host, let detail): "timed out talking to \(host): \(detail)"
        case .proxy(let host, let detail): "proxy for \(host) failed: \(detail)"
        case .transfer(let host, let code, let detail): "transfer from \(host) failed (curl \(code)): \(detail)"
        case .cancelled: "request cancelled"
        }
    }
}
