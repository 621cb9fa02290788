import Foundation
import Testing

/// `--at TIME [--journal PATH]` on the commands: the state rebuilt from the journal is read
/// exactly as a bundle of that state, `whois` adds the address's owners around TIME, and `trace`
/// evaluates firewall time ranges at TIME.
@Suite struct AtTimeCommandTests {
    private let t1 = "2026-11-25T14:00:00Z"

    private func journalWithTheDemo() throws -> (journal: String, root: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("at-cmd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let written = try CommandRunner.run("snapshot", "--demo", "--out", root + "/demo")
        #expect(written.exitCode == 0, "\(written.stderr)")
        let imported = try CommandRunner.run("journal", "import", root + "/demo", "--at", t1, "--journal", root + "/j.sqlite")
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        return (root + "/j.sqlite", root)
    }

    @Test func whoisAtATimeAddsTheAddressHistory() throws {
        let (journal, root) = try journalWithTheDemo()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try CommandRunner.run("whois", "10.0.41.20", "--at", "2026-11-25T14:30:00Z", "--journal", journal, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history.first?["kind"] as? String == "egress-gateway")
        #expect(history.first?["owner"] as? String == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz")
        #expect(history.first?["from"] as? String == t1)
        #expect(object["kind"] as? String == "egress-gateway")
    }

    @Test func traceAtATimeEqualsTheTraceOfThatBundle() throws {
        let (journal, root) = try journalWithTheDemo()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let arguments = ["--pod", "payments/payments-api-7f9c6d8b4-2xv9q", "--dst", "172.16.0.10:23", "-o", "json"]
        let fromJournal = try CommandRunner.run(arguments: ["trace", "--at", "2026-11-25T14:30:00Z", "--journal", journal] + arguments)
        let fromBundle = try CommandRunner.run(arguments: ["trace", "--from", root + "/demo", "--at", "2026-11-25T14:30:00Z"] + arguments)
        #expect(fromJournal.exitCode == 0, "\(fromJournal.stderr)")
        #expect(fromJournal.stdout == fromBundle.stdout)
    }

    @Test func aTimeBeforeTheJournalIsAnInputError() throws {
        let (journal, root) = try journalWithTheDemo()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try CommandRunner.run("get", "gateways", "--at", "2026-11-24T00:00:00Z", "--journal", journal)
        #expect(result.exitCode == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
