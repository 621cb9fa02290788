import Foundation
import Testing
import TestSupport

/// `gatewatch record` as a daemon against the Kubernetes stand-in (serving the demo bundle): it
/// records what the cluster does, so `whois --at` and `trace --at` answer for the past; it stops
/// cleanly on SIGTERM, reopens its log on SIGHUP, refuses a second writer, survives `kill -9`
/// with at most its last second lost, and fails clearly on a journal it cannot write.
@Suite(.serialized) struct RecordCommandTests {
    /// A scratch directory, a stand-in and helpers around one recorder.
    final class Session {
        let root: String
        let kube: PeerProcess
        var journal: String { root + "/journal.sqlite" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            kube = try DemoPeers.kubeStandIn()
        }

        deinit {
            kube.stop()
            try? FileManager.default.removeItem(atPath: root)
        }

        /// The environment of a recorder: no AWS credentials (the EC2 side fails and is logged,
        /// the cluster side records), no configuration directory.
        var environment: [String: String] {
            ["PATH": "/usr/bin:/bin", "HOME": root, "XDG_CONFIG_HOME": root + "/config", "XDG_STATE_HOME": root + "/state",
             "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": root + "/none", "AWS_SHARED_CREDENTIALS_FILE": root + "/none",
             "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:9"]
        }

        /// Starts `gatewatch record` on the stand-in into `journal` (or `path`).
        func startRecorder(journal path: String? = nil, extra: [String] = [], wrapper: String? = nil,
                           log name: String = "record.log", level: String = "debug") throws -> BackgroundProcess {
            try BackgroundProcess(executable: CommandRunner.executable.path,
                                  arguments: ["record", "--kubeconfig", try kube.string("kubeconfig"),
                                              "--journal", path ?? journal, "--log-level", level] + extra,
                                  environment: environment, stderrPath: root + "/" + name, wrapper: wrapper)
        }

        /// POSTs `body` to the stand-in's admin API.
        func admin(_ path: String, _ body: String) throws {
            try kube.admin(path, body)
        }

        /// Adds a running pod `payments/NAME` with address `ip`.
        func addPod(_ name: String, ip: String) throws {
            try admin("/mutate", """
                {"op":"add","object":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"\(name)","namespace":"payments","labels":{"app":"payments-api"},
                             "creationTimestamp":"\(Self.now())"},
                 "spec":{"nodeName":"ip-10-0-6-42.ec2.internal","containers":[{"name":"app","image":"registry.example/app:1"}]},
                 "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}],"hostIP":"10.0.6.42",
                           "conditions":[{"type":"Ready","status":"True"}]}}}
                """)
        }

        /// Deletes the pod `payments/NAME`.
        func deletePod(_ name: String) throws {
            try admin("/mutate", #"{"op":"delete","apiVersion":"v1","kind":"Pod","namespace":"payments","name":"\#(name)"}"#)
        }

        /// `whois IP --at TIME --journal J -o json` as an object.
        func whois(_ ip: String, at time: String) throws -> [String: Any] {
            let result = try CommandRunner.run(arguments: ["whois", ip, "--at", time, "--journal", journal, "-o", "json"])
            guard result.exitCode == 0 else { throw RecordTestFailure("whois --at \(time): \(result.stderr)") }
            return try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        }

        /// Polls `whois IP --at now` until `condition` holds on its workloads (within 30 s).
        func waitForWorkloads(_ ip: String, _ what: String, _ condition: ([String]) -> Bool) throws {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if let object = try? whois(ip, at: "now"), condition(object["workloads"] as? [String] ?? []) { return }
                usleep(200_000)
            }
            throw RecordTestFailure("the journal never showed \(what)")
        }

        /// The current time as ISO-8601 with milliseconds.
        static func now() -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: Date())
        }
    }

    @Test func anAddressReusedByAnotherPodIsAnsweredForEachMoment() throws {
        let session = try Session()
        let recorder = try session.startRecorder()
        let ip = "192.168.91.200"
        try session.addPod("reuse-first", ip: ip)
        try session.waitForWorkloads(ip, "the first pod") { $0 == ["payments/reuse-first"] }
        let whileFirst = Session.now()
        try session.deletePod("reuse-first")
        try session.waitForWorkloads(ip, "the address freed") { $0.isEmpty }
        try session.addPod("reuse-second", ip: ip)
        try session.waitForWorkloads(ip, "the second pod") { $0 == ["payments/reuse-second"] }
        let whileSecond = Session.now()
        recorder.send(SIGTERM)
        #expect(recorder.waitForExit(timeout: 30) == 0, "\(recorder.stderr)")

        let before = try session.whois(ip, at: whileFirst)
        #expect(before["kind"] as? String == "pod")
        #expect(before["workloads"] as? [String] == ["payments/reuse-first"])
        let after = try session.whois(ip, at: whileSecond)
        #expect(after["workloads"] as? [String] == ["payments/reuse-second"])
        // The history names both owners, the first ended before the second began.
        let history = try #require(after["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["owner"] as? String } == ["payments/reuse-first", "payments/reuse-second"])
        let firstEnd = try #require(history.first?["to"] as? String)
        let secondStart = try #require(history.last?["from"] as? String)
        #expect(firstEnd <= secondStart)
        #expect(history.last?["to"] is NSNull)
    }

    @Test func aPolicyChangeGivesTheOldGatewayBeforeAndTheNewAfter() throws {
        let session = try Session()
        let recorder = try session.startRecorder()
        // Known state first: a marker pod recorded means the initial list is in the journal.
        try session.addPod("marker-before", ip: "192.168.91.201")
        try session.waitForWorkloads("192.168.91.201", "the marker") { $0 == ["payments/marker-before"] }
        let beforeChange = Session.now()
        // The mainframe rule now sends 172.16.0.0/24 through the DLP gateways.
        try session.admin("/mutate", """
            {"op":"patch","apiVersion":"projectcalico.org/v3","kind":"EgressGatewayPolicy","name":"Cisco-Secure-Firewall",
             "patch":{"spec":{"rules":[
               {"description":"Gateway to Data Loss Prevention","destination":{"cidr":"103.47.244.0/24"},
                "gateway":{"maxNextHops":2,"namespaceSelector":"projectcalico.org/name == 'dlp-service-egw'",
                           "selector":"k8s-app == 'dlp-service-egw'"}},
               {"description":"Gateway to Corporate Mainframe","destination":{"cidr":"172.16.0.0/24"},
                "gateway":{"namespaceSelector":"projectcalico.org/name == 'dlp-service-egw'",
                           "selector":"k8s-app == 'dlp-service-egw'"}},
               {"description":"Local: no gateway","destination":{"cidr":"10.0.0.0/8"}}]}}}
            """)
        try session.addPod("marker-after", ip: "192.168.91.202")
        try session.waitForWorkloads("192.168.91.202", "the change") { $0 == ["payments/marker-after"] }
        let afterChange = Session.now()
        recorder.send(SIGTERM)
        #expect(recorder.waitForExit(timeout: 30) == 0, "\(recorder.stderr)")

        func gateways(at time: String, journal: String) throws -> [String] {
            let result = try CommandRunner.run(arguments: ["trace", "--pod", "payments/payments-api-7f9c6d8b4-2xv9q",
                                                           "--dst", "172.16.0.10:23", "--at", time, "--journal", journal,
                                                           "-o", "json"])
            let object = try #require(try CommandRunner.json(result.stdout) as? [String: Any], "\(result.stderr)")
            let list = object["gateways"] as? [[String: Any]] ?? []
            return list.compactMap { $0["namespace"] as? String }
        }
        let old = try gateways(at: beforeChange, journal: session.journal)
        let new = try gateways(at: afterChange, journal: session.journal)
        #expect(!old.isEmpty && old.allSatisfy { $0 == "corp-mainframe-egw" }, "\(old)")
        #expect(!new.isEmpty && new.allSatisfy { $0 == "dlp-service-egw" }, "\(new)")

        // The same moments saved as bundles and imported into a second journal trace alike.
        let copy = session.root + "/copy.sqlite"
        for (index, time) in [beforeChange, afterChange].enumerated() {
            let saved = try CommandRunner.run(arguments: ["snapshot", "--at", time, "--journal", session.journal,
                                                          "--out", session.root + "/bundle-\(index)"])
            #expect(saved.exitCode == 0, "\(saved.stderr)")
            let imported = try CommandRunner.run(arguments: ["journal", "import", session.root + "/bundle-\(index)",
                                                             "--at", "2026-12-0\(index + 1)T00:00:00Z", "--journal", copy])
            #expect(imported.exitCode == 0, "\(imported.stderr)")
        }
        #expect(try gateways(at: "2026-12-01T12:00:00Z", journal: copy) == old)
        #expect(try gateways(at: "2026-12-02T12:00:00Z", journal: copy) == new)
    }

    @Test func aSecondRecorderIsRefusedAndSignalsAreHandled() throws {
        let session = try Session()
        let logFile = session.root + "/record-file.log"
        let recorder = try session.startRecorder(extra: ["--log-file", logFile])
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").contains("journal flushed"), Date() < deadline {
            usleep(100_000)
        }
        #expect(((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").contains("gatewatch.journal: journal flushed"))

        let second = try CommandRunner.run(arguments: ["record", "--kubeconfig", try session.kube.string("kubeconfig"),
                                                       "--journal", session.journal], environment: session.environment)
        #expect(second.exitCode == 2)
        #expect(second.stderr.contains("process \(recorder.pid)"), "\(second.stderr)")
        #expect(second.stderr.split(separator: "\n").count == 1)

        // SIGHUP after logrotate moved the file: a new file is written, with the reload.
        try FileManager.default.moveItem(atPath: logFile, toPath: logFile + ".1")
        recorder.send(SIGHUP)
        let reopenDeadline = Date().addingTimeInterval(15)
        while !((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").contains("reloaded"), Date() < reopenDeadline {
            usleep(100_000)
        }
        #expect(((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").contains("gatewatch.record: reloaded"))

        recorder.send(SIGTERM)
        #expect(recorder.waitForExit(timeout: 30) == 0)
        let final = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        #expect(final.contains("stopped") && final.contains("signal=SIGTERM"))
        // One line per event, each with its level; the EC2 side's failure is a warning naming the source.
        let log = ((try? String(contentsOfFile: logFile + ".1", encoding: .utf8)) ?? "") + final
        #expect(log.split(separator: "\n").allSatisfy { $0.contains(" info ") || $0.contains(" debug ") || $0.contains(" warning ") })
        #expect(log.contains("source not current") && log.contains("source=aws"))
        #expect(!log.contains(try session.kube.string("token")))
        // The lock went with it: the journal takes a new writer.
        let info = try CommandRunner.run(arguments: ["journal", "info", "--journal", session.journal, "-o", "json"])
        let object = try #require(try CommandRunner.json(info.stdout) as? [String: Any])
        #expect((object["versions"] as? Int ?? 0) > 50)
    }

    /// `record --metrics-listen`: the page serves what is being recorded (the stand-in's gateway
    /// pods and the cluster side's health), and goes away with the recorder.
    @Test func metricsListenServesWhatIsRecorded() throws {
        let session = try Session()
        let port = try Self.freePort()
        let recorder = try session.startRecorder(extra: ["--metrics-listen", "127.0.0.1:\(port)"])
        var page = ""
        let deadline = Date().addingTimeInterval(30)
        while !(page.contains("gatewatch_gateway_pod_ready{") && page.contains("gatewatch_source_up{source=\"kube\"} 1")),
              Date() < deadline {
            page = (try? Self.fetch("http://127.0.0.1:\(port)/metrics")) ?? ""
            usleep(200_000)
        }
        let ready = page.split(separator: "\n").filter { $0.hasPrefix("gatewatch_gateway_pod_ready{") }
        let demoGateways = try CommandRunner.run(arguments: ["get", "gateways", "--demo", "-o", "json"])
        let pods = try #require(try CommandRunner.json(demoGateways.stdout) as? [[String: Any]])
        #expect(ready.count == pods.count, "\(page)")
        #expect(page.split(separator: "\n").contains { $0.hasPrefix("gatewatch_source_up{") && $0.contains("source=\"kube\"")
            && Double($0.split(separator: " ").last ?? "") == 1 }, "\(page)")
        recorder.send(SIGTERM)
        #expect(recorder.waitForExit(timeout: 30) == 0)
        #expect((try? Self.fetch("http://127.0.0.1:\(port)/metrics")) == nil)
    }

    /// A loopback port nothing listens on.
    static func freePort() throws -> Int {
        let result = try Self.tool("/usr/bin/python3", ["-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return try #require(Int(result.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Runs `path` with `arguments`; its standard output, or an error when it exits non-zero.
    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The body at `url` (curl), or an error when nothing answers.
    static func fetch(_ url: String) throws -> String {
        try Self.tool("/usr/bin/curl", ["-sf", "--max-time", "5", url])
    }

    @Test func killNineLosesAtMostTheLastSecondAndLeavesAReadableJournal() throws {
        let session = try Session()
        let recorder = try session.startRecorder()
        try session.addPod("churn-0", ip: "192.168.92.0")
        try session.waitForWorkloads("192.168.92.0", "the first churned pod") { $0 == ["payments/churn-0"] }
        // One new pod every 200 ms; when each was acknowledged by the API server.
        var added: [(name: String, at: Date)] = []
        for index in 1...30 {
            try session.addPod("churn-\(index)", ip: "192.168.92.\(index)")
            added.append(("churn-\(index)", Date()))
            usleep(200_000)
        }
        let killedAt = Date()
        recorder.send(SIGKILL)
        #expect(recorder.waitForExit(timeout: 10) == 128 + SIGKILL)

        let bundle = session.root + "/after-kill"
        let saved = try CommandRunner.run(arguments: ["snapshot", "--at", "now", "--journal", session.journal, "--out", bundle])
        #expect(saved.exitCode == 0, "\(saved.stderr)")
        var text = ""
        for file in FileManager.default.enumerator(atPath: bundle)?.compactMap({ $0 as? String }) ?? [] {
            text += (try? String(contentsOfFile: bundle + "/" + file, encoding: .utf8)) ?? ""
        }
        // A second of flushing plus a second for the watch to deliver: everything older is there.
        let settled = added.filter { killedAt.timeIntervalSince($0.at) > 2.0 }
        #expect(settled.count >= 15)
        for pod in settled { #expect(text.contains("\"\(pod.name)\""), "\(pod.name) was lost") }

        // The dead recorder's lock is gone: a new one starts and stops cleanly.
        let next = try session.startRecorder(log: "record-2.log")
        #expect(next.waitForStderr("recording", timeout: 30))
        next.send(SIGTERM)
        #expect(next.waitForExit(timeout: 30) == 0, "\(next.stderr)")
    }

    @Test func aJournalThatCannotBeWrittenIsAClearErrorAndExitTwo() throws {
        let session = try Session()
        // A path under a regular file can never be created.
        try Data().write(to: URL(fileURLWithPath: session.root + "/file"))
        let unwritable = try CommandRunner.run(arguments: ["record", "--kubeconfig", try session.kube.string("kubeconfig"),
                                                           "--journal", session.root + "/file/journal.sqlite"],
                                               environment: session.environment)
        #expect(unwritable.exitCode == 2)
        #expect(unwritable.stderr.contains("cannot write journal"), "\(unwritable.stderr)")

        // A full disk: no file may grow past 120 KiB (`ulimit -f`, 512-byte blocks): the journal's
        // schema fits, the demo cluster does not. The recorder starts, its writes fail, it stops.
        let full = try session.startRecorder(wrapper: "ulimit -f 240; exec \"$@\"", log: "full.log", level: "info")
        let status = full.waitForExit(timeout: 90)
        #expect(status == 2, "\(full.stderr)")
        #expect(full.stderr.contains("gatewatch.record: recording"), "\(full.stderr)")
        #expect(full.stderr.contains("stopping: the journal cannot be written"), "\(full.stderr)")
        #expect(full.stderr.contains("cannot write journal"), "\(full.stderr)")
        // Nothing committed was damaged: what the journal holds still reads.
        let info = try CommandRunner.run(arguments: ["journal", "info", "--journal", session.journal])
        #expect(info.exitCode == 0 || info.stderr.contains("no journal"), "\(info.stderr)")
    }
}

/// A recorder test's step that did not happen.
struct RecordTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
