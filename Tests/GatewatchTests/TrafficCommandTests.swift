import Foundation
import Testing

/// `gatewatch traffic` end to end: the demo Snapshot and flow-log / syslog files written here.
@Suite struct TrafficCommandTests {
    static let header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
        + "action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr"

    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-traffic-\(UUID().uuidString)")
        let flow = url.appendingPathComponent("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/06")
        try FileManager.default.createDirectory(at: flow, withIntermediateDirectories: true)
        let lines = [
            Self.header,
            "5 123456789012 eni-0510b72d69e7aab6c 10.0.41.250 103.47.244.10 40000 443 6 10 1073741824 1796572800 1796572860 "
                + "ACCEPT OK vpc-0c0ffee0d15ea5e01 subnet-0d1f0e9c8b7a60541 i-03f1a2b4c5d6e7f81 19 IPv4 10.0.41.20 103.47.244.10",
            "5 123456789012 eni-0510b72d69e7aab6c 103.47.244.10 10.0.41.250 443 40000 6 10 536870912 1796572800 1796572860 "
                + "ACCEPT OK vpc-0c0ffee0d15ea5e01 subnet-0d1f0e9c8b7a60541 i-03f1a2b4c5d6e7f81 19 IPv4 103.47.244.10 10.0.41.20",
            "5 123456789012 eni-0510b72d69e7aab6c 10.0.41.250 103.47.244.10 - - - - - 1796572800 1796572860 - SKIPDATA - - - - - - -",
            "5 123456789012 eni-0510b72d69e7aab6c broken line",
        ]
        try (lines.joined(separator: "\n") + "\n").write(
            to: flow.appendingPathComponent("123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d_20261206T1005Z_fe123456.log"),
            atomically: true, encoding: .utf8)
        let syslog = url.appendingPathComponent("syslog")
        try FileManager.default.createDirectory(at: syslog, withIntermediateDirectories: true)
        try ("<164>Dec 06 2026 10:01:00 ftd-egress : %FTD-4-106023: Deny tcp src inside:10.0.41.20/40001 "
            + "dst outside:103.47.244.10/80 by access-group \"inside_access_in\" [0x0, 0x0]\n"
            + "<166>Dec 06 2026 10:01:01 ftd-egress : %FTD-5-313005: No matching connection\n")
            .write(to: syslog.appendingPathComponent("ftd-egress.log"), atomically: true, encoding: .utf8)
        return url
    }

    @Test func jsonFollowsTheContract() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run("traffic", "--demo", "--flow-logs", root.appendingPathComponent("AWSLogs").path,
                                           "--syslog", root.appendingPathComponent("syslog").path, "--by", "gateway",
                                           "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(Set(json.keys) == ["by", "since", "until", "rows", "unattributed", "prices", "sources"])
        #expect(json["by"] as? String == "gateway")
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(Set(row.keys) == ["key", "namespaces", "shared", "bytesOut", "bytesIn", "packets", "flows", "denied",
                                  "bytesByPath", "estimatedCostUSD"])
        #expect(row["key"] as? String == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz")
        #expect(row["namespaces"] as? [String] == ["checkout", "payments"])
        #expect(row["shared"] as? Bool == true)
        #expect(row["bytesOut"] as? Int == 1_073_741_824 && row["bytesIn"] as? Int == 536_870_912)
        #expect(row["flows"] as? Int == 1 && row["denied"] as? Int == 1 && row["packets"] as? Int == 20)
        #expect(row["bytesByPath"] as? [String: Int] == ["gateway-load-balancer-endpoint": 1_610_612_736])
        #expect(abs((row["estimatedCostUSD"] as? Double ?? 0) - 0.09525) < 1e-9)
        let prices = try #require(json["prices"] as? [String: Double])
        #expect(prices["natGatewayPerGB"] == 0.045 && prices["internetEgressPerGB"] == 0.09)
        let sources = try #require(json["sources"] as? [String: Any])
        let flowLogs = try #require(sources["flowLogs"] as? [[String: Any]])
        #expect(flowLogs.first?["skipData"] as? Int == 1 && flowLogs.first?["malformed"] as? Int == 1)
        #expect(result.stderr.contains(":5: expected 21 fields, found 5"))
        #expect(result.stderr.contains("SKIPDATA"))
    }

    @Test func tableShowsRowsAndTheUnattributedLine() throws {
        let root = try directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run("traffic", "--demo", "--flow-logs", root.appendingPathComponent("AWSLogs").path, "--since", "2026-12-06T00:00:00Z")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAMESPACE") == true)
        #expect(lines.contains { $0.hasPrefix("checkout+payments ") })
        #expect(lines.contains { $0.hasPrefix("unattributed:") })
    }

    @Test func badInputExitsWithTwo() throws {
        #expect(try CommandRunner.run("traffic", "--demo", "--by", "pod").exitCode == 2)
        #expect(try CommandRunner.run("traffic", "--demo", "--flow-logs", "/nonexistent/flows").exitCode == 2)
        #expect(try CommandRunner.run("traffic", "--demo", "--flow-logs", "/tmp", "--since", "yesterday").exitCode == 2)
    }
}

/// `gatewatch traffic --demo`: the demo's logs/.
@Suite struct TrafficDemoCommandTests {
    @Test func demoShowsEveryPathTypeItHas() throws {
        let result = try CommandRunner.run("traffic", "--demo", "--by", "path", "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let json = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["key"] as? String } == ["gateway-load-balancer-endpoint", "transit-gateway"])
        let unattributed = try #require(json["unattributed"] as? [String: Int])
        #expect(unattributed["bytesOut"] == 10_485_760 && unattributed["flows"] == 1)
    }
}
