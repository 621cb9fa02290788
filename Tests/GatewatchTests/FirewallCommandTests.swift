import Foundation
import Testing

/// `gatewatch firewall trace` end to end on the demo firewall's running-config.
@Suite struct FirewallCommandTests {
    private var config: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Inventory/Demo/firewall/ftd-egress.cfg").path
    }

    private func trace(_ arguments: String...) throws -> CommandResult {
        try CommandRunner.run(arguments: ["firewall", "trace", "--config", config, "--interface", "inside"] + arguments)
    }

    @Test func aPermitExitsZeroWithTheMatchingLine() throws {
        let result = try trace("--proto", "tcp", "--src", "10.0.41.20", "--dst", "103.47.244.10", "--dport", "443", "-o", "json")
        #expect(result.exitCode == 0)
        let verdict = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(verdict["action"] as? String == "permit")
        #expect(verdict["acl"] as? String == "inside_access_in")
        #expect(verdict["line"] as? Int == 3)
        #expect(verdict["implicit"] as? Bool == false)
        #expect((verdict["ace"] as? String)?.hasPrefix("access-list inside_access_in extended permit") == true)
    }

    @Test func aDenyExitsOne() throws {
        let result = try trace("--proto", "tcp", "--src", "10.0.41.20", "--dst", "8.8.8.8", "--dport", "443", "-o", "json")
        #expect(result.exitCode == 1)
        let verdict = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(verdict["action"] as? String == "deny")
        #expect(verdict["line"] as? Int == 19)
    }

    @Test func textOutputReadsLikePacketTracer() throws {
        let result = try trace("--proto", "tcp", "--src", "10.0.30.11", "--dst", "172.16.0.7", "--dport", "23")
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Type: ACCESS-LIST"))
        #expect(result.stdout.contains("Action: allow"))
    }

    @Test func badInputExitsTwo() throws {
        #expect(try trace("--proto", "tcp", "--src", "10.0.41.300", "--dst", "8.8.8.8", "--dport", "443").exitCode == 2)
        let missing = try CommandRunner.run("firewall", "trace", "--config", "/nonexistent.cfg", "--interface", "inside",
                                            "--proto", "tcp", "--src", "10.0.0.1", "--dst", "8.8.8.8", "--dport", "443")
        #expect(missing.exitCode == 2)
    }
}
