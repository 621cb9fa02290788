/// How the EC2 instance metadata service (IMDS) is reached, from the SDK environment variables.
public struct InstanceMetadataSettings: Sendable, Equatable {
    /// `AWS_EC2_METADATA_DISABLED=true`.
    public var disabled: Bool
    /// The base URL: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, or by `…_ENDPOINT_MODE` `http://169.254.169.254`
    /// / `http://[fd00:ec2::254]`.
    public var endpoint: String
    /// Per-request timeout (`AWS_METADATA_SERVICE_TIMEOUT`, 1 s).
    public var timeout: Duration
    /// Attempts per request (`AWS_METADATA_SERVICE_NUM_ATTEMPTS`, 1).
    public var attempts: Int
    /// `AWS_EC2_METADATA_V1_DISABLED=true`: never fall back to token-less IMDSv1.
    public var v1Disabled: Bool
    /// The session token TTL asked for (21,600 s).
    public var tokenTTLSeconds: Int

    /// Settings from the environment.
    public init(environment: [String: String]) throws(EC2Error) {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        disabled = env("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true"
        v1Disabled = env("AWS_EC2_METADATA_V1_DISABLED")?.lowercased() == "true"
        if let endpoint = env("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            guard URLParts(endpoint) != nil else { throw .configuration("AWS_EC2_METADATA_SERVICE_ENDPOINT \(endpoint) is not a URL") }
            self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        } else if env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")?.lowercased() == "ipv6" {
            endpoint = "http://[fd00:ec2::254]"
        } else {
            endpoint = "http://169.254.169.254"
        }
        let seconds = env("AWS_METADATA_SERVICE_TIMEOUT").flatMap(Double.init) ?? 1
        timeout = .milliseconds(Int64(seconds * 1000))
        attempts = max(1, env("AWS_METADATA_SERVICE_NUM_ATTEMPTS").flatMap { Int($0) } ?? 1)
        tokenTTLSeconds = 21_600
    }
}
