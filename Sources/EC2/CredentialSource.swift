/// Where credentials come from, decided once from the flags, the environment and the shared
/// files, in the SDKs' order. Describes itself without any secret.
public indirect enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    /// Keys given directly (environment, credentials file, config file).
    case staticKeys(AWSCredentials)
    /// A profile's `credential_process` command.
    case process(command: String, profile: String)
    /// STS AssumeRole signed with the source credentials.
    case assumeRole(AssumeRoleParameters, source: CredentialSource)
    /// STS AssumeRoleWithWebIdentity with a token file (IRSA).
    case webIdentity(tokenFile: String, roleARN: String, sessionName: String)
    /// ECS/EKS Pod Identity container credentials.
    case container(url: String, authorizationToken: String?, authorizationTokenFile: String?)
    /// EC2 instance metadata (IMDSv2, IMDSv1 fallback unless disabled).
    case instanceMetadata
    /// No source yielded credentials; the text says what was tried.
    case none(String)

    /// The source for messages.
    public var description: String {
        switch self {
        case .staticKeys(let credentials): credentials.description
        case .process(_, let profile): "credential_process of profile \(profile)"
        case .assumeRole(let parameters, let source): "role \(parameters.roleARN) assumed from \(source)"
        case .webIdentity(let file, let role, _): "web identity token \(file) for role \(role)"
        case .container(let url, _, _): "container credentials at \(URLParts(url)?.origin ?? "an invalid URL")"
        case .instanceMetadata: "EC2 instance metadata (IMDS)"
        case .none(let tried): "no credentials (\(tried))"
        }
    }
}
