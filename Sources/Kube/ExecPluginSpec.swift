/// An exec credential plugin, resolved from a kubeconfig user: what to run and how.
public struct ExecPluginSpec: Sendable, Equatable, CustomStringConvertible {
    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    public var apiVersion: String
    /// The executable: an absolute path, or a bare name looked up in `PATH`.
    public var command: String
    /// Its arguments.
    public var arguments: [String]
    /// The environment the plugin runs with: Gatewatch's own plus the kubeconfig's `env`.
    public var environment: [String: String]
    /// `Never`, `IfAvailable` or `Always`.
    public var interactiveMode: String
    /// Shown when the command cannot be started.
    public var installHint: String?
    /// The cluster's server, passed in `KUBERNETES_EXEC_INFO` when `provideClusterInfo` is set.
    public var clusterServer: String?

    /// Creates a spec.
    public init(apiVersion: String, command: String, arguments: [String] = [], environment: [String: String] = [:],
                interactiveMode: String = "Never", installHint: String? = nil, clusterServer: String? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.interactiveMode = interactiveMode
        self.installHint = installHint
        self.clusterServer = clusterServer
    }

    /// `command arg…`, without the environment (which may hold cloud credentials).
    public var description: String {
        ([command] + arguments).joined(separator: " ")
    }
}
