import Foundation
import TestSupport
import Testing

/// Marker secrets planted in every place a secret can come from (a kubeconfig token, an exec
/// plugin's token and its error output, AWS keys and session tokens from the environment and from
/// `credential_process`, annotation values) never appear in anything Gatewatch writes: stdout,
/// stderr, snapshot bundles, the journal, or the command lines of the helpers it starts
/// (issue #18).
@Suite("Secret markers", .serialized)
struct SecretMarkerTests {
    static let markers = ["MARKER-KUBE-TOKEN-7391", "MARKER-EXEC-TOKEN-2718", "MARKERexecSTDERRaZ8kQ2mN5pL7vX3c",
                          "MARKER-ENV-SECRET-1123", "MARKER-ENV-SESSION-5813", "MARKER-CP-SECRET-1618",
                          "MARKER-CP-SESSION-1414", "MARKER-ANNOTATION-5150"]

    private func leaks(_ text: String) -> [String] {
        Self.markers.filter { text.contains($0) }
    }

    private func write(_ path: URL, _ text: String, executable: Bool = false) throws {
        if executable {
            try ExecutableScript.write(text, to: path.path)
        } else {
            try text.write(to: path, atomically: true, encoding: .utf8)
        }
    }

    @Test("no planted secret reaches stdout, stderr, a snapshot, the journal or a helper's command line")
    func markersNeverLeak() throws {
        let kube = try DemoPeers.kubeStandIn()
        defer { kube.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }

        // An annotation Gatewatch does not read, holding a secret, on a pod the cluster serves.
        try kube.admin("/mutate", """
            {"op":"add","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"leaky","namespace":"checkout",
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"password\\":\\"MARKER-ANNOTATION-5150\\"}",
                            "vault.hashicorp.com/secret":"MARKER-ANNOTATION-5150"}},
             "spec":{"nodeName":"ip-10-0-1-10.ec2.internal","containers":[{"name":"c","image":"x"}]},
             "status":{"phase":"Running","podIP":"10.0.1.249"}}}
            """)

        // Helpers record their own and their parent's command lines.
        let argvLog = home.appendingPathComponent("argv.log")
        let recordArgv = "tr '\\0' ' ' < /proc/$$/cmdline >> '\(argvLog.path)'; echo >> '\(argvLog.path)'; "
            + "tr '\\0' ' ' < /proc/$PPID/cmdline >> '\(argvLog.path)'; echo >> '\(argvLog.path)'"
        let plugin = home.appendingPathComponent("plugin.sh")
        try write(plugin, """
            #!/bin/sh
            \(recordArgv)
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"MARKER-EXEC-TOKEN-2718"}}'
            """, executable: true)
        let failingPlugin = home.appendingPathComponent("failing-plugin.sh")
        try write(failingPlugin, """
            #!/bin/sh
            \(recordArgv)
            echo "error: token MARKERexecSTDERRaZ8kQ2mN5pL7vX3c was refused" >&2
            exit 1
            """, executable: true)
        let credentialProcess = home.appendingPathComponent("credential-process.sh")
        try write(credentialProcess, """
            #!/bin/sh
            \(recordArgv)
            echo '{"Version":1,"AccessKeyId":"AKIDMARKERCP","SecretAccessKey":"MARKER-CP-SECRET-1618","SessionToken":"MARKER-CP-SESSION-1414"}'
            """, executable: true)
        let awsConfig = home.appendingPathComponent("aws-config")
        try write(awsConfig, "[profile marker]\nregion = us-east-1\ncredential_process = \(credentialProcess.path)\n")

        let original = try String(contentsOfFile: try kube.string("kubeconfig"), encoding: .utf8)
        let token = try kube.string("token")
        func kubeconfig(_ name: String, user: String) throws -> String {
            let path = home.appendingPathComponent(name)
            try write(path, original.replacingOccurrences(of: "    token: \"\(token)\"", with: user))
            return path.path
        }
        let badToken = try kubeconfig("bad-token", user: "    token: \"MARKER-KUBE-TOKEN-7391\"")
        let exec = try kubeconfig("exec", user: """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(plugin.path)
                  interactiveMode: Never
            """)
        let failingExec = try kubeconfig("failing-exec", user: """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(failingPlugin.path)
                  interactiveMode: Never
            """)
        let good = try kube.string("kubeconfig")

        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
                           "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true",
                           "AWS_CONFIG_FILE": awsConfig.path, "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("none").path]
        let deadAWS = ["--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"]
        var outputs: [(String, String)] = []
        func run(_ label: String, _ arguments: [String], _ env: [String: String]) throws {
            let result = try CommandRunner.run(arguments: arguments, environment: env)
            outputs.append((label, result.stdout + result.stderr))
        }
        let envKeys = environment.merging(["AWS_ACCESS_KEY_ID": "AKIDMARKERENV", "AWS_SECRET_ACCESS_KEY": "MARKER-ENV-SECRET-1123",
                                           "AWS_SESSION_TOKEN": "MARKER-ENV-SESSION-5813"]) { $1 }
        try run("bad kube token", ["get", "gateways", "--kubeconfig", badToken] + deadAWS, envKeys)
        try run("exec plugin token", ["get", "gateways", "--kubeconfig", exec] + deadAWS, envKeys)
        try run("failing exec plugin", ["get", "gateways", "--kubeconfig", failingExec] + deadAWS, envKeys)
        try run("credential_process", ["get", "eips", "--kubeconfig", good, "--profile", "marker"] + deadAWS, environment)
        let bundle = home.appendingPathComponent("bundle").path
        try run("snapshot", ["snapshot", "--out", bundle, "--kubeconfig", good] + deadAWS, envKeys)
        let journal = home.appendingPathComponent("journal.sqlite").path
        try run("journal import", ["journal", "import", bundle, "--at", "2026-01-01T00:00:00Z", "--journal", journal], environment)
        environment["GATEWATCH_JOURNAL"] = journal
        try run("whois --at", ["whois", "10.0.1.249", "--at", "2026-01-01T00:00:01Z", "--journal", journal], environment)

        for (label, text) in outputs {
            #expect(leaks(text).isEmpty, "\(label) wrote \(leaks(text)): \(text.prefix(400))")
        }
        // The snapshot holds the pod, without the annotation values.
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: bundle))
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: bundle + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[next] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: bundle + "/" + next)), as: UTF8.self)
            }
        }
        #expect(files["cluster/pods.json"]?.contains("\"leaky\"") == true)
        for (name, text) in files { #expect(leaks(text).isEmpty, "bundle file \(name) holds \(leaks(text))") }
        #expect(FileManager.default.fileExists(atPath: journal), "no journal was written")
        #expect(outputs.first { $0.0 == "whois --at" }?.1.contains("leaky") == true, "the journal does not hold the pod: \(outputs.suffix(2).map { $0.1.prefix(300) })")
        for suffix in ["", "-wal"] {
            guard let data = FileManager.default.contents(atPath: journal + suffix) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(leaks(text).isEmpty, "journal\(suffix) holds \(leaks(text))")
            if suffix.isEmpty { #expect(text.contains("leaky")) }
        }
        let argv = (try? String(contentsOf: argvLog, encoding: .utf8)) ?? ""
        #expect(argv.contains(plugin.path) && argv.contains(credentialProcess.path), "the helpers did not run: \(argv)")
        #expect(leaks(argv).isEmpty, "a helper's command line holds \(leaks(argv))")
    }
}
