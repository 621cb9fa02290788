import Foundation
import HTTP
import Testing
@testable import EC2

@Suite("AWS configuration resolution")
struct AWSConfigurationTests {
    static let noFiles = SharedConfigFiles(configText: "", credentialsText: "")
    static let keys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]

    static func resolve(profile: String? = nil, region: String? = nil, endpoint: String? = nil,
                        environment: [String: String], config: String = "", credentials: String = "") throws -> AWSConfiguration {
        try AWSConfiguration.resolve(profile: profile, region: region, endpointURL: endpoint, environment: environment,
                                     files: SharedConfigFiles(configText: config, credentialsText: credentials))
    }

    @Test("environment keys with a session token come first")
    func environmentKeys() throws {
        var environment = Self.keys
        environment["AWS_SESSION_TOKEN"] = "envtoken"
        let configuration = try Self.resolve(environment: environment, credentials: "[default]\naws_access_key_id=AKIAFILE\naws_secret_access_key=x\n")
        guard case .staticKeys(let credentials) = configuration.credentialSource else {
            Issue.record("expected static keys")
            return
        }
        #expect(credentials.accessKeyID == "AKIAENV")
        #expect(credentials.sessionToken == "envtoken")
        #expect(credentials.source == "environment")
    }

    @Test("--profile skips the environment keys")
    func explicitProfileSkipsEnvironment() throws {
        let configuration = try Self.resolve(profile: "ops", environment: Self.keys,
                                             credentials: "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = s\n")
        guard case .staticKeys(let credentials) = configuration.credentialSource else {
            Issue.record("expected static keys")
            return
        }
        #expect(credentials.accessKeyID == "AKIAOPS")
    }

    @Test("AWS_PROFILE does not skip the environment keys")
    func environmentProfileKeepsEnvironment() throws {
        var environment = Self.keys
        environment["AWS_PROFILE"] = "ops"
        let configuration = try Self.resolve(environment: environment,
                                             credentials: "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = s\n")
        guard case .staticKeys(let credentials) = configuration.credentialSource else {
            Issue.record("expected static keys")
            return
        }
        #expect(credentials.accessKeyID == "AKIAENV")
        #expect(configuration.profile == "ops")
    }

    @Test("[profile x] in config gives keys and region; the credentials file wins for keys")
    func profileSections() throws {
        let config = "[profile ops]\nregion = eu-west-1\naws_access_key_id = AKIACONFIG\naws_secret_access_key = c\n"
        let fromConfig = try Self.resolve(profile: "ops", environment: [:], config: config)
        #expect(fromConfig.region == "eu-west-1")
        if case .staticKeys(let credentials) = fromConfig.credentialSource {
            #expect(credentials.accessKeyID == "AKIACONFIG")
        } else {
            Issue.record("expected config-file keys")
        }
        let both = try Self.resolve(profile: "ops", environment: [:], config: config,
                                    credentials: "[ops]\naws_access_key_id = AKIACREDS\naws_secret_access_key = k\n")
        if case .staticKeys(let credentials) = both.credentialSource {
            #expect(credentials.accessKeyID == "AKIACREDS")
        } else {
            Issue.record("expected credentials-file keys")
        }
    }

    @Test("an explicitly named profile that does not exist is an error")
    func missingProfile() {
        #expect(throws: EC2Error.self) { try Self.resolve(profile: "nope", environment: [:]) }
    }

    @Test("role_arn with source_profile assumes the role with the source profile's keys")
    func assumeRoleChain() throws {
        let config = """
        [profile readonly]
        role_arn = arn:aws:iam::123456789012:role/gatewatch-readonly
        source_profile = base
        external_id = ext-1
        role_session_name = jump
        [profile base]
        region = us-east-1
        """
        let credentials = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = b\n"
        let configuration = try Self.resolve(profile: "readonly", environment: [:], config: config, credentials: credentials)
        guard case .assumeRole(let parameters, let source) = configuration.credentialSource,
              case .staticKeys(let keys) = source else {
            Issue.record("expected assume-role from static keys, got \(configuration.credentialSource)")
            return
        }
        #expect(parameters == AssumeRoleParameters(roleARN: "arn:aws:iam::123456789012:role/gatewatch-readonly",
                                                   sessionName: "jump", externalID: "ext-1"))
        #expect(keys.accessKeyID == "AKIABASE")
    }

    @Test("credential_process is used when the profile has no keys")
    func credentialProcessSource() throws {
        let configuration = try Self.resolve(profile: "p", environment: [:],
                                             config: "[profile p]\ncredential_process = /usr/bin/vault-creds --role \"ops team\"\n")
        #expect(configuration.credentialSource == .process(command: "/usr/bin/vault-creds --role \"ops team\"", profile: "p"))
        #expect(ProcessCredentialProvider.split("/usr/bin/vault-creds --role \"ops team\" 'a b' c\\ d")
            == ["/usr/bin/vault-creds", "--role", "ops team", "a b", "c d"])
    }

    @Test("AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN selects web identity")
    func webIdentitySource() throws {
        let configuration = try Self.resolve(environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token",
                                                           "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa"])
        #expect(configuration.credentialSource == .webIdentity(tokenFile: "/var/run/token", roleARN: "arn:aws:iam::1:role/irsa",
                                                               sessionName: "gatewatch"))
    }

    @Test("a relative container URI points at 169.254.170.2 and carries the token")
    func containerSource() throws {
        let configuration = try Self.resolve(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x",
                                                           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok"])
        #expect(configuration.credentialSource == .container(url: "http://169.254.170.2/v2/credentials/x",
                                                             authorizationToken: "tok", authorizationTokenFile: nil))
    }

    @Test("without any other source, instance metadata is the last resort unless disabled")
    func instanceMetadataFallback() throws {
        #expect(try Self.resolve(environment: [:]).credentialSource == .instanceMetadata)
        guard case .none = try Self.resolve(environment: ["AWS_EC2_METADATA_DISABLED": "true"]).credentialSource else {
            Issue.record("expected no credentials")
            return
        }
    }

    @Test("region: --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile")
    func regionOrder() throws {
        let config = "[default]\nregion = ap-south-1\n"
        let all = ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-central-1"]
        #expect(try Self.resolve(region: "us-west-2", environment: all, config: config).region == "us-west-2")
        #expect(try Self.resolve(environment: all, config: config).region == "eu-west-1")
        #expect(try Self.resolve(environment: ["AWS_DEFAULT_REGION": "eu-central-1"], config: config).region == "eu-central-1")
        #expect(try Self.resolve(environment: [:], config: config).region == "ap-south-1")
        #expect(try Self.resolve(environment: [:]).region == nil)
    }

    @Test("endpoint: --endpoint-url, then AWS_ENDPOINT_URL_EC2, then AWS_ENDPOINT_URL, else the regional default")
    func endpointOrder() throws {
        let all = ["AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:1", "AWS_ENDPOINT_URL": "http://127.0.0.1:2"]
        #expect(try Self.resolve(endpoint: "http://127.0.0.1:3", environment: all).ec2Endpoint(region: "x") == "http://127.0.0.1:3")
        #expect(try Self.resolve(environment: all).ec2Endpoint(region: "x") == "http://127.0.0.1:1")
        #expect(try Self.resolve(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:2"]).ec2Endpoint(region: "x")
            == "http://127.0.0.1:2")
        #expect(try Self.resolve(environment: [:]).ec2Endpoint(region: "eu-west-1") == "https://ec2.eu-west-1.amazonaws.com")
        #expect(try Self.resolve(environment: [:]).ec2Endpoint(region: "cn-north-1") == "https://ec2.cn-north-1.amazonaws.com.cn")
    }

    @Test("a profile's services section gives the EC2 endpoint, ahead of its plain endpoint_url")
    func servicesSection() throws {
        let config = """
        [profile local]
        services = moto
        endpoint_url = http://127.0.0.1:9
        [services moto]
        ec2 =
          endpoint_url = http://127.0.0.1:5055
        sts =
          endpoint_url = http://127.0.0.1:5056
        """
        let configuration = try Self.resolve(profile: "local", environment: [:], config: config)
        #expect(configuration.ec2Endpoint(region: "us-east-1") == "http://127.0.0.1:5055")
        #expect(configuration.stsEndpoint(region: "us-east-1") == "http://127.0.0.1:5056")
    }

    @Test("AWS_CA_BUNDLE becomes the TLS CA file")
    func caBundle() throws {
        #expect(try Self.resolve(environment: ["AWS_CA_BUNDLE": "/etc/corp-ca.pem"]).tls.certificateAuthority == .file("/etc/corp-ca.pem"))
    }

    @Test("credential descriptions never contain the secret key or the session token")
    func descriptionsHideSecrets() throws {
        var environment = Self.keys
        environment["AWS_SESSION_TOKEN"] = "envtoken"
        let configuration = try Self.resolve(environment: environment)
        #expect(!configuration.credentialSource.description.contains("envsecret"))
        #expect(!configuration.credentialSource.description.contains("envtoken"))
        #expect(configuration.credentialSource.description.contains("AKIAENV"))
    }
}

@Suite("Retry policy (standard mode)")
struct RetryPolicyTests {
    static let clock = AWSClock(now: { Date(timeIntervalSince1970: 1_000_000) }, sleep: { _ in }, random: { 0.5 })
    static let throttled = EC2Error.service(EC2ServiceError(operation: "DescribeVpcs", code: "RequestLimitExceeded",
                                                            message: "", requestID: nil, httpStatus: 503))

    @Test("throttling is retried with full-jitter backoff until the third attempt")
    func throttlingRetries() async {
        let policy = RetryPolicy(clock: Self.clock)
        #expect(await policy.decide(after: Self.throttled, attempt: 1) == .retry(after: .milliseconds(500), cost: 5))
        #expect(await policy.decide(after: Self.throttled, attempt: 2) == .retry(after: .milliseconds(1000), cost: 5))
        #expect(await policy.decide(after: Self.throttled, attempt: 3) == .fail)
    }

    @Test("the backoff ceiling is capped at 20 seconds")
    func backoffCap() async {
        let policy = RetryPolicy(maxAttempts: 10, clock: AWSClock(now: Self.clock.now, sleep: { _ in }, random: { 0.999 }))
        guard case .retry(let delay, _) = await policy.decide(after: Self.throttled, attempt: 8) else {
            Issue.record("expected a retry")
            return
        }
        #expect(delay <= .seconds(20) && delay > .seconds(19))
    }

    @Test("permission and request errors are not retried")
    func notRetried() async {
        let policy = RetryPolicy(clock: Self.clock)
        let denied = EC2Error.service(EC2ServiceError(operation: "DescribeVpcs", code: "UnauthorizedOperation",
                                                      message: "", requestID: nil, httpStatus: 403))
        #expect(await policy.decide(after: denied, attempt: 1) == .fail)
    }

    @Test("an empty retry quota fails at once")
    func quotaExhausted() async {
        let policy = RetryPolicy(maxAttempts: 1000, clock: Self.clock)
        var retries = 0
        while case .retry = await policy.decide(after: Self.throttled, attempt: 1) { retries += 1 }
        #expect(retries == 100)
        #expect(await policy.remainingQuota == 0)
    }

    @Test("a throttle turns on client-side rate limiting, and successes lift it again")
    func rateLimiting() async {
        let policy = RetryPolicy(clock: Self.clock)
        #expect(await policy.currentRateLimit == nil)
        _ = await policy.decide(after: Self.throttled, attempt: 1)
        #expect(await policy.currentRateLimit == 10)
        for _ in 0..<10 { await policy.recordSuccess(retryCost: 0) }
        #expect(await policy.currentRateLimit == nil)
    }
}
