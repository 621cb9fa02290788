import HTTP

/// How requests prove who they are, beyond a TLS client certificate (which lives in `TLSOptions`).
/// Descriptions never show a token.
public enum KubeCredential: Sendable, Equatable, CustomStringConvertible {
    /// No bearer token (anonymous, or client-certificate only).
    case none
    /// A bearer token. Secret.
    case token(String)
    /// A file holding the bearer token, re-read after a 401 (service-account tokens rotate).
    case tokenFile(String)
    /// An exec credential plugin, run when a credential is needed and re-run on expiry or 401.
    case exec(ExecPluginSpec)

    /// What kind of credential it is, without the secret.
    public var description: String {
        switch self {
        case .none: "none"
        case .token: "token"
        case .tokenFile(let path): "token file \(path)"
        case .exec(let spec): "exec plugin \(spec.command)"
        }
    }
}
