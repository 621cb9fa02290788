/// One header line. `isSecret` keeps the value out of every description and error message;
/// `Authorization` and `X-Amz-Security-Token` are always treated as secret.
public struct HTTPHeader: Sendable, Equatable {
    /// The header name as sent.
    public var name: String
    /// The header value as sent.
    public var value: String
    /// Whether the value is a credential that must never be shown.
    public var isSecret: Bool

    /// A header; secret when asked or when the name is a known credential header.
    public init(_ name: String, _ value: String, isSecret: Bool = false) {
        self.name = name
        self.value = value
        let lowered = name.lowercased()
        self.isSecret = isSecret || lowered == "authorization" || lowered == "x-amz-security-token"
            || lowered == "x-aws-ec2-metadata-token"
    }
}
