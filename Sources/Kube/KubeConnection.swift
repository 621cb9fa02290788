import HTTP

/// Everything needed to talk to one cluster, resolved from a kubeconfig context or from the
/// in-cluster service account. Its description shows no secret.
public struct KubeConnection: Sendable, Equatable, CustomStringConvertible {
    /// The context name (nil for in-cluster configuration).
    public var contextName: String?
    /// The cluster entry's name (`in-cluster` for the service account).
    public var clusterName: String
    /// The user entry's name (`service-account` for in-cluster).
    public var userName: String
    /// The API server base URL without a trailing slash (`https://host:port[/prefix]`).
    public var server: String
    /// Server verification and client certificate.
    public var tls: TLSOptions
    /// The proxy: kubeconfig `proxy-url`, else the environment.
    public var proxy: ProxySetting
    /// The bearer credential.
    public var credential: KubeCredential
    /// Loud warnings to show the user (e.g. TLS verification is off).
    public var warnings: [String]

    /// Creates a connection.
    public init(contextName: String?, clusterName: String, userName: String, server: String, tls: TLSOptions = TLSOptions(),
                proxy: ProxySetting = .environment, credential: KubeCredential = .none, warnings: [String] = []) {
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.server = server
        self.tls = tls
        self.proxy = proxy
        self.credential = credential
        self.warnings = warnings
    }

    /// `context (server, credential kind)`.
    public var description: String {
        let tlsText = tls.clientCertificate == nil ? "" : ", client certificate"
        return "\(contextName ?? "in-cluster") (\(server), \(credential)\(tlsText))"
    }
}
