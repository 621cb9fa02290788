/// Something that yields credentials: keys, a process, STS, the container endpoint or IMDS.
public protocol AWSCredentialProvider: Sendable {
    /// Fetches a fresh set of credentials.
    func fetch() async throws(EC2Error) -> AWSCredentials
}
