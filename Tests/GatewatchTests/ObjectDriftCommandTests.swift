import Foundation
import Testing

/// `gatewatch check` end to end on the small export bundle placed behind a firewall whose
/// object-groups drifted from the gateways.
@Suite struct ObjectDriftCommandTests {
    /// A copy of `Golden/export-bundle` with `gatewatch.yaml` and `firewall/fw.cfg` holding `objects`.
    static func bundle(objects: String) throws -> URL {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("gatewatch-drift-\(UUID().uuidString)")
        try manager.copyItem(at: URL(fileURLWithPath: ExportCommandTests.smallBundle), to: directory)
        try manager.createDirectory(at: directory.appendingPathComponent("firewall"), withIntermediateDirectories: true)
        try Data("""
        firewalls:
          - name: asa-edge
            config: firewall/fw.cfg
            interface: inside
            sees: private
            targets: [vpce-0a1b2c3d4e5f60718]

        """.utf8).write(to: directory.appendingPathComponent("gatewatch.yaml"))
        try Data("""
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(objects)
        access-list inside_in extended permit ip any4 any4
        access-group inside_in in interface inside

        """.utf8).write(to: directory.appendingPathComponent("firewall/fw.cfg"))
        return directory
    }

    private func driftFindings(_ objects: String) throws -> [[String: Any]] {
        let directory = try Self.bundle(objects: objects)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run("check", "--from", directory.path, "-o", "json")
        #expect(result.exitCode != 2, "\(result.stderr)")
        let findings = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        return findings.filter { $0["code"] as? String == "object-drift" }
    }

    @Test func checkReportsAGroupThatLostAGatewayAndKeptAnOldOne() throws {
        let findings = try driftFindings("""
        object-group network EGW-egw-mf-mainframe-egw
         network-object host 10.0.41.20
         network-object host 10.0.41.9
        """)
        #expect(findings.count == 1)
        #expect(findings.first?["severity"] as? String == "warning")
        #expect(findings.first?["objects"] as? [String] == ["firewall/asa-edge", "object-group/EGW-egw-mf-mainframe-egw"])
        let message = try #require(findings.first?["message"] as? String)
        #expect(message.contains("missing 10.0.41.21"))
        #expect(message.contains("extra 10.0.41.9"))
    }

    @Test func checkIgnoresAGroupUnderAnotherName() throws {
        #expect(try driftFindings("""
        object-group network mainframe-gateways
         network-object host 10.0.41.9
        """).isEmpty)
    }

    @Test func aGroupPastedFromExportHasNoDrift() throws {
        let export = try CommandRunner.run("export", "asa-objects", "--from", ExportCommandTests.smallBundle)
        #expect(export.exitCode == 0)
        #expect(try driftFindings(export.stdout).isEmpty)
    }
}
