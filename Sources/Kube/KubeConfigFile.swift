/// One kubeconfig file as kubectl writes it (`apiVersion: v1`, `kind: Config`), reduced to the
/// fields Gatewatch uses. Unknown fields are ignored.
public struct KubeConfigFile: Sendable, Decodable, Equatable {
    /// A named cluster entry.
    public struct NamedCluster: Sendable, Decodable, Equatable {
        /// The entry's name.
        public var name: String
        /// The cluster.
        public var cluster: Cluster
    }

    /// How to reach an API server.
    public struct Cluster: Sendable, Decodable, Equatable {
        /// `https://host:port` (a path prefix is allowed).
        public var server: String?
        /// A CA bundle file, relative to the kubeconfig file's directory when not absolute.
        public var certificateAuthority: String?
        /// The CA bundle, base64 PEM.
        public var certificateAuthorityData: String?
        /// Skip verifying the server certificate (dangerous).
        public var insecureSkipTLSVerify: Bool?
        /// The name to check the server certificate against.
        public var tlsServerName: String?
        /// The proxy for this cluster (`http://`, `https://` or `socks5://`).
        public var proxyURL: String?

        private enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// A named user entry.
    public struct NamedUser: Sendable, Decodable, Equatable {
        /// The entry's name.
        public var name: String
        /// The credentials.
        public var user: User
    }

    /// How to authenticate.
    public struct User: Sendable, Decodable, Equatable {
        /// A bearer token. Secret.
        public var token: String?
        /// A file holding the bearer token.
        public var tokenFile: String?
        /// A client certificate file.
        public var clientCertificate: String?
        /// The client certificate, base64 PEM.
        public var clientCertificateData: String?
        /// A client key file.
        public var clientKey: String?
        /// The client key, base64 PEM. Secret.
        public var clientKeyData: String?
        /// An exec credential plugin.
        public var exec: ExecConfig?
        /// Basic-auth user name (unsupported: reported as an error when it is the only credential).
        public var username: String?
        /// A legacy auth provider (unsupported: reported as an error when it is the only credential).
        public var authProvider: AuthProvider?

        /// A legacy `auth-provider` block; only its name is kept.
        public struct AuthProvider: Sendable, Decodable, Equatable {
            /// `gcp`, `oidc`, `azure`…
            public var name: String?
        }

        private enum CodingKeys: String, CodingKey {
            case token, tokenFile, username
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case exec
            case authProvider = "auth-provider"
        }
    }

    /// An exec credential plugin (`users[].user.exec`).
    public struct ExecConfig: Sendable, Decodable, Equatable {
        /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
        public var apiVersion: String?
        /// The command; a bare name is looked up in `PATH`, a relative path is resolved against the
        /// kubeconfig file's directory.
        public var command: String
        /// Arguments.
        public var args: [String]?
        /// Extra environment variables.
        public var env: [EnvVar]?
        /// `Never`, `IfAvailable` or `Always` (v1 requires it; v1beta1 defaults to `IfAvailable`).
        public var interactiveMode: String?
        /// Shown when the command is missing.
        public var installHint: String?
        /// Whether the plugin wants `spec.cluster` in `KUBERNETES_EXEC_INFO`.
        public var provideClusterInfo: Bool?

        /// One `name`/`value` pair.
        public struct EnvVar: Sendable, Decodable, Equatable {
            /// The variable's name.
            public var name: String
            /// Its value.
            public var value: String
        }
    }

    /// A named context entry.
    public struct NamedContext: Sendable, Decodable, Equatable {
        /// The entry's name.
        public var name: String
        /// The context.
        public var context: Context
    }

    /// A cluster and user pair.
    public struct Context: Sendable, Decodable, Equatable {
        /// The cluster entry's name.
        public var cluster: String?
        /// The user entry's name.
        public var user: String?
        /// The default namespace (unused: Gatewatch reads all namespaces).
        public var namespace: String?
    }

    /// Cluster entries.
    public var clusters: [NamedCluster]
    /// User entries.
    public var users: [NamedUser]
    /// Context entries.
    public var contexts: [NamedContext]
    /// The context used when none is named.
    public var currentContext: String?

    private enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    /// Decodes a kubeconfig; absent or null lists are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try c.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try c.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try c.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        let current = try c.decodeIfPresent(String.self, forKey: .currentContext)
        currentContext = current?.isEmpty == false ? current : nil
    }

    /// An empty kubeconfig.
    public init() {
        clusters = []
        users = []
        contexts = []
        currentContext = nil
    }
}
