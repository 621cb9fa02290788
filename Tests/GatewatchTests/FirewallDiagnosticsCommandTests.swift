import Foundation
import Testing

/// A bundle's firewall config is parsed once per Snapshot and what the parser reports is never
/// dropped: `check` lists it with file and line, `--strict` refuses errors, every command says
/// them on stderr.
@Suite struct FirewallDiagnosticsCommandTests {
    /// A bundle whose only content is a firewall placed on `inside` with `config` as its running-config.
    private func bundle(config: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-fw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("firewall"), withIntermediateDirectories: true)
        try Data("""
        firewalls:
          - name: edge
            config: firewall/edge.cfg
            interface: inside
            targets: [tgw-0123456789abcdef0]
        """.utf8).write(to: directory.appendingPathComponent("gatewatch.yaml"))
        try Data(config.utf8).write(to: directory.appendingPathComponent("firewall/edge.cfg"))
        return directory
    }

    static let malformed = """
    interface GigabitEthernet0/0
     nameif inside
    access-list inside_in extended permit tcp any host 10.1.1.1 eq https
    access-list inside_in extended permit tcp any bogus-address eq 443
    access-group inside_in in interface inside
    """

    @Test func checkReportsAMalformedFirewallLineWithFileAndLine() throws {
        let directory = try bundle(config: Self.malformed)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run("check", "--from", directory.path, "-o", "json")
        let findings = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        let firewall = findings.filter { $0["code"] as? String == "firewall-config" }
        #expect(firewall.count == 1)
        #expect(firewall.first?["severity"] as? String == "error")
        #expect((firewall.first?["objects"] as? [String]) == ["firewall/edge", "file/firewall/edge.cfg:4"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("firewall/edge.cfg:4: error:"))
    }

    @Test func strictRefusesABundleWhoseFirewallConfigHasErrors() throws {
        let directory = try bundle(config: Self.malformed)
        defer { try? FileManager.default.removeItem(at: directory) }
        let strict = try CommandRunner.run("get", "gateways", "--from", directory.path, "--strict")
        #expect(strict.exitCode == 2)
        #expect(strict.stderr.contains("firewall/edge.cfg:4: error:"))
        let lenient = try CommandRunner.run("get", "gateways", "--from", directory.path)
        #expect(lenient.exitCode == 0)
    }

    @Test func aCleanFirewallConfigPassesStrict() throws {
        let directory = try bundle(config: """
        interface GigabitEthernet0/0
         nameif inside
        access-list inside_in extended permit tcp any host 10.1.1.1 eq https
        access-group inside_in in interface inside
        """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let strict = try CommandRunner.run("check", "--from", directory.path, "--strict", "-o", "json")
        #expect(strict.exitCode == 0, "\(strict.stderr)")
        let findings = try #require(try CommandRunner.json(strict.stdout) as? [[String: Any]])
        #expect(!findings.contains { $0["code"] as? String == "firewall-config" })
    }

    @Test func anEndlessConfigFileIsRefusedNotReadUntilMemoryRunsOut() throws {
        let result = try CommandRunner.run("firewall", "trace", "--config", "/dev/zero", "--interface", "inside",
                                           "--proto", "tcp", "--src", "10.0.0.1", "--dst", "10.0.0.2", "--dport", "443")
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("gatewatch: /dev/zero: larger than 64 MiB"))
    }
}
