/// The provider when no source has credentials: every fetch fails with what was tried.
struct MissingCredentialProvider: AWSCredentialProvider {
    let tried: String

    func fetch() async throws(EC2Error) -> AWSCredentials {
        throw .credentials("none found: \(tried)")
    }
}
