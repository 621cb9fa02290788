import HTTP

extension CredentialSource {
    /// The provider that fetches credentials from this source; `region` signs STS calls.
    public func provider(configuration: AWSConfiguration, region: String, transport: any HTTPTransport,
                         clock: AWSClock = .system) -> any AWSCredentialProvider {
        switch self {
        case .staticKeys(let credentials):
            return StaticCredentialProvider(credentials)
        case .process(let command, let profile):
            return ProcessCredentialProvider(command: command, profile: profile)
        case .assumeRole(let parameters, let source):
            let sourceCache = CredentialCache(
                provider: source.provider(configuration: configuration, region: region, transport: transport, clock: clock),
                clock: clock)
            return STSCredentialProvider(method: .assumeRole(parameters, source: sourceCache),
                                         endpoint: configuration.stsEndpoint(region: region), region: region,
                                         transport: transport, tls: configuration.tls, clock: clock)
        case .webIdentity(let tokenFile, let roleARN, let sessionName):
            return STSCredentialProvider(method: .webIdentity(tokenFile: tokenFile, roleARN: roleARN, sessionName: sessionName),
                                         endpoint: configuration.stsEndpoint(region: region), region: region,
                                         transport: transport, tls: configuration.tls, clock: clock)
        case .container(let url, let token, let tokenFile):
            return ContainerCredentialProvider(url: url, authorizationToken: token, authorizationTokenFile: tokenFile,
                                               transport: transport, clock: clock)
        case .instanceMetadata:
            return InstanceMetadataClient(settings: configuration.instanceMetadata, transport: transport)
        case .none(let tried):
            return MissingCredentialProvider(tried: tried)
        }
    }
}
