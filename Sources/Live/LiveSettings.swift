import Inventory

/// Where live data comes from: the cluster of a kubeconfig context, the AWS account of the
/// credential chain, and Gatewatch's configuration directory (resolved once, here).
public struct LiveSettings: Sendable {
    /// The kubeconfig context (nil: the current one).
    public var context: String?
    /// The kubeconfig file (nil: `$KUBECONFIG`, `~/.kube/config`, else in-cluster).
    public var kubeconfig: String?
    /// The AWS region (nil: environment, profile, instance metadata).
    public var region: String?
    /// The AWS profile (nil: `AWS_PROFILE`, else default).
    public var profile: String?
    /// The EC2 endpoint (nil: environment, else the regional one).
    public var endpointURL: String?
    /// Time between two EC2 polls while running continuously.
    public var pollInterval: Duration
    /// `gatewatch.yaml`, `firewall/`, the console's settings and themes.
    public var configDirectory: ConfigDirectory
    /// The process environment the credential chains read.
    public var environment: [String: String]
    /// Time between two looks at `firewall/` for changed configs and captures while running
    /// continuously (`FirewallFileWatcher`).
    public var firewallPollInterval: Duration = .seconds(2)

    /// Settings; `configDirectory` defaults to the XDG one for `environment`.
    public init(context: String? = nil, kubeconfig: String? = nil, region: String? = nil, profile: String? = nil,
                endpointURL: String? = nil, pollInterval: Duration = .seconds(30), configDirectory: ConfigDirectory? = nil,
                environment: [String: String]) {
        self.context = context
        self.kubeconfig = kubeconfig
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.pollInterval = pollInterval
        self.configDirectory = configDirectory ?? ConfigDirectory.resolve(explicit: nil, environment: environment)
        self.environment = environment
    }
}
