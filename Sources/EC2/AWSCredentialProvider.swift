/// Something that yields credentials: keys, a process, STS, the container endpoint or IMDS.
public protocol AWSCredentialProvider: Sendable {
    /// Fetches a fresh set of credentials.
    func fetch() async throws(EC2Error) -> AWSCredentials

    /// The local helper program a fetch waits for (`profile ops: credential_process vault-creds`),
    /// named when a fetch takes long; nil for providers that only talk HTTP (with its deadlines).
    var helper: String? { get }
}

extension AWSCredentialProvider {
    /// No local helper.
    public var helper: String? { nil }
}
