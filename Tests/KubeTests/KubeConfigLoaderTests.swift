import Foundation
import HTTP
import Kube
import Testing

@Suite("kubeconfig loading and merging")
struct KubeConfigLoaderTests {
    @Test("with KUBECONFIG, the first file that defines a cluster name wins")
    func firstFileDefiningAClusterWins() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", kubeconfig(server: "https://first:6443"))
        let b = try dir.write("b", kubeconfig(server: "https://second:6443"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil, environment: ["KUBECONFIG": "\(a):\(b)"])
        #expect(connection.server == "https://first:6443")
    }

    @Test("current-context comes from the first file that sets it")
    func currentContextFromFirstFileSettingIt() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", kubeconfig(cluster: "ca", server: "https://a:1", user: "ua", context: "one", current: nil))
        let b = try dir.write("b", kubeconfig(cluster: "cb", server: "https://b:1", user: "ub", context: "two", current: "two"))
        let c = try dir.write("c", kubeconfig(cluster: "cc", server: "https://c:1", user: "uc", context: "three", current: "three"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil,
                                                   environment: ["KUBECONFIG": "\(a):\(b):\(c)"])
        #expect(connection.contextName == "two")
        #expect(connection.server == "https://b:1")
    }

    @Test("a context may use a cluster and a user defined in other files")
    func entriesMergeAcrossFiles() throws {
        let dir = try TemporaryDirectory()
        let clusters = try dir.write("clusters", """
            clusters:
            - name: prod
              cluster: {server: "https://prod:443"}
            """)
        let rest = try dir.write("rest", """
            users:
            - name: me
              user: {token: t0k}
            contexts:
            - name: p
              context: {cluster: prod, user: me}
            current-context: p
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil,
                                                   environment: ["KUBECONFIG": "\(clusters):\(rest)"])
        #expect(connection.server == "https://prod:443")
        #expect(connection.credential == .token("t0k"))
    }

    @Test("files listed in KUBECONFIG that do not exist are skipped")
    func missingKubeconfigFilesAreSkipped() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", kubeconfig())
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil,
                                                   environment: ["KUBECONFIG": "\(dir.path)/missing:\(a)"])
        #expect(connection.server == "https://a.example:6443")
    }

    @Test("--kubeconfig replaces KUBECONFIG and must exist")
    func explicitKubeconfigReplacesEnvironment() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", kubeconfig(server: "https://env:1"))
        let b = try dir.write("b", kubeconfig(server: "https://flag:1"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: b, context: nil, environment: ["KUBECONFIG": a])
        #expect(connection.server == "https://flag:1")
        #expect(throws: KubeError.self) {
            try KubeConfigLoader.load(kubeconfigPath: dir.path + "/nope", context: nil, environment: [:])
        }
    }

    @Test("without KUBECONFIG, ~/.kube/config is read")
    func homeKubeconfigIsTheDefault() throws {
        let dir = try TemporaryDirectory()
        try dir.write(".kube/config", kubeconfig(server: "https://home:1"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil, environment: ["HOME": dir.path])
        #expect(connection.server == "https://home:1")
    }

    @Test("--context overrides current-context, and an unknown context is an error naming it")
    func contextFlagSelectsTheContext() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a", kubeconfig(cluster: "ca", server: "https://a:1", user: "ua", context: "one", current: "one"))
        let b = try dir.write("b", kubeconfig(cluster: "cb", server: "https://b:1", user: "ub", context: "two", current: nil))
        let env = ["KUBECONFIG": "\(a):\(b)"]
        #expect(try KubeConfigLoader.load(kubeconfigPath: nil, context: "two", environment: env).server == "https://b:1")
        do {
            _ = try KubeConfigLoader.load(kubeconfigPath: nil, context: "three", environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("'three'"))
        }
    }

    @Test("relative certificate, key and token paths resolve against the file that defines them")
    func relativePathsResolveAgainstDefiningFile() throws {
        let dir = try TemporaryDirectory()
        let clusterFile = try dir.write("clusters/config", """
            clusters:
            - name: c
              cluster: {server: "https://x:1", certificate-authority: ca.crt}
            """)
        let userFile = try dir.write("users/config", """
            users:
            - name: u
              user: {client-certificate: certs/me.crt, client-key: certs/me.key, tokenFile: tok}
            contexts:
            - name: ctx
              context: {cluster: c, user: u}
            current-context: ctx
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil,
                                                   environment: ["KUBECONFIG": "\(userFile):\(clusterFile)"])
        #expect(connection.tls.certificateAuthority == .file(dir.path + "/clusters/ca.crt"))
        #expect(connection.tls.clientCertificate == .file(dir.path + "/users/certs/me.crt"))
        #expect(connection.tls.clientKey == .file(dir.path + "/users/certs/me.key"))
        #expect(connection.credential == .tokenFile(dir.path + "/users/tok"))
    }

    @Test("inline certificate data is base64-decoded into memory")
    func inlineDataIsDecoded() throws {
        let dir = try TemporaryDirectory()
        let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        let encoded = Data(pem.utf8).base64EncodedString()
        let file = try dir.write("a", kubeconfig(
            clusterFields: "    certificate-authority-data: \(encoded)",
            userFields: "      client-certificate-data: \(encoded)\n      client-key-data: \(encoded)"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:])
        #expect(connection.tls.certificateAuthority == .data(Array(pem.utf8)))
        #expect(connection.tls.clientCertificate == .data(Array(pem.utf8)))
        #expect(connection.tls.clientKey == .data(Array(pem.utf8)))
    }

    @Test("insecure-skip-tls-verify turns verification off with a loud warning")
    func insecureSkipVerifyWarns() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(clusterFields: "    insecure-skip-tls-verify: true"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:])
        #expect(connection.tls.verifyPeer == false)
        #expect(connection.warnings.count == 1)
        #expect(connection.warnings.first?.hasPrefix("WARNING") == true)
    }

    @Test("tls-server-name and proxy-url are carried into the connection")
    func serverNameAndProxyAreUsed() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(
            clusterFields: "    tls-server-name: kubernetes\n    proxy-url: http://proxy.example:3128"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:])
        #expect(connection.tls.serverName == "kubernetes")
        #expect(connection.proxy == .url("http://proxy.example:3128"))
    }

    @Test("an exec user resolves a relative command against the kubeconfig and merges its env")
    func execUserIsResolved() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(userFields: """
                  exec:
                    apiVersion: client.authentication.k8s.io/v1beta1
                    command: ./bin/get-token
                    args: [eks, get-token]
                    env:
                    - {name: AWS_PROFILE, value: prod}
            """))
        let connection = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: ["PATH": "/usr/bin"])
        guard case .exec(let spec) = connection.credential else {
            Issue.record("expected an exec credential")
            return
        }
        #expect(spec.command == dir.path + "/./bin/get-token")
        #expect(spec.arguments == ["eks", "get-token"])
        #expect(spec.environment["AWS_PROFILE"] == "prod")
        #expect(spec.environment["PATH"] == "/usr/bin")
        #expect(spec.interactiveMode == "IfAvailable")
    }

    @Test("an exec plugin with an unknown apiVersion is rejected")
    func execUnknownAPIVersionIsRejected() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(userFields: """
                  exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}
            """))
        #expect(throws: KubeError.self) { try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:]) }
    }

    @Test("without any kubeconfig, the in-cluster service account is used")
    func inClusterConfiguration() throws {
        let dir = try TemporaryDirectory()
        try dir.write("sa/token", "service-token\n")
        try dir.write("sa/ca.crt", "pem")
        let connection = try KubeConfigLoader.load(
            kubeconfigPath: nil, context: nil,
            environment: ["HOME": dir.path, "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: dir.path + "/sa")
        #expect(connection.server == "https://10.96.0.1:443")
        #expect(connection.credential == .tokenFile(dir.path + "/sa/token"))
        #expect(connection.tls.certificateAuthority == .file(dir.path + "/sa/ca.crt"))
        #expect(connection.contextName == nil)
    }

    @Test("a connection's description shows no token")
    func descriptionHidesToken() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(userFields: "      token: sekrit-token-value"))
        let connection = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:])
        #expect(!connection.description.contains("sekrit"))
        #expect(!String(describing: connection.credential).contains("sekrit"))
    }

    @Test("with no kubeconfig anywhere and no service account, the error says where it looked")
    func noConfigurationAtAll() throws {
        let dir = try TemporaryDirectory()
        do {
            _ = try KubeConfigLoader.load(kubeconfigPath: nil, context: nil, environment: ["HOME": dir.path])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("no kubeconfig found"))
        }
    }

    @Test("a v1 exec plugin without interactiveMode is rejected, as kubectl does")
    func v1ExecNeedsInteractiveMode() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("a", kubeconfig(userFields: """
                  exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}
            """))
        do {
            _ = try KubeConfigLoader.load(kubeconfigPath: file, context: nil, environment: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("interactiveMode is required"))
        }
    }
}
