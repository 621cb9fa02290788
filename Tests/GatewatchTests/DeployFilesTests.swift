import Foundation
import Testing
import TestSupport
import Yams

/// `deploy/`: the in-cluster manifest and the systemd unit run `gatewatch record` as documented —
/// the kinds and wiring a cluster needs, options the binary accepts, a unit systemd accepts.
@Suite struct DeployFilesTests {
    static let deploy = PeerProcess.repositoryRoot.appendingPathComponent("deploy").path

    static func documents(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: deploy + "/" + name, encoding: .utf8)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    /// The long options `gatewatch record --help` lists.
    static func recordOptions() throws -> Set<String> {
        let help = try CommandRunner.run("record", "--help")
        #expect(help.exitCode == 0)
        let words = help.stdout.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "<" })
        return Set(words.filter { $0.hasPrefix("--") }.map(String.init))
    }

    @Test func theManifestRunsOneRecorderWithTheReadOnlyServiceAccountAndAJournalVolume() throws {
        let documents = try Self.documents("gatewatch-record.yaml")
        #expect(documents.compactMap { $0["kind"] as? String } == ["PersistentVolumeClaim", "Deployment"])
        let claim = try #require(documents.first { $0["kind"] as? String == "PersistentVolumeClaim" })
        let deployment = try #require(documents.first { $0["kind"] as? String == "Deployment" })
        let spec = try #require(deployment["spec"] as? [String: Any])
        #expect(spec["replicas"] as? Int == 1)
        #expect((spec["strategy"] as? [String: Any])?["type"] as? String == "Recreate")
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])

        // The ServiceAccount is the one deploy/rbac.yaml binds to the read-only ClusterRole, in its namespace.
        let rbac = try Self.documents("rbac.yaml")
        let binding = try #require(rbac.first { $0["kind"] as? String == "ClusterRoleBinding" })
        let subject = try #require((binding["subjects"] as? [[String: Any]])?.first)
        #expect(pod["serviceAccountName"] as? String == subject["name"] as? String)
        #expect((deployment["metadata"] as? [String: Any])?["namespace"] as? String == subject["namespace"] as? String)
        #expect((claim["metadata"] as? [String: Any])?["namespace"] as? String == subject["namespace"] as? String)
        #expect((binding["roleRef"] as? [String: Any])?["name"] as? String
                == (rbac.first { $0["kind"] as? String == "ClusterRole" }?["metadata"] as? [String: Any])?["name"] as? String)

        // Non-root, read-only root file system, the journal on the claim.
        #expect((pod["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let security = try #require(container["securityContext"] as? [String: Any])
        #expect(security["readOnlyRootFilesystem"] as? Bool == true)
        #expect(security["allowPrivilegeEscalation"] as? Bool == false)
        let arguments = try #require(container["args"] as? [String])
        #expect(arguments.first == "record")
        #expect(!arguments.contains("--kubeconfig"), "in-cluster config needs no kubeconfig")
        let journal = try #require(arguments.firstIndex(of: "--journal").map { arguments[$0 + 1] })
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let claimName = (claim["metadata"] as? [String: Any])?["name"] as? String
        let journalVolume = try #require(volumes.first {
            ($0["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String == claimName
        })
        let journalMount = try #require(mounts.first { $0["name"] as? String == journalVolume["name"] as? String })
        #expect(journal.hasPrefix((journalMount["mountPath"] as? String ?? "-") + "/"))
        // Every option given is one `record` takes.
        let options = try Self.recordOptions()
        for argument in arguments where argument.hasPrefix("--") { #expect(options.contains(argument), "\(argument)") }
    }

    @Test func theUnitFileVerifiesAndRunsRecordWithItsStateDirectory() throws {
        let unit = try String(contentsOfFile: Self.deploy + "/gatewatch-record.service", encoding: .utf8)
        let lines = unit.split(separator: "\n").map(String.init)
        func value(_ key: String) -> [String] { lines.filter { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } }
        let start = try #require(value("ExecStart").first).split(separator: " ").map(String.init)
        #expect(start.dropFirst().first == "record")
        #expect(start.contains("${STATE_DIRECTORY}/journal.sqlite"))
        #expect(value("KillSignal") == ["SIGTERM"])
        #expect(value("Restart") == ["on-failure"])
        #expect(value("ExecReload").first?.contains("kill -HUP $MAINPID") == true)
        #expect(value("StateDirectory") == ["gatewatch"])
        #expect(value("DynamicUser") == ["yes"])
        let options = try Self.recordOptions()
        for argument in start where argument.hasPrefix("--") { #expect(options.contains(argument), "\(argument)") }

        guard let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return }  // systemd is not on this machine: the checks above still ran.
        // The unit as installed, pointing at the built binary.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        let installed = copy.appendingPathComponent("gatewatch-record.service").path
        try unit.replacingOccurrences(of: "/usr/local/bin/gatewatch", with: CommandRunner.executable.path)
            .write(toFile: installed, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyze)
        process.arguments = ["verify", "--man=no", installed]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.isEmpty, "\(output)")
    }
}
