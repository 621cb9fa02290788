import Foundation

/// One set of AWS credentials and where they came from. The description names the source and the
/// access key id only; the secret key and the session token never appear in any text.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key id (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public var accessKeyID: String
    /// The secret access key. Secret.
    public var secretAccessKey: String
    /// The session token of temporary credentials. Secret.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Where they came from, for messages: `environment`, `profile prod (credentials file)`, `IMDS role x`…
    public var source: String

    /// Credentials from a source.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
                source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        self.expiration = expiration
        self.source = source
    }

    /// True when fewer than `margin` remain before the expiration.
    public func expires(within margin: Duration, now: Date) -> Bool {
        guard let expiration else { return false }
        let seconds = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        return expiration.timeIntervalSince(now) < seconds
    }

    /// The source and the access key id; never a secret.
    public var description: String {
        "\(source) (access key \(accessKeyID))"
    }
}
