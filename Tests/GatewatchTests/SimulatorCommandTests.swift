import Foundation
import Testing

/// `gatewatch trace`, `whois` and `check` end to end on the demo bundle.
@Suite struct SimulatorCommandTests {
    private let client = "payments/payments-api-7f9c6d8b4-2xv9q"

    private func traceJSON(_ destination: String, _ extra: String...) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments: ["trace", "--demo", "--pod", client, "--dst", destination, "-o", "json"] + extra)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try CommandRunner.json(result.stdout) as? [String: Any])
    }

    @Test func traceJSONHasTheDocumentedKeys() throws {
        let trace = try traceJSON("103.47.244.10:443")
        for key in ["verdict", "phases", "policy", "rule", "gateways", "sourceIp", "publicIp", "route", "firewall"] {
            #expect(trace[key] != nil, "missing \(key)")
        }
        let phases = try #require(trace["phases"] as? [[String: Any]])
        #expect(phases.map { $0["phase"] as? String } == ["POD", "EGRESS-POLICY", "GATEWAY", "SOURCE", "SECURITY-GROUP", "NETWORK-ACL",
                                                       "VPC-ROUTE", "FIREWALL", "RESULT"])
        #expect(phases.allSatisfy { $0["result"] is String && $0["reason"] is String })
    }

    @Test func traceToTheDLPRangeUsesTheTwoReadyDLPGateways() throws {
        let trace = try traceJSON("103.47.244.10:443")
        #expect(trace["policy"] as? String == "Cisco-Secure-Firewall")
        let rule = try #require(trace["rule"] as? [String: Any])
        #expect(rule["index"] as? Int == 0)
        #expect(rule["cidr"] as? String == "103.47.244.0/24")
        let gateways = try #require(trace["gateways"] as? [[String: Any]])
        #expect(gateways.compactMap { $0["ip"] as? String } == ["10.0.41.20", "10.0.42.37"])
        #expect(trace["sourceIp"] as? String == "10.0.41.20")
        #expect(trace["publicIp"] is NSNull)
        let route = try #require(trace["route"] as? [String: Any])
        #expect(route["target"] as? String == "vpce-0a1b2c3d4e5f60718")
        let firewall = try #require(trace["firewall"] as? [String: Any])
        #expect(firewall["name"] as? String == "ftd-egress")
        #expect(firewall["acl"] as? String == "inside_access_in")
        #expect(firewall["line"] as? Int == 3)
        #expect(firewall["action"] as? String == "permit")
        #expect(trace["verdict"] as? String == "allow")
    }

    @Test func traceToTheMainframeIsPermittedByItsOwnLine() throws {
        let trace = try traceJSON("172.16.0.7:23")
        let firewall = try #require(trace["firewall"] as? [String: Any])
        #expect(firewall["line"] as? Int == 9)
        #expect(trace["verdict"] as? String == "allow")
    }

    @Test func traceToTheDatabaseRangePrefersTheNodeLocalGateway() throws {
        let trace = try traceJSON("172.16.99.5:5432")
        let gateways = try #require(trace["gateways"] as? [[String: Any]])
        #expect(gateways.compactMap { $0["ip"] as? String } == ["100.64.0.25"])
        let route = try #require(trace["route"] as? [String: Any])
        #expect(route["target"] as? String == "tgw-0123456789abcdef0")
        #expect((trace["firewall"] as? [String: Any])?["line"] as? Int == 12)
    }

    @Test func traceToALocalDestinationBypassesTheGateways() throws {
        let trace = try traceJSON("10.1.2.3")
        #expect((trace["gateways"] as? [Any])?.isEmpty == true)
        #expect((trace["rule"] as? [String: Any])?["index"] as? Int == 3)
        #expect(trace["sourceIp"] as? String == "10.0.6.42")
        #expect(trace["verdict"] as? String == "deny")
        #expect((trace["firewall"] as? [String: Any])?["line"] as? Int == 21)
    }

    @Test func traceOutsideEveryRuleIsRoutedNormally() throws {
        let trace = try traceJSON("8.8.8.8")
        #expect(trace["rule"] is NSNull)
        #expect((trace["gateways"] as? [Any])?.isEmpty == true)
        #expect(trace["verdict"] as? String == "deny")
    }

    @Test func traceTakesATimeForFirewallTimeRanges() throws {
        let bad = try CommandRunner.run("trace", "--demo", "--pod", client, "--dst", "8.8.8.8", "--at", "yesterday")
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--at"))
        let good = try CommandRunner.run("trace", "--demo", "--pod", client, "--dst", "8.8.8.8", "--at", "2026-11-25T14:00:00Z")
        #expect(good.exitCode == 0)
    }

    @Test func traceFromANamespaceWithAMissingPolicyDrops() throws {
        let result = try CommandRunner.run("trace", "--demo", "--namespace", "legacy-batch", "--labels", "app=job",
                                           "--dst", "8.8.8.8", "-o", "json")
        let trace = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(trace["verdict"] as? String == "drop")
    }

    @Test func traceTextReadsLikePacketTracer() throws {
        let result = try CommandRunner.run("trace", "--demo", "--pod", client, "--dst", "172.16.0.7:23")
        #expect(result.stdout.contains("Phase: 1\nType: POD\nResult: OK"))
        #expect(result.stdout.contains("Type: VPC-ROUTE"))
        #expect(result.stdout.contains("Verdict: "))
    }

    @Test func traceRejectsAnUnknownPodAndBadDestinations() throws {
        let unknown = try CommandRunner.run("trace", "--demo", "--pod", "payments/ghost", "--dst", "8.8.8.8")
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("no pod payments/ghost"))
        let bad = try CommandRunner.run("trace", "--demo", "--pod", client, "--dst", "8.8.8.300:99")
        #expect(bad.exitCode == 2)
        let both = try CommandRunner.run("trace", "--demo", "--dst", "8.8.8.8")
        #expect(both.exitCode == 2)
    }

    @Test func whoisJSONNamesTheGatewayAndItsRules() throws {
        let result = try CommandRunner.run("whois", "10.0.41.20", "--demo", "-o", "json")
        let whois = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(whois["ip"] as? String == "10.0.41.20")
        #expect(whois["kind"] as? String == "egress-gateway")
        let gateway = try #require(whois["gateway"] as? [String: Any])
        #expect(Set(gateway.keys) == ["namespace", "name", "ip", "node"])
        let rules = try #require(whois["rules"] as? [[String: Any]])
        #expect(rules.first?["cidr"] as? String == "103.47.244.0/24")
        #expect(whois["workloads"] as? [String] == ["checkout", "payments"])
    }

    @Test func whoisTakesAWholeASASyslogLine() throws {
        let line = #"%ASA-4-106023: Deny tcp src inside:10.0.42.37/40123 dst outside:103.47.244.10/443 by access-group "inside_access_in" [0x0, 0x0]"#
        let result = try CommandRunner.run("whois", "--demo", "--syslog", line, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let whois = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(whois["ip"] as? String == "10.0.42.37")
        #expect(whois["kind"] as? String == "egress-gateway")
        let syslog = try #require(whois["syslog"] as? [String: Any])
        #expect(syslog["accessList"] as? String == "inside_access_in")
        let garbage = try CommandRunner.run("whois", "--demo", "--syslog", "not a syslog line")
        #expect(garbage.exitCode == 2)
    }

    @Test func whoisOfAnUnknownAddressSaysUnknown() throws {
        let result = try CommandRunner.run("whois", "8.8.4.4", "--demo", "-o", "json")
        let whois = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(whois["kind"] as? String == "unknown")
        #expect(whois["gateway"] is NSNull)
    }

    @Test func checkExitsOneWithStableCodesWhenItFindsErrors() throws {
        let result = try CommandRunner.run("check", "--demo", "-o", "json")
        #expect(result.exitCode == 1)
        let findings = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        let codes = Set(findings.compactMap { $0["code"] as? String })
        #expect(codes.isSuperset(of: ["missing-policy", "idle-eip", "eip-mismatch", "shadowed-ace", "stale-ace"]))
        #expect(!codes.contains("uncovered-gateway"))
        #expect(findings.allSatisfy { ["error", "warning", "info"].contains($0["severity"] as? String ?? "") })
        #expect(findings.allSatisfy { $0["objects"] is [String] && $0["message"] is String })
    }

    @Test func whatifReportsTheMovedRuleGroupedByNamespace() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-candidate-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
        apiVersion: projectcalico.org/v3
        kind: EgressGatewayPolicy
        metadata: {name: Cisco-Secure-Firewall}
        spec:
          rules:
          - destination: {cidr: 103.47.244.0/24}
            gateway: {namespaceSelector: "projectcalico.org/name == 'dlp-service-egw'", selector: "k8s-app == 'dlp-service-egw'", maxNextHops: 2}
          - destination: {cidr: 172.16.0.0/24}
            gateway: {namespaceSelector: "projectcalico.org/name == 'corp-database-egw'", selector: "k8s-app == 'corp-database-egw'"}
          - destination: {cidr: 172.16.99.0/24}
            gateway: {namespaceSelector: "projectcalico.org/name == 'corp-database-egw'", selector: "k8s-app == 'corp-database-egw'"}
            gatewayPreference: PreferNodeLocal
          - destination: {cidr: 10.0.0.0/8}
        """.utf8).write(to: file)
        let result = try CommandRunner.run("whatif", "--demo", "--policy", file.path, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["namespaces"] as? [String] == ["checkout", "payments"])
        #expect(changes.first?["destination"] as? String == "172.16.0.0/24")
        let differences = try #require(changes.first?["differences"] as? [String])
        #expect(differences.first == "gateway corp-mainframe-egw ×2 → corp-database-egw ×2")
        let text = try CommandRunner.run("whatif", "--demo", "--policy", file.path)
        #expect(text.stdout.contains("checkout, payments (6 pods):"))
    }

    @Test func whatifRejectsABrokenCandidateWithItsLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-broken-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("apiVersion: projectcalico.org/v3\nkind: EgressGatewayPolicy\nmetadata: {name: x}\nspec:\n  rules:\n  - destination: {cidr: 300.0.0.0/8}\n".utf8)
            .write(to: file)
        let result = try CommandRunner.run("whatif", "--demo", "--policy", file.path)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("\(file.path):6: error"))
    }
}
