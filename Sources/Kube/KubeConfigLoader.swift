#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP
import Inventory
import Yams

/// Resolves a `KubeConnection` the way kubectl does: `--kubeconfig`, else every file of
/// `KUBECONFIG` merged (the first file that sets a cluster, user or context name, or
/// `current-context`, wins; missing files are skipped), else `~/.kube/config`, else the in-cluster
/// service account. `--context` picks the context, else `current-context`. Relative paths in an
/// entry resolve against the directory of the file that defined it.
public enum KubeConfigLoader {
    /// Where a pod's service account credentials are mounted.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Loads the connection for `context` (or the current context).
    /// - Parameters:
    ///   - kubeconfigPath: `--kubeconfig`; when set, only that file is read and it must exist.
    ///   - context: `--context`.
    ///   - environment: the process environment (`KUBECONFIG`, `HOME`, `PATH`, `KUBERNETES_SERVICE_HOST`…).
    ///   - serviceAccountDirectory: where the in-cluster token and CA are (injectable for tests).
    public static func load(kubeconfigPath: String?, context: String?, environment: [String: String],
                            serviceAccountDirectory: String = serviceAccountDirectory) throws(KubeError) -> KubeConnection {
        let paths: [String]
        var mustExist = false
        if let kubeconfigPath, !kubeconfigPath.isEmpty {
            paths = [kubeconfigPath]
            mustExist = true
        } else if let list = environment["KUBECONFIG"], !list.isEmpty {
            paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        } else if let home = environment["HOME"], !home.isEmpty {
            paths = [home + "/.kube/config"]
        } else {
            paths = []
        }
        var files: [(path: String, file: KubeConfigFile)] = []
        for path in paths {
            let data: [UInt8]
            switch InputFile.read(path, limit: InputLimits.maxConfigFileBytes) {
            case .success(let bytes):
                data = bytes
            case .failure(let problem):
                if mustExist || FileManager.default.fileExists(atPath: path) {
                    throw KubeError.config(source: path, message: problem.reason)
                }
                continue
            }
            files.append((path, try decode(Data(data), path: path)))
        }
        let merged = MergedKubeConfig(files: files)
        if merged.isEmpty, context == nil, environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try InClusterConfig.load(environment: environment, directory: serviceAccountDirectory)
        }
        if merged.isEmpty, files.isEmpty {
            throw KubeError.config(source: paths.joined(separator: ":"), message:
                "no kubeconfig found (--kubeconfig, KUBECONFIG or ~/.kube/config) and not running in a pod")
        }
        return try merged.connection(context: context, environment: environment)
    }

    /// Decodes one kubeconfig file's YAML (or JSON).
    public static func decode(_ data: Data, path: String) throws(KubeError) -> KubeConfigFile {
        let text = String(decoding: data, as: UTF8.self)
        do {
            guard let node = try YAMLInput.compose(text) else { return KubeConfigFile() }
            return try YAMLInput.decode(KubeConfigFile.self, from: node)
        } catch {
            throw KubeError.config(source: error.line.map { "\(path):\($0)" } ?? path, message: error.message)
        }
    }
}

/// Kubeconfig files merged by kubectl's rules, each entry remembering the file that defined it.
struct MergedKubeConfig {
    struct Entry<Value> {
        var value: Value
        var file: String
        var directory: String { Self.directory(of: file) }
        static func directory(of file: String) -> String {
            guard let slash = file.lastIndex(of: "/") else { return "." }
            return slash == file.startIndex ? "/" : String(file[..<slash])
        }
    }

    var clusters: [String: Entry<KubeConfigFile.Cluster>] = [:]
    var users: [String: Entry<KubeConfigFile.User>] = [:]
    var contexts: [String: Entry<KubeConfigFile.Context>] = [:]
    var currentContext: String?
    var currentContextFile: String?

    init(files: [(path: String, file: KubeConfigFile)]) {
        for (path, file) in files {
            for entry in file.clusters where clusters[entry.name] == nil {
                clusters[entry.name] = Entry(value: entry.cluster, file: path)
            }
            for entry in file.users where users[entry.name] == nil {
                users[entry.name] = Entry(value: entry.user, file: path)
            }
            for entry in file.contexts where contexts[entry.name] == nil {
                contexts[entry.name] = Entry(value: entry.context, file: path)
            }
            if currentContext == nil, let current = file.currentContext {
                currentContext = current
                currentContextFile = path
            }
        }
    }

    var isEmpty: Bool { clusters.isEmpty && users.isEmpty && contexts.isEmpty && currentContext == nil }

    func connection(context requested: String?, environment: [String: String]) throws(KubeError) -> KubeConnection {
        guard let contextName = requested ?? currentContext else {
            throw KubeError.config(source: nil, message: "no current-context is set; pass --context NAME")
        }
        guard let context = contexts[contextName] else {
            throw KubeError.config(source: nil, message: "context '\(contextName)' not found")
        }
        guard let clusterName = context.value.cluster, let cluster = clusters[clusterName] else {
            throw KubeError.config(source: context.file,
                                   message: "context '\(contextName)': cluster '\(context.value.cluster ?? "")' not found")
        }
        guard let server = cluster.value.server, !server.isEmpty else {
            throw KubeError.config(source: cluster.file, message: "cluster '\(clusterName)' has no server")
        }
        var warnings: [String] = []
        var tls = TLSOptions()
        tls.serverName = cluster.value.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        if let data = cluster.value.certificateAuthorityData, !data.isEmpty {
            tls.certificateAuthority = .data(try Self.base64(data, field: "certificate-authority-data", file: cluster.file))
        } else if let path = cluster.value.certificateAuthority, !path.isEmpty {
            tls.certificateAuthority = .file(Self.resolve(path, in: cluster.directory))
        }
        if cluster.value.insecureSkipTLSVerify == true {
            if tls.certificateAuthority != nil {
                throw KubeError.config(source: cluster.file, message:
                    "cluster '\(clusterName)': a certificate authority together with insecure-skip-tls-verify is not allowed")
            }
            tls.verifyPeer = false
            warnings.append("WARNING: insecure-skip-tls-verify is set for cluster '\(clusterName)': the API server's "
                + "certificate is NOT verified, so anyone on the network path can impersonate it and capture your credentials")
        }
        let proxy: ProxySetting = cluster.value.proxyURL.flatMap { $0.isEmpty ? nil : ProxySetting.url($0) } ?? .environment

        let userName = context.value.user ?? ""
        var credential = KubeCredential.none
        if !userName.isEmpty {
            guard let user = users[userName] else {
                throw KubeError.config(source: context.file, message: "context '\(contextName)': user '\(userName)' not found")
            }
            let directory = user.directory
            if let data = user.value.clientCertificateData, !data.isEmpty {
                tls.clientCertificate = .data(try Self.base64(data, field: "client-certificate-data", file: user.file))
            } else if let path = user.value.clientCertificate, !path.isEmpty {
                tls.clientCertificate = .file(Self.resolve(path, in: directory))
            }
            if let data = user.value.clientKeyData, !data.isEmpty {
                tls.clientKey = .data(try Self.base64(data, field: "client-key-data", file: user.file))
            } else if let path = user.value.clientKey, !path.isEmpty {
                tls.clientKey = .file(Self.resolve(path, in: directory))
            }
            if (tls.clientCertificate == nil) != (tls.clientKey == nil) {
                throw KubeError.config(source: user.file,
                                       message: "user '\(userName)': a client certificate needs both a certificate and a key")
            }
            if let path = user.value.tokenFile, !path.isEmpty {
                credential = .tokenFile(Self.resolve(path, in: directory))
            } else if let token = user.value.token, !token.isEmpty {
                credential = .token(token)
            } else if let exec = user.value.exec {
                credential = .exec(try Self.execSpec(exec, user: userName, file: user.file, directory: directory,
                                                     server: server, environment: environment))
            } else if tls.clientCertificate == nil {
                if let provider = user.value.authProvider {
                    throw KubeError.config(source: user.file, message:
                        "user '\(userName)': auth-provider '\(provider.name ?? "?")' is not supported; use an exec plugin")
                }
                if user.value.username != nil {
                    throw KubeError.config(source: user.file,
                                           message: "user '\(userName)': basic authentication is not supported")
                }
            }
        }
        let trimmed = server.hasSuffix("/") ? String(server.dropLast()) : server
        return KubeConnection(contextName: contextName, clusterName: clusterName, userName: userName, server: trimmed,
                              tls: tls, proxy: proxy, credential: credential, warnings: warnings)
    }

    private static func execSpec(_ exec: KubeConfigFile.ExecConfig, user: String, file: String, directory: String,
                                 server: String, environment: [String: String]) throws(KubeError) -> ExecPluginSpec {
        let apiVersion = exec.apiVersion ?? ""
        guard ExecCredentialPlugin.supportedAPIVersions.contains(apiVersion) else {
            throw KubeError.config(source: file, message: "user '\(user)': exec apiVersion '\(apiVersion)' is not supported; "
                + "expected one of \(ExecCredentialPlugin.supportedAPIVersions.joined(separator: ", "))")
        }
        guard exec.interactiveMode != nil || !apiVersion.hasSuffix("/v1") else {
            throw KubeError.config(source: file, message:
                "user '\(user)': exec interactiveMode is required for \(apiVersion) (Never, IfAvailable or Always)")
        }
        let mode = exec.interactiveMode ?? "IfAvailable"
        guard ["Never", "IfAvailable", "Always"].contains(mode) else {
            throw KubeError.config(source: file, message:
                "user '\(user)': exec interactiveMode '\(mode)' is invalid; expected Never, IfAvailable or Always")
        }
        var command = exec.command
        if command.contains("/"), !command.hasPrefix("/") { command = resolve(command, in: directory) }
        var env = environment
        for variable in exec.env ?? [] { env[variable.name] = variable.value }
        return ExecPluginSpec(apiVersion: apiVersion, command: command, arguments: exec.args ?? [], environment: env,
                              interactiveMode: mode, installHint: exec.installHint,
                              clusterServer: exec.provideClusterInfo == true ? server : nil)
    }

    static func resolve(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return path }
        return directory + "/" + path
    }

    static func base64(_ text: String, field: String, file: String) throws(KubeError) -> [UInt8] {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw KubeError.config(source: file, message: "\(field) is not valid base64")
        }
        return [UInt8](data)
    }
}
