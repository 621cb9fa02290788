/// Fixed keys (environment, shared files).
public struct StaticCredentialProvider: AWSCredentialProvider {
    /// The keys.
    public let credentials: AWSCredentials

    /// A provider of these keys.
    public init(_ credentials: AWSCredentials) { self.credentials = credentials }

    /// The keys.
    public func fetch() async throws(EC2Error) -> AWSCredentials { credentials }
}
