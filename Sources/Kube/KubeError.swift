import HTTP

/// Why talking to the Kubernetes API failed. Descriptions name the server, the path, the kind and
/// what was expected; they never contain a token, a key or a request header value.
public enum KubeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP response: DNS, connect, TLS, timeout, proxy or a broken transfer.
    case transport(HTTPError)
    /// The server answered with an error status; `reason`, `message` come from its `Status` object.
    case status(code: Int, reason: String?, message: String?, path: String)
    /// A response body did not have the expected shape: which kind, and what was expected.
    case decode(kind: String, expected: String)
    /// The kubeconfig (or in-cluster configuration) is unusable: where, and what was expected.
    case config(source: String?, message: String)
    /// Credentials could not be obtained (an exec plugin failed, a token file is unreadable).
    case credential(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .transport(let error):
            return error.description
        case .status(let code, let reason, let message, let path):
            var text = "\(path): HTTP \(code)"
            if let reason, !reason.isEmpty { text += " \(reason)" }
            if let message, !message.isEmpty { text += ": \(message)" }
            return text
        case .decode(let kind, let expected):
            return "cannot decode \(kind): expected \(expected)"
        case .config(let source, let message):
            return source.map { "kubeconfig \($0): \(message)" } ?? "kubeconfig: \(message)"
        case .credential(let message):
            return "credentials: \(message)"
        }
    }

    /// The HTTP status code, for status errors.
    public var statusCode: Int? {
        if case .status(let code, _, _, _) = self { return code }
        return nil
    }

    /// True for `410 Gone`/`Expired`: the resourceVersion or continue token is too old; relist.
    public var isGone: Bool { statusCode == 410 }
}
