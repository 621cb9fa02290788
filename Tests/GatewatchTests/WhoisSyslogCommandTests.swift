import Foundation
import Testing

/// `whois --syslog LINE`: endpoints logged as names resolve through the placed firewall's `name`
/// commands; a line that cannot be read is refused with its message id and why.
@Suite struct WhoisSyslogCommandTests {
    static let line = "%ASA-4-106023: Deny tcp src inside:dlp-box/5000 dst outside:8.8.8.8/443 by access-group \"in\""

    @Test func anEndpointLoggedAsANameIsRefusedWithoutTheConfigThatNamesIt() throws {
        let result = try CommandRunner.run("whois", "--demo", "--syslog", Self.line)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("message 106023: the endpoint `dlp-box` is a host name"))
    }

    @Test func anEndpointLoggedAsANameResolvesThroughThePlacedConfig() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("firewall"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("firewalls:\n  - {name: edge, config: firewall/edge.cfg, interface: inside, targets: []}\n".utf8)
            .write(to: directory.appendingPathComponent("gatewatch.yaml"))
        try Data("names\nname 10.0.41.20 dlp-box\ninterface G0/0\n nameif inside\n".utf8)
            .write(to: directory.appendingPathComponent("firewall/edge.cfg"))
        let result = try CommandRunner.run("whois", "--from", directory.path, "--syslog", Self.line, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(object["ip"] as? String == "10.0.41.20")
    }

    @Test func aSuffixAfterThePortKeepsThePort() throws {
        let line = "%ASA-4-106023: Deny tcp src inside:10.0.41.20/5000(LOCAL\\alice) dst outside:8.8.8.8/443 by access-group \"in\""
        let result = try CommandRunner.run("whois", "--demo", "--syslog", line, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let syslog = try #require(object["syslog"] as? [String: Any])
        let source = try #require(syslog["source"] as? [String: Any])
        #expect(source["port"] as? Int == 5000)
    }
}
