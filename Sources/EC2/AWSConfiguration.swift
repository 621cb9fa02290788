import Foundation
import HTTP
import Inventory

/// Everything Gatewatch needs to talk to EC2, resolved as the AWS SDKs do from the command-line
/// flags, the environment and the shared `config`/`credentials` files.
public struct AWSConfiguration: Sendable, Equatable {
    /// The profile in use (`--profile`, `AWS_DEFAULT_PROFILE`, `AWS_PROFILE`, else `default`).
    public var profile: String
    /// The region; nil when only instance metadata can tell (asked on first use).
    public var region: String?
    /// An explicit EC2 endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL`, the profile's
    /// `services` section's `ec2 = endpoint_url`, the profile's `endpoint_url`).
    public var endpointOverride: String?
    /// An explicit STS endpoint (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, profile `endpoint_url`).
    public var stsEndpointOverride: String?
    /// Where credentials come from.
    public var credentialSource: CredentialSource
    /// TLS for the EC2 and STS endpoints (`AWS_CA_BUNDLE`, profile `ca_bundle`).
    public var tls: TLSOptions
    /// Attempts per call, the first included (`AWS_MAX_ATTEMPTS`, profile `max_attempts`; 3).
    public var maxAttempts: Int
    /// The instance metadata service.
    public var instanceMetadata: InstanceMetadataSettings
    /// The environment the configuration was resolved from (token files are re-read through it).
    public var environment: [String: String]

    /// Resolves the configuration. `profile`, `region` and `endpointURL` are the command-line flags
    /// (nil when not given); `environment` is normally `ProcessInfo.processInfo.environment`.
    /// Fails when an explicitly named profile does not exist or a setting is unusable.
    public static func resolve(profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(EC2Error) -> AWSConfiguration {
        let files = SharedConfigFiles.load(environment: environment)
        return try resolve(profile: profile, region: region, endpointURL: endpointURL, environment: environment,
                           files: files)
    }

    /// Resolves against already loaded shared files.
    public static func resolve(profile explicitProfile: String?, region: String?, endpointURL: String?,
                               environment: [String: String], files: SharedConfigFiles) throws(EC2Error) -> AWSConfiguration {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let profileName = explicitProfile ?? env("AWS_DEFAULT_PROFILE") ?? env("AWS_PROFILE") ?? "default"
        let settings = files.profile(profileName) ?? [:]
        if files.profile(profileName) == nil, profileName != "default" {
            throw .configuration("profile \(profileName) is in neither \(files.configPath) nor \(files.credentialsPath)")
        }
        func setting(_ key: String) -> String? {
            guard let value = settings[key], !value.isEmpty else { return nil }
            return value
        }

        let resolvedRegion = region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? setting("region")
        let ignoreConfigured = (env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? setting("ignore_configured_endpoint_urls"))?
            .lowercased() == "true"
        let services = setting("services").flatMap { files.services[$0] } ?? [:]
        let endpoint = endpointURL
            ?? (ignoreConfigured ? nil : env("AWS_ENDPOINT_URL_EC2") ?? env("AWS_ENDPOINT_URL") ?? services["ec2.endpoint_url"]
                ?? setting("endpoint_url"))
        let stsEndpoint = ignoreConfigured ? nil : env("AWS_ENDPOINT_URL_STS") ?? env("AWS_ENDPOINT_URL")
            ?? services["sts.endpoint_url"] ?? setting("endpoint_url")
        for url in [endpoint, stsEndpoint].compactMap({ $0 }) where URLParts(url) == nil {
            throw .configuration("endpoint URL \(url) is not an http(s) URL")
        }

        var tls = TLSOptions()
        if let bundle = env("AWS_CA_BUNDLE") ?? setting("ca_bundle") {
            tls.certificateAuthority = .file(bundle)
        }
        var maxAttempts = RetryPolicy.standardMaxAttempts
        if let text = env("AWS_MAX_ATTEMPTS") ?? setting("max_attempts") {
            guard let value = Int(text), value >= 1 else { throw .configuration("max_attempts \(text) is not a positive integer") }
            maxAttempts = value
        }

        let metadata = try InstanceMetadataSettings(environment: environment)
        let source = try credentialSource(profileName: profileName, explicit: explicitProfile != nil,
                                          environment: environment, files: files, metadata: metadata)
        return AWSConfiguration(profile: profileName, region: resolvedRegion, endpointOverride: endpoint,
                                stsEndpointOverride: stsEndpoint, credentialSource: source, tls: tls,
                                maxAttempts: maxAttempts, instanceMetadata: metadata, environment: environment)
    }

    /// The EC2 endpoint for a region: the override, else `https://ec2.<region>.amazonaws.com` (`.com.cn` in China).
    public func ec2Endpoint(region: String) -> String {
        endpointOverride ?? "https://ec2.\(region).\(Self.dnsSuffix(region))"
    }

    /// The STS endpoint for a region (regional, as botocore uses).
    public func stsEndpoint(region: String) -> String {
        stsEndpointOverride ?? "https://sts.\(region).\(Self.dnsSuffix(region))"
    }

    static func dnsSuffix(_ region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }

    // MARK: Credential chain

    /// The SDK order: environment keys (unless `--profile` was given), the profile's role
    /// (`role_arn` + `source_profile`/`credential_source`), web identity, credentials-file keys,
    /// `credential_process`, config-file keys, container credentials, instance metadata.
    static func credentialSource(profileName: String, explicit: Bool, environment: [String: String],
                                 files: SharedConfigFiles, metadata: InstanceMetadataSettings) throws(EC2Error) -> CredentialSource {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if !explicit, let environmentKeys = environmentCredentials(environment) { return environmentKeys }
        if let fromProfile = try profileCredentials(profileName, files: files, environment: environment,
                                                    metadata: metadata, depth: 0, allowWebIdentityEnvironment: true) {
            return fromProfile
        }
        if let container = containerSource(environment) { return container }
        if metadata.disabled {
            return .none("no keys in the environment or profile \(profileName), no container credentials, IMDS disabled")
        }
        return .instanceMetadata
    }

    static func environmentCredentials(_ environment: [String: String]) -> CredentialSource? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_SECURITY_TOKEN"]
        let expiration = environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(Timestamp.date)
        return .staticKeys(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token,
                                          expiration: expiration, source: "environment"))
    }

    static func containerSource(_ environment: [String: String]) -> CredentialSource? {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let url: String
        if let relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = "http://169.254.170.2" + relative
        } else if let full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            url = full
        } else {
            return nil
        }
        return .container(url: url, authorizationToken: env("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                          authorizationTokenFile: env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
    }

    private static func profileCredentials(_ name: String, files: SharedConfigFiles, environment: [String: String],
                                           metadata: InstanceMetadataSettings, depth: Int,
                                           allowWebIdentityEnvironment: Bool) throws(EC2Error) -> CredentialSource? {
        guard depth < 8 else { throw .configuration("source_profile chain through \(name) is too long or circular") }
        let settings = files.profile(name) ?? [:]
        func setting(_ key: String) -> String? {
            guard let value = settings[key], !value.isEmpty else { return nil }
            return value
        }
        if let roleARN = setting("role_arn") {
            var duration: Int?
            if let text = setting("duration_seconds") {
                guard let value = Int(text) else { throw .configuration("profile \(name): duration_seconds \(text) is not a number") }
                duration = value
            }
            let parameters = AssumeRoleParameters(roleARN: roleARN, sessionName: setting("role_session_name") ?? "gatewatch",
                                                  externalID: setting("external_id"), durationSeconds: duration)
            if setting("mfa_serial") != nil {
                throw .configuration("profile \(name) needs an MFA code (mfa_serial), which Gatewatch cannot prompt for")
            }
            if let sourceProfile = setting("source_profile") {
                guard files.profile(sourceProfile) != nil else {
                    throw .configuration("profile \(name): source_profile \(sourceProfile) does not exist")
                }
                let source: CredentialSource?
                if sourceProfile == name {
                    source = staticProfileKeys(name, files: files)
                } else {
                    source = try profileCredentials(sourceProfile, files: files, environment: environment, metadata: metadata,
                                                    depth: depth + 1, allowWebIdentityEnvironment: false)
                }
                guard let source else {
                    throw .configuration("profile \(name): source_profile \(sourceProfile) has no credentials")
                }
                return .assumeRole(parameters, source: source)
            }
            if let credentialSource = setting("credential_source") {
                let source: CredentialSource?
                switch credentialSource {
                case "Environment": source = environmentCredentials(environment)
                case "Ec2InstanceMetadata": source = .instanceMetadata
                case "EcsContainer": source = containerSource(environment)
                default: throw .configuration("profile \(name): unknown credential_source \(credentialSource)")
                }
                guard let source else { throw .configuration("profile \(name): credential_source \(credentialSource) has no credentials") }
                return .assumeRole(parameters, source: source)
            }
            if let tokenFile = setting("web_identity_token_file") {
                return .webIdentity(tokenFile: tokenFile, roleARN: roleARN,
                                    sessionName: setting("role_session_name") ?? "gatewatch")
            }
            throw .configuration("profile \(name) has role_arn but neither source_profile, credential_source nor web_identity_token_file")
        }
        if allowWebIdentityEnvironment, let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !tokenFile.isEmpty,
           let roleARN = environment["AWS_ROLE_ARN"], !roleARN.isEmpty {
            let session = environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "gatewatch"
            return .webIdentity(tokenFile: tokenFile, roleARN: roleARN, sessionName: session)
        }
        if setting("sso_session") != nil || setting("sso_start_url") != nil || setting("login_session") != nil {
            throw .configuration("profile \(name) uses IAM Identity Center (SSO) or console login, which Gatewatch does not support yet")
        }
        if let keys = staticKeys(files.credentialsFileProfiles[name], source: "profile \(name) in \(files.credentialsPath)") {
            return keys
        }
        if let command = setting("credential_process") {
            return .process(command: command, profile: name)
        }
        return staticKeys(files.configFileProfiles[name], source: "profile \(name) in \(files.configPath)")
    }

    private static func staticProfileKeys(_ name: String, files: SharedConfigFiles) -> CredentialSource? {
        staticKeys(files.credentialsFileProfiles[name], source: "profile \(name) in \(files.credentialsPath)")
            ?? staticKeys(files.configFileProfiles[name], source: "profile \(name) in \(files.configPath)")
    }

    private static func staticKeys(_ settings: [String: String]?, source: String) -> CredentialSource? {
        guard let settings, let key = settings["aws_access_key_id"], !key.isEmpty,
              let secret = settings["aws_secret_access_key"], !secret.isEmpty else { return nil }
        return .staticKeys(AWSCredentials(accessKeyID: key, secretAccessKey: secret,
                                          sessionToken: settings["aws_session_token"] ?? settings["aws_security_token"],
                                          source: source))
    }
}
