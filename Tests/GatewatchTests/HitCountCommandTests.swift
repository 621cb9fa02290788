import Foundation
import Testing

/// The demo firewall's `show access-list` capture (`firewall/ftd-egress.acl`) end to end: `check`
/// evidence, `whatif --firewall` hit counts, and `snapshot` writing the capture back.
@Suite struct HitCountCommandTests {
    private static var demoConfig: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Inventory/Demo/firewall/ftd-egress.cfg")
    }

    @Test func checkGivesTheStaleLineItsZeroHitsAndReportsNoUnusedLineOnTheDemo() throws {
        let result = try CommandRunner.run("check", "--demo", "-o", "json")
        let findings = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        let stale = try #require(findings.first { $0["code"] as? String == "stale-ace" })
        #expect(stale["objects"] as? [String] == ["firewall/ftd-egress", "access-list/inside_access_in", "line/7"])
        #expect((stale["message"] as? String)?.contains("0 hits since the counters were last cleared") == true)
        #expect(!findings.contains { $0["code"] as? String == "unused-ace" })
    }

    @Test func whatIfNamesTheHitCountOfTheDLPLineADenyWouldReplace() throws {
        let original = try String(contentsOf: Self.demoConfig, encoding: .utf8)
        let permit = "access-list inside_access_in extended permit object https-tcp object-group dlp-service-egw object dlp-saas log"
        #expect(original.contains(permit))
        let candidate = original.replacing(permit, with: permit.replacing("extended permit", with: "extended deny"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-candidate-\(UUID().uuidString).cfg")
        try Data(candidate.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CommandRunner.run("whatif", "--demo", "--firewall", file.path, "--port", "443", "-o", "json")
        #expect(result.exitCode != 2, "\(result.stderr)")
        let report = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        let differences = changes.flatMap { $0["differences"] as? [String] ?? [] }
        #expect(differences.contains("firewall permit line 3 (88090 hits) → deny line 3"), "\(differences)")
    }

    @Test func snapshotWritesTheCaptureBesideTheConfig() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run("snapshot", "--demo", "--out", directory.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let written = try String(contentsOf: directory.appendingPathComponent("firewall/ftd-egress.acl"), encoding: .utf8)
        #expect(written.contains("access-list inside_access_in line 7 "))
        let check = try CommandRunner.run("check", "--from", directory.path, "-o", "json")
        #expect(check.stdout.contains("0 hits since the counters were last cleared"))
    }
}
