import Foundation
import Testing

/// `gatewatch trace --demo` along the AWS packet path: the demo's `prod-use1-private` ACL denies
/// the mainframe's return to ports 49152–65535 (rule 120), so the mainframe trace warns over the
/// Linux ephemeral range and drops for a source port inside the denied part.
@Suite struct AWSPathCommandTests {
    private let client = "payments/payments-api-7f9c6d8b4-2xv9q"

    private func traceJSON(_ destination: String, _ extra: String...) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments: ["trace", "--demo", "--pod", client, "--dst", destination, "-o", "json"]
                                                + extra)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try CommandRunner.json(result.stdout) as? [String: Any])
    }

    private func phase(_ trace: [String: Any], _ name: String) throws -> [String: Any] {
        let phases = try #require(trace["phases"] as? [[String: Any]])
        return try #require(phases.first { $0["phase"] as? String == name })
    }

    @Test func theMainframeTraceWarnsInNetworkAclWithoutASourcePort() throws {
        let trace = try traceJSON("172.16.0.7:23")
        #expect(trace["verdict"] as? String == "allow")
        let acl = try phase(trace, "NETWORK-ACL")
        #expect(acl["result"] as? String == "warn")
        #expect(acl["code"] as? String == "SUBNET_ACL_RESTRICTION")
        let sg = try phase(trace, "SECURITY-GROUP")
        #expect(sg["result"] as? String == "ok")
        #expect(sg["code"] is NSNull)
        let paths = try #require(trace["paths"] as? [[String: Any]])
        #expect(paths.count == 2)
        for path in paths {
            let networkAcl = try #require(path["networkAcl"] as? [String: Any])
            #expect(networkAcl["networkAclId"] as? String == "acl-0e5f6a7b8c9d0b123")
            #expect(networkAcl["outboundRule"] as? Int == 100)
            #expect(networkAcl["returnRule"] as? Int == 120)
            let denied = try #require(networkAcl["returnDenied"] as? [[String: Any]])
            #expect(denied.map { [$0["from"] as? Int, $0["to"] as? Int] } == [[49152, 60999]])
            let group = try #require(path["securityGroup"] as? [String: Any])
            #expect(group["groupId"] as? String == "sg-0e4f5a6b7c8d90123")
            #expect(path["dropCode"] is NSNull)
            #expect(path["verdict"] as? String == "allow")
        }
    }

    @Test func theMainframeTraceDropsForASourcePortTheAclDenies() throws {
        let trace = try traceJSON("172.16.0.7:23", "--sport", "50000")
        #expect(trace["verdict"] as? String == "drop")
        let acl = try phase(trace, "NETWORK-ACL")
        #expect(acl["result"] as? String == "fail")
        #expect(acl["code"] as? String == "SUBNET_ACL_RESTRICTION")
        #expect(try phase(trace, "FIREWALL")["result"] as? String == "skip")
        let paths = try #require(trace["paths"] as? [[String: Any]])
        #expect(paths.allSatisfy { $0["dropCode"] as? String == "SUBNET_ACL_RESTRICTION" })
        #expect(paths.allSatisfy { ($0["networkAcl"] as? [String: Any])?["returnBlocked"] as? Bool == true })
    }

    @Test func aSourcePortOutsideTheDeniedPartIsAllowed() throws {
        let trace = try traceJSON("172.16.0.7:23", "--sport", "40000")
        #expect(trace["verdict"] as? String == "allow")
        #expect(try phase(trace, "NETWORK-ACL")["result"] as? String == "ok")
    }

    @Test func theDatabaseReturnIsNotCoveredByRule120() throws {
        let trace = try traceJSON("172.16.99.5:5432")
        #expect(try phase(trace, "NETWORK-ACL")["result"] as? String == "ok")
        #expect(try phase(trace, "NETWORK-ACL")["code"] is NSNull)
    }

    @Test func theTextOutputNamesTheAclAndRuleNumber() throws {
        let result = try CommandRunner.run(arguments: ["trace", "--demo", "--pod", client, "--dst", "172.16.0.7:23",
                                                       "--sport", "50000"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Type: NETWORK-ACL"))
        #expect(result.stdout.contains("acl-0e5f6a7b8c9d0b123"))
        #expect(result.stdout.contains("inbound rule 120"))
        #expect(result.stdout.contains("Type: SECURITY-GROUP"))
    }

    @Test func checkWarnsThatTheMainframeReturnIsPartlyBlocked() throws {
        let result = try CommandRunner.run("check", "--demo", "-o", "json")
        let findings = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        let returns = findings.filter { $0["code"] as? String == "nacl-blocks-return" }
        #expect(!returns.isEmpty)
        #expect(returns.allSatisfy { $0["severity"] as? String == "warning" })
        #expect(returns.allSatisfy { ($0["message"] as? String)?.contains("172.16.0.0/24") == true })
        #expect(!findings.contains { $0["code"] as? String == "sg-blocks-gateway" })
    }

    @Test func whatifReportsNoChangeWhenACandidateAclOnlyLiftsAWarning() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-acl-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        // prod-use1-private without rule 120: the mainframe's return is allowed on every port.
        try Data("""
        {"NetworkAcls": [{"NetworkAclId": "acl-0e5f6a7b8c9d0b123", "VpcId": "vpc-0c0ffee0d15ea5e01", "IsDefault": false,
          "Associations": [{"SubnetId": "subnet-0e1a2b3c4d5e6f702"}, {"SubnetId": "subnet-0e1a2b3c4d5e6f703"}],
          "Entries": [
            {"RuleNumber": 100, "Egress": true, "RuleAction": "allow", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"},
            {"RuleNumber": 32767, "Egress": true, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"},
            {"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"},
            {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}]}]}
        """.utf8).write(to: file)
        let before = try CommandRunner.run(arguments: ["trace", "--demo", "--pod", client, "--dst", "172.16.0.7:23",
                                                       "--sport", "50000", "-o", "json"])
        #expect((try CommandRunner.json(before.stdout) as? [String: Any])?["verdict"] as? String == "drop")
        let result = try CommandRunner.run("whatif", "--demo", "--aws", file.path, "--port", "23", "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.isEmpty, "without --sport the trace only warned: no verdict or drop changes")
    }

    @Test func whatifWithACandidateGroupThatAllowsNothingDropsTheGatewayTraffic() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-sg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
        {"SecurityGroups": [{"GroupId": "sg-0e4f5a6b7c8d90123", "GroupName": "eks-cluster-sg-prod-use1-1746283011",
          "IpPermissions": [], "IpPermissionsEgress": []}]}
        """.utf8).write(to: file)
        let result = try CommandRunner.run("whatif", "--demo", "--aws", file.path, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { ($0["differences"] as? [String])?.contains("AWS path passes → SG_HAS_NO_RULES") == true })
    }
}
