import Foundation
import Testing

/// `gatewatch get` end to end, against the demo bundle and bundle directories.
@Suite struct GetCommandTests {
    private func objects(_ arguments: String...) throws -> [[String: Any]] {
        let result = try CommandRunner.run(arguments: arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
    }

    @Test func gatewaysJSONHasTheDocumentedKeys() throws {
        let gateways = try objects("get", "gateways", "--demo", "-o", "json")
        #expect(gateways.count == 7)
        for key in ["namespace", "name", "ip", "node", "zone", "ready", "pool", "publicIp"] {
            #expect(gateways.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        let dlp = try #require(gateways.first { $0["ip"] as? String == "10.0.41.20" })
        #expect(dlp["publicIp"] as? String == "203.0.113.10")
        #expect(dlp["ready"] as? Bool == true)
    }

    @Test func poolsJSONHasTheDocumentedKeys() throws {
        let pools = try objects("get", "pools", "--demo", "-o", "json")
        for key in ["name", "cidr", "awsSubnetID", "allocated", "capacity", "utilization", "subnetAvailable"] {
            #expect(pools.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        let dlp = try #require(pools.first { $0["name"] as? String == "dlp-use1a" })
        #expect(dlp["allocated"] as? Int == 2)
        #expect(dlp["capacity"] as? Int == 256)
        #expect(dlp["subnetAvailable"] as? Int == 247)
    }

    @Test func eipsJSONUsesTheFourStatusesAndNullGateways() throws {
        let eips = try objects("get", "eips", "--demo", "-o", "json")
        let statuses = Set(eips.compactMap { $0["status"] as? String })
        #expect(statuses == ["bound", "idle", "mismatch", "not-gateway"])
        for key in ["allocationId", "publicIp", "privateIp", "networkInterfaceId", "instanceId", "gateway", "status"] {
            #expect(eips.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        let idle = try #require(eips.first { $0["status"] as? String == "idle" })
        #expect(idle["gateway"] is NSNull)
    }

    @Test func policiesJSONListsRulesGatewaysAndUsers() throws {
        let policies = try objects("get", "policies", "--demo", "-o", "json")
        let policy = try #require(policies.first)
        #expect(policy["name"] as? String == "Cisco-Secure-Firewall")
        #expect(policy["usedBy"] as? [String] == ["checkout", "payments"])
        let rules = try #require(policy["rules"] as? [[String: Any]])
        #expect(rules.map { $0["index"] as? Int } == [0, 1, 2, 3])
        #expect(rules[3]["gateway"] is NSNull)
        #expect((rules[0]["gateways"] as? [String])?.count == 3)
        #expect(rules[2]["gatewayPreference"] as? String == "PreferNodeLocal")
    }

    @Test func tableOutputHasAHeaderAndOneRowPerGateway() throws {
        let result = try CommandRunner.run("get", "gateways", "--demo")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAMESPACE") == true)
        #expect(lines.count == 8)
    }

    @Test func readsABundleDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cluster"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("""
        apiVersion: projectcalico.org/v3
        kind: IPPool
        metadata: {name: only}
        spec: {cidr: 10.9.0.0/24}
        """.utf8).write(to: directory.appendingPathComponent("cluster/pools.yaml"))
        let pools = try objects("get", "pools", "--from", directory.path, "-o", "json")
        #expect(pools.map { $0["name"] as? String } == ["only"])
    }

    @Test func anIPv6PoolReportsItsExactSize() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cluster"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: v6}\nspec: {cidr: '2002:101::/64'}\n".utf8)
            .write(to: directory.appendingPathComponent("cluster/pools.yaml"))
        let result = try CommandRunner.run("get", "pools", "--from", directory.path, "-o", "json")
        #expect(result.stdout.contains("\"capacity\": 18446744073709551616,"))
        let table = try CommandRunner.run("get", "pools", "--from", directory.path)
        #expect(table.stdout.contains("18446744073709551616"))
    }

    @Test func reportsBundleProblemsOnStderrAndKeepsGoing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cluster"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: bad}\nspec: {cidr: 10.9.0.1/24}\n".utf8)
            .write(to: directory.appendingPathComponent("cluster/pools.yaml"))
        let result = try CommandRunner.run("get", "pools", "--from", directory.path)
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("cluster/pools.yaml:4: error: IPPool bad: spec.cidr"))
        let strict = try CommandRunner.run("get", "pools", "--from", directory.path, "--strict")
        #expect(strict.exitCode == 2)
    }

    @Test func exitsTwoWithOneLineForAMissingBundle() throws {
        let result = try CommandRunner.run("get", "pools", "--from", "/nonexistent/bundle")
        #expect(result.exitCode == 2)
        #expect(result.stderr == "gatewatch: cannot read bundle /nonexistent/bundle: no such directory\n")
    }

    @Test func exitsTwoForAnUnknownResource() throws {
        let result = try CommandRunner.run("get", "routers", "--demo")
        #expect(result.exitCode == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("'gateways', 'pools', 'eips', 'policies' or 'capacity'"))
    }

    /// Without a bundle the command goes live; with no kubeconfig, no AWS credentials and instance
    /// metadata off (nothing may leave the loopback), neither side can be read.
    @Test func exitsTwoWhenNoSourceCanBeRead() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-nosource-\(UUID().uuidString)").path
        let result = try CommandRunner.run(arguments: ["get", "pools"],
                                           environment: ["PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": home,
                                                         "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("kube:"))
        #expect(result.stderr.contains("aws:"))
        #expect(result.stderr.contains("--from DIR or --demo"))
    }
}
