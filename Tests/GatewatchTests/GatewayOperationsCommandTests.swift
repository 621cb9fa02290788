import Foundation
import Testing

/// `whatif --fail`, `get capacity` and the gateway table's operations columns, end to end, on the
/// hand-worked failover bundle (Golden/failover-bundle/README.md says what to expect) and the demo.
@Suite struct GatewayOperationsCommandTests {
    static let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/failover-bundle").path

    private func whatIf(_ arguments: String...) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments: ["whatif", "--from", Self.bundle, "--port", "443", "-o", "json"] + arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try CommandRunner.json(result.stdout) as? [String: Any])
    }

    private func changes(_ report: [String: Any]) -> [[String: Any]] {
        report["changes"] as? [[String: Any]] ?? []
    }

    @Test func losingAZoneMovesOneRuleAndDropsTheOther() throws {
        let report = try whatIf("--fail", "zone=us-east-1a")
        let changes = changes(report)
        #expect(changes.count == 2)
        let moved = try #require(changes.first { $0["destination"] as? String == "203.0.113.0/24" })
        #expect(moved["namespaces"] as? [String] == ["payments"])
        #expect(moved["pods"] as? Int == 2)
        #expect(moved["before"] as? String == "allow")
        #expect(moved["after"] as? String == "allow")
        #expect(moved["differences"] as? [String] == [
            "gateway egw-corp ×3 → egw-corp ×2",
            "source 10.0.41.10, 10.0.42.10, 10.0.42.11 → 10.0.42.10, 10.0.42.11",
            "firewall permit line 1 → permit line 2",
        ])
        let dropped = try #require(changes.first { $0["destination"] as? String == "198.51.100.0/24" })
        #expect(dropped["before"] as? String == "allow")
        #expect(dropped["after"] as? String == "drop")
        let differences = dropped["differences"] as? [String] ?? []
        #expect(differences.first == "gateway egw-legacy/legacy-egw-a → none")
        #expect(differences.last == "verdict allow → drop")
    }

    @Test func losingTheOtherZoneLeavesTheLegacyRuleAlone() throws {
        let changes = changes(try whatIf("--fail", "zone=us-east-1b"))
        #expect(changes.map { $0["destination"] as? String } == ["203.0.113.0/24"])
        #expect((changes.first?["differences"] as? [String])?.first == "gateway egw-corp ×3 → egw-corp/corp-egw-a")
        #expect(changes.first?["after"] as? String == "allow")
    }

    @Test func nodeAndGatewayTargetsCombine() throws {
        // node-c and the EgressGateway legacy-egw: corp keeps two gateways, legacy has none.
        let changes = changes(try whatIf("--fail", "node=node-c", "--fail", "gateway=egw-legacy/legacy-egw"))
        #expect(changes.count == 2)
        let moved = changes.first { $0["destination"] as? String == "203.0.113.0/24" }
        #expect((moved?["differences"] as? [String])?.first == "gateway egw-corp ×3 → egw-corp ×2")
        #expect(moved?["after"] as? String == "allow")
        #expect(changes.first { $0["destination"] as? String == "198.51.100.0/24" }?["after"] as? String == "drop")
    }

    @Test func losingOneGatewayPodOfThreeChangesOnlyTheSources() throws {
        let changes = changes(try whatIf("--fail", "gateway=egw-corp/corp-egw-c"))
        #expect(changes.count == 1)
        #expect(changes.first?["differences"] as? [String] == [
            "gateway egw-corp ×3 → egw-corp ×2",
            "source 10.0.41.10, 10.0.42.10, 10.0.42.11 → 10.0.41.10, 10.0.42.10",
        ])
    }

    @Test func aTargetThatNamesNoGatewayIsAnInputError() throws {
        for target in ["zone=us-east-1z", "node=node-x", "gateway=egw-corp/nope", "region=us-east-1", "gateway=egw-corp"] {
            let result = try CommandRunner.run("whatif", "--from", Self.bundle, "--fail", target)
            #expect(result.exitCode == 2, "\(target)")
            #expect(result.stderr.contains("--fail"), "\(target): \(result.stderr)")
        }
    }

    @Test func theTextReportNamesTheClassesAndTheDrop() throws {
        let result = try CommandRunner.run("whatif", "--from", Self.bundle, "--port", "443", "--fail", "zone=us-east-1a")
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("payments (2 pods):"))
        #expect(result.stdout.contains("→ 198.51.100.0/24: gateway egw-legacy/legacy-egw-a → none"))
        #expect(result.stdout.contains("2 changed outcomes"))
    }

    // MARK: get capacity

    @Test func capacityJSONReportsEachAWSBackedPoolAndItsZone() throws {
        let result = try CommandRunner.run("get", "capacity", "--from", Self.bundle, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(report["secondaryIPSupport"] as? String == "Disabled")
        let pools = try #require(report["pools"] as? [[String: Any]])
        #expect(pools.map { $0["pool"] as? String } == ["corp-use1a", "corp-use1b"])
        let first = pools[0]
        #expect(first["zone"] as? String == "us-east-1a")
        // 256 addresses, 5 reserved (IPReservation), no IPAM block in the bundle: 251 free per IPAM.
        #expect(first["ipamFree"] as? Int == 251)
        #expect(first["subnetFree"] as? Int == 249)
        #expect(first["replicasWanted"] as? Int == 4, "corp-egw (3) and legacy-egw (1) both name corp-use1a")
        #expect(first["wantedBy"] as? [String] == ["egw-corp/corp-egw", "egw-legacy/legacy-egw"])
        #expect(first["running"] as? Int == 2)
        #expect(pools[1]["running"] as? Int == 2)
        #expect(pools[1]["replicasWanted"] as? Int == 3)
        #expect((report["nodes"] as? [Any])?.isEmpty == true, "no secondary-IP mode and no published capacity")
    }

    @Test func capacityTableListsPoolsAndNodes() throws {
        let result = try CommandRunner.run("get", "capacity", "--demo")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("AWS-BACKED POOLS"))
        #expect(result.stdout.contains("IPAM-FREE"))
        #expect(result.stdout.contains("NODES (awsSecondaryIPSupport: "))
    }

    // MARK: --metrics-listen

    @Test func aBadMetricsListenAddressIsAnInputError() throws {
        let result = try CommandRunner.run("console", "--demo", "--metrics-listen", "localhost:9464")
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--metrics-listen: expected an IPv4 or [IPv6] address, got 'localhost'"))
    }

    // MARK: get gateways

    @Test func gatewayJSONCarriesProbesConditionsAndReadinessReasons() throws {
        let result = try CommandRunner.run("get", "gateways", "--demo", "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let gateways = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        for gateway in gateways {
            for key in ["terminating", "notReadyReason", "probes", "operatorConditions"] {
                #expect(gateway[key] != nil, "missing \(key)")
            }
        }
        #expect(gateways.contains { ($0["probes"] as? [Any])?.isEmpty == false })
        #expect(gateways.contains { ($0["operatorConditions"] as? [Any])?.isEmpty == false })
        #expect(gateways.contains { $0["ready"] as? Bool == false && $0["notReadyReason"] is String })
    }
}
