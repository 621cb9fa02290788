import Foundation
import History
import Inventory
import Testing

/// `gatewatch journal import` and `journal info` end to end: bundles in through the command line,
/// the state between them rebuilt from the journal and read back by the commands.
@Suite struct JournalCommandTests {
    private let t1 = "2026-11-25T14:00:00Z"
    private let t2 = "2026-11-25T15:00:00Z"

    private func scratch() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-cmd-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The demo as a bundle directory, and a copy without the first gateway pod.
    private func bundles(in root: String) throws -> (first: String, second: String, removed: String) {
        let first = root + "/first"
        let written = try CommandRunner.run("snapshot", "--demo", "--out", first)
        #expect(written.exitCode == 0, "\(written.stderr)")
        let second = root + "/second"
        try FileManager.default.copyItem(atPath: first, toPath: second)
        let podsPath = second + "/cluster/pods.json"
        var list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: podsPath)))
            as? [String: Any])
        var items = try #require(list["items"] as? [[String: Any]])
        let gateways = try #require(try CommandRunner.json(try CommandRunner.run("get", "gateways", "--from", first, "-o", "json")
            .stdout) as? [[String: Any]])
        let gatewayName = try #require(gateways.first?["name"] as? String)
        items.removeAll { ($0["metadata"] as? [String: Any])?["name"] as? String == gatewayName }
        list["items"] = items
        try JSONSerialization.data(withJSONObject: list).write(to: URL(fileURLWithPath: podsPath))
        return (first, second, gatewayName)
    }

    /// Writes the journal's state at `time` as a bundle directory.
    private func rebuild(journal: String, at time: String, into directory: String) throws {
        let reader = try Journal.openForReading(path: journal)
        for file in try reader.bundleFiles(at: try JournalTime.parse(time, now: Date())) {
            let path = directory + "/" + file.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(file.contents).write(to: URL(fileURLWithPath: path))
        }
    }

    private func outputs(from directory: String) throws -> [String] {
        try [["get", "gateways"], ["get", "pools"], ["get", "eips"], ["get", "policies"], ["check"]].map { command in
            try CommandRunner.run(arguments: command + ["--from", directory, "-o", "json"]).stdout
        }
    }

    @Test func betweenTwoImportsTheCommandsSeeTheFirstBundle() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, second, removed) = try bundles(in: root)
        let journal = root + "/state/journal.sqlite"
        for (directory, time) in [(first, t1), (second, t2)] {
            let result = try CommandRunner.run("journal", "import", directory, "--at", time, "--journal", journal)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }

        let between = root + "/between", after = root + "/after"
        try rebuild(journal: journal, at: "2026-11-25T14:30:00Z", into: between)
        try rebuild(journal: journal, at: t2, into: after)
        // The two bundles differ where the commands can see it, and the journal tells them apart.
        #expect(try outputs(from: first) != outputs(from: second))
        #expect(try outputs(from: between) == outputs(from: first))
        #expect(try outputs(from: after) == outputs(from: second))
        let gatewaysAfter = try CommandRunner.run("get", "gateways", "--from", after, "-o", "json").stdout
        #expect(!gatewaysAfter.contains("\"\(removed)\""))
    }

    @Test func infoReportsTheSpanCountsAndSize() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, second, _) = try bundles(in: root)
        let journal = root + "/journal.sqlite"
        _ = try CommandRunner.run("journal", "import", first, "--at", t1, "--journal", journal)
        _ = try CommandRunner.run("journal", "import", second, "--at", t2, "--journal", journal)
        let result = try CommandRunner.run("journal", "info", "--journal", journal, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let info = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(Set(info.keys) == ["path", "from", "to", "objects", "versions", "bytes"])
        #expect(info["path"] as? String == journal)
        #expect(info["from"] as? String == t1)
        #expect(info["to"] as? String == t2)
        let objects = try #require(info["objects"] as? Int)
        // The second bundle only drops a pod: no object gets a second version.
        #expect(info["versions"] as? Int == objects)
        #expect((info["bytes"] as? Int ?? 0) > 0)

        let environment = ProcessInfo.processInfo.environment.merging(["GATEWATCH_JOURNAL": journal]) { $1 }
        let viaEnvironment = try CommandRunner.run(arguments: ["journal", "info", "-o", "json"], environment: environment)
        #expect(try CommandRunner.json(viaEnvironment.stdout) as? NSDictionary == info as NSDictionary)
    }

    @Test func anImportOlderThanTheJournalIsRefused() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, _, _) = try bundles(in: root)
        let journal = root + "/journal.sqlite"
        _ = try CommandRunner.run("journal", "import", first, "--at", t2, "--journal", journal)
        let result = try CommandRunner.run("journal", "import", first, "--at", t1, "--journal", journal)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("2026-11-25T15:00:00Z"))
    }

    @Test func aRelativeTimeIsTakenAsTheValueOfAt() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, _, _) = try bundles(in: root)
        let journal = root + "/journal.sqlite"
        let before = Date()
        let result = try CommandRunner.run("journal", "import", first, "--at", "-2h", "--journal", journal)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let info = try #require(try CommandRunner.json(try CommandRunner.run("journal", "info", "--journal", journal, "-o", "json")
            .stdout) as? [String: Any])
        let from = try #require((info["from"] as? String).flatMap { try? JournalTime.parse($0, now: before) })
        // Two hours before the command ran: after two hours before the test started, before that plus a minute.
        #expect(from >= before.addingTimeInterval(-7200 - 1) && from <= before.addingTimeInterval(-7200 + 60))
    }

    @Test func badArgumentsExitWithTwo() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, _, _) = try bundles(in: root)
        let badTime = try CommandRunner.run("journal", "import", first, "--at", "yesterday", "--journal", root + "/j.sqlite")
        #expect(badTime.exitCode == 2)
        #expect(badTime.stderr.contains("yesterday"))
        let missing = try CommandRunner.run("journal", "info", "--journal", root + "/none.sqlite")
        #expect(missing.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: root + "/none.sqlite"))
        let noBundle = try CommandRunner.run("journal", "import", root + "/nothing", "--at", t1, "--journal", root + "/j.sqlite")
        #expect(noBundle.exitCode == 2)
    }
}
