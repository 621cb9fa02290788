import Foundation
import TestSupport
import Testing

/// Marker secrets planted where secrets come from — the cluster's bearer token (through an exec
/// plugin), AWS keys and a session token printed by `credential_process`, a secret annotation,
/// secrets inside firewall syslog and flow-log text — never appear in anything the running
/// console and the commands beside it write: every view's screen (tmux capture), the console's
/// journal, `record`'s log file and journal, `snapshot` bundles, stdout and stderr, the command
/// lines of Gatewatch and its helpers (`/proc/PID/cmdline`), and what `traffic` echoes of the
/// log lines it reads (issue #18).
@Suite("Secret markers in the console", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct SecretMarkerConsoleTests {
    static let awsMarkers = ["MARKER-CP-SECRET-2929", "MARKER-CP-SESSION-3131"]
    static let annotationMarker = "MARKER-ANNOTATION-7070"
    static let logMarkers = ["MARKER-SYSLOG-PASSWORD-8181", "MARKER-FLOW-TOKEN-9191"]

    /// The markers found in `text`.
    private func leaks(_ text: String, markers: [String]) -> [String] {
        markers.filter { text.contains($0) }
    }

    /// Every regular file under `directory`, as text.
    private func files(under directory: String) -> [String: String] {
        var out: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return out }
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + next
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = FileManager.default.contents(atPath: path) {
                out[next] = String(decoding: data, as: UTF8.self)
            }
        }
        return out
    }

    @Test("no planted secret reaches a screen, journal, log, bundle, output, argv or echoed log text")
    func markersNeverLeak() throws {
        let peers = try LiveFaultPeers()
        let home = peers.home
        let kubeToken = try peers.kube.string("token")
        let markers = [kubeToken] + Self.awsMarkers + [Self.annotationMarker] + Self.logMarkers
        #expect(kubeToken.count >= 16, "the stand-in's token is too short to be a marker")

        // A pod with secret annotations Gatewatch does not read.
        try peers.kube.admin("/mutate", """
            {"op":"add","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"leaky","namespace":"checkout",
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"password\\":\\"\(Self.annotationMarker)\\"}",
                            "vault.hashicorp.com/secret":"\(Self.annotationMarker)"}},
             "spec":{"nodeName":"ip-10-0-1-10.ec2.internal","containers":[{"name":"c","image":"x"}]},
             "status":{"phase":"Running","podIP":"10.0.1.249"}}}
            """)

        // Helpers log their own command line and their parent's (Gatewatch's) to argv.log.
        let argvLog = home.appendingPathComponent("argv.log").path
        let recordArgv = "tr '\\0' ' ' < /proc/$$/cmdline >> '\(argvLog)'; echo >> '\(argvLog)'; "
            + "tr '\\0' ' ' < /proc/$PPID/cmdline >> '\(argvLog)'; echo >> '\(argvLog)'"
        let plugin = home.appendingPathComponent("token-plugin.sh")
        try ExecutableScript.write("""
            #!/bin/sh
            \(recordArgv)
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(kubeToken)"}}'
            """, to: plugin.path)
        let credentialProcess = home.appendingPathComponent("aws-creds.sh")
        try ExecutableScript.write("""
            #!/bin/sh
            \(recordArgv)
            echo '{"Version":1,"AccessKeyId":"AKIDMARKERCONSOLE","SecretAccessKey":"\(Self.awsMarkers[0])","SessionToken":"\(Self.awsMarkers[1])"}'
            """, to: credentialProcess.path)
        let awsConfig = home.appendingPathComponent("aws-config")
        try "[profile marker]\nregion = us-east-1\ncredential_process = \(credentialProcess.path)\n"
            .write(to: awsConfig, atomically: true, encoding: .utf8)
        let original = try String(contentsOfFile: try peers.kube.string("kubeconfig"), encoding: .utf8)
        #expect(original.contains("    token: \"\(kubeToken)\""))
        let kubeconfig = home.appendingPathComponent("kubeconfig-exec")
        try original.replacingOccurrences(of: "    token: \"\(kubeToken)\"", with: """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(plugin.path)
                  interactiveMode: Never
            """).write(to: kubeconfig, atomically: true, encoding: .utf8)
        let motoURL = try peers.moto.string("url")

        // The console: every view, the help, a whois of the leaky pod's address.
        let pane = try TmuxPane(width: 200, height: 60)
        defer { pane.kill() }
        try pane.launch("--kubeconfig '\(kubeconfig.path)' --profile marker --endpoint-url \(motoURL) --poll-interval 5",
                        environment: peers.environment(aws: "AWS_CONFIG_FILE='\(awsConfig.path)' "
                                                       + "AWS_SHARED_CREDENTIALS_FILE=/nonexistent"))
        try pane.waitUntil("the cluster side live", timeout: 60) {
            $0.contains("Gateways (7)") && !LiveFaultPeers.header($0).contains("STALE")
        }
        try pane.type("3")
        try pane.waitUntil("the AWS side live", timeout: 30) {
            $0.contains("Elastic IPs (6)") && !LiveFaultPeers.header($0).contains("STALE")
        }
        var screens: [(String, String)] = []
        for key in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "?"] {
            try pane.type(key)
            Thread.sleep(forTimeInterval: 0.4)
            screens.append(("view \(key)", try pane.screen()))
            try pane.press("Escape")
        }
        try pane.type("1")
        try pane.type(":whois 10.0.1.249")
        try pane.press("Enter")
        screens.append(("whois leaky", try pane.waitFor("leaky", timeout: 10)))
        let consoleStateDirectory = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/\(pane.socket)-state"

        // Beside it: snapshot, record with a log file, traffic over logs holding secrets.
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "XDG_CONFIG_HOME": "/nonexistent",
                           "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                           "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": awsConfig.path,
                           "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        let live = ["--kubeconfig", kubeconfig.path, "--profile", "marker", "--endpoint-url", motoURL]
        var outputs: [(String, String)] = []
        let bundle = home.appendingPathComponent("bundle").path
        let snapshot = try GatewatchBinary.run(["snapshot", "--out", bundle] + live, environment: environment)
        #expect(snapshot.exitCode == 0, "snapshot failed: \(snapshot.stderr)")
        outputs.append(("snapshot", snapshot.stdout + snapshot.stderr))

        let recordJournal = home.appendingPathComponent("record.sqlite").path
        let recordLog = home.appendingPathComponent("record.log").path
        let recorder = try BackgroundProcess(executable: TmuxPane.executable,
                                             arguments: ["record", "--journal", recordJournal, "--log-file", recordLog,
                                                         "--log-level", "debug"] + live,
                                             environment: environment, stderrPath: home.appendingPathComponent("record.err").path)
        let recorded = Date().addingTimeInterval(60)
        func journalBytes() -> Int {
            ["", "-wal"].reduce(0) { $0 + (FileManager.default.contents(atPath: recordJournal + $1)?.count ?? 0) }
        }
        while Date() < recorded, journalBytes() < 65_536 {
            Thread.sleep(forTimeInterval: 0.5)
        }
        Thread.sleep(forTimeInterval: 3)
        recorder.send(SIGTERM)
        #expect(recorder.waitForExit(timeout: 20) != nil, "record did not stop on SIGTERM")
        outputs.append(("record stderr", recorder.stderr))

        let syslog = home.appendingPathComponent("secret.log")
        try """
            <166>Dec 06 2026 10:00:12 ftd-egress : %FTD-6-302013: Built outbound TCP connection 880412 for outside:103.47.244.10/443 (103.47.244.10/443) to inside:10.0.41.20/40112 (10.0.41.20/40112) user=admin password=\(Self.logMarkers[0])
            <166>Dec 06 2026 10:00:13 ftd-egress : %FTD-6-302013: Built outbound TCP connection password=\(Self.logMarkers[0])
            <166>Dec 06 2026 10:00:14 ftd-egress : %FTD-6-999999: https://example.com/?token=\(Self.logMarkers[0])
            password=\(Self.logMarkers[0]) not a syslog line at all

            """.write(to: syslog, atomically: true, encoding: .utf8)
        let flow = home.appendingPathComponent("flow.log")
        try """
            version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
            2 123456789012 eni-0510b72d69e7aab6c 10.0.41.250 103.47.244.10 40112 443 6 10 840 1796551212 1796551258 ACCEPT OK
            2 123456789012 \(Self.logMarkers[1]) 10.0.41.250 103.47.244.10 40112 443 6 10 840 1796551212 1796551258 ACCEPT OK
            2 123456789012 \(Self.logMarkers[1]) not-an-address 103.47.244.10 40112 443 6 10 840 1796551212 1796551258 ACCEPT OK
            2 123456789012 \(Self.logMarkers[1]) 10.0.41.250 103.47.244.10 40112 443 6 10 840 1796551212 1796551258 MAYBE OK
            2 \(Self.logMarkers[1]) eni-0510b72d69e7aab6c 10.0.41.250 103.47.244.10 40112 443 6 10 840 1796551212 1796551258

            """.write(to: flow, atomically: true, encoding: .utf8)
        for format in [["-o", "table"], ["-o", "json"], ["--by", "destination"]] {
            let traffic = try GatewatchBinary.run(["traffic", "--demo", "--syslog", syslog.path, "--flow-logs", flow.path]
                                                       + format, environment: environment)
            #expect(traffic.exitCode != 2 || traffic.stderr.contains("line"), "traffic failed: \(traffic.stderr)")
            outputs.append(("traffic \(format)", traffic.stdout + traffic.stderr))
        }
        // The same lines live: `traffic --syslog-listen` receives them from util-linux logger.
        let port = Int.random(in: 30_000..<45_000)
        let listenOut = home.appendingPathComponent("listen.out").path
        let listenErr = home.appendingPathComponent("listen.err").path
        let listening = Process()
        listening.executableURL = URL(fileURLWithPath: "/bin/sh")
        listening.arguments = ["-c", """
            '\(TmuxPane.executable)' traffic --demo --syslog-listen udp://127.0.0.1:\(port) --listen-for 4 \
                > '\(listenOut)' 2> '\(listenErr)' &
            sleep 1.5
            grep -v '^$' '\(syslog.path)' | sed 's/^<[0-9]*>//' \
                | /usr/bin/logger --server 127.0.0.1 --port \(port) --udp --rfc3164 -t ftd-egress
            wait
            """]
        listening.environment = environment
        try listening.run()
        listening.waitUntilExit()
        let listened = ((try? String(contentsOfFile: listenOut, encoding: .utf8)) ?? "")
            + ((try? String(contentsOfFile: listenErr, encoding: .utf8)) ?? "")
        #expect(!listened.isEmpty, "traffic --syslog-listen wrote nothing")
        outputs.append(("traffic --syslog-listen", listened))
        environment["XDG_STATE_HOME"] = home.path

        // What everything wrote.
        for (label, screen) in screens {
            #expect(leaks(screen, markers: markers).isEmpty, "\(label) shows \(leaks(screen, markers: markers))")
        }
        for (label, text) in outputs {
            #expect(leaks(text, markers: markers).isEmpty, "\(label) wrote \(leaks(text, markers: markers)): \(text.prefix(400))")
        }
        let consoleFiles = files(under: consoleStateDirectory)
        #expect(consoleFiles.values.contains { $0.contains("leaky") }, "the console recorded no journal holding the pod: \(consoleFiles.keys)")
        for (name, text) in consoleFiles {
            #expect(leaks(text, markers: markers).isEmpty, "console state file \(name) holds \(leaks(text, markers: markers))")
        }
        let bundleFiles = files(under: bundle)
        #expect(bundleFiles["cluster/pods.json"]?.contains("\"leaky\"") == true)
        for (name, text) in bundleFiles {
            #expect(leaks(text, markers: markers).isEmpty, "bundle file \(name) holds \(leaks(text, markers: markers))")
        }
        let recordLogText = (try? String(contentsOfFile: recordLog, encoding: .utf8)) ?? ""
        #expect(!recordLogText.isEmpty, "record wrote no log")
        #expect(leaks(recordLogText, markers: markers).isEmpty, "record's log holds \(leaks(recordLogText, markers: markers))")
        var recordJournalText = ""
        for suffix in ["", "-wal"] {
            if let data = FileManager.default.contents(atPath: recordJournal + suffix) {
                recordJournalText += String(decoding: data, as: UTF8.self)
            }
        }
        #expect(recordJournalText.contains("leaky"), "record's journal does not hold the pod")
        #expect(leaks(recordJournalText, markers: markers).isEmpty, "record's journal holds \(leaks(recordJournalText, markers: markers))")
        let argv = (try? String(contentsOfFile: argvLog, encoding: .utf8)) ?? ""
        #expect(argv.contains(plugin.path) && argv.contains(credentialProcess.path), "the helpers did not run: \(argv)")
        #expect(argv.contains(TmuxPane.executable), "no Gatewatch command line was recorded: \(argv)")
        #expect(leaks(argv, markers: markers).isEmpty, "a command line holds \(leaks(argv, markers: markers))")

        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }
}
