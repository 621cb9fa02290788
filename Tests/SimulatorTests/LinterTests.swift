import Inventory
import LPM
import Simulator
import Testing

/// `check`: each finding code, on small scenarios and on the demo.
@Suite struct LinterTests {
    private func codes(_ scenario: Scenario) -> [String] {
        Linter(snapshot: scenario.snapshot).findings().map(\.code.rawValue)
    }

    private func gatewayScenario() -> Scenario {
        var scenario = Scenario()
        // Mark the pods as operator gateways so gateway-level checks see them.
        scenario.pods = scenario.pods.map { pod in
            var pod = pod
            if pod.namespace == "egw" { pod.containerPortNames = ["health"]; pod.metadata.annotations["cni.projectcalico.org/ipv4pools"] = "[\"egw-pool\"]" }
            return pod
        }
        return scenario
    }

    @Test func aCleanScenarioHasNoFindings() {
        #expect(codes(gatewayScenario()).isEmpty)
    }

    @Test func theDemoHasItsDeliberateMistakes() {
        let findings = Linter(snapshot: DemoBundle.load().snapshot).findings()
        let codes = Set(findings.map(\.code.rawValue))
        #expect(codes.isSuperset(of: ["missing-policy", "idle-eip", "eip-mismatch"]))
        #expect(findings.first?.severity == .error, "errors sort first")
    }

    @Test func flagsAMissingPolicyAsAnError() {
        var scenario = gatewayScenario()
        scenario.namespaces[0].metadata.annotations[EgressAnnotations.policyKey] = "gone"
        let finding = Linter(snapshot: scenario.snapshot).findings().first { $0.code.rawValue == "missing-policy" }
        #expect(finding?.severity == .error)
        #expect(finding?.objects == ["namespace/app", "policy/gone"])
    }

    @Test func flagsDuplicateDestinations() {
        var scenario = gatewayScenario()
        scenario.policies[0].rules.append(EgressGatewayRule(destination: prefix("172.16.0.0/24")))
        #expect(codes(scenario).contains("duplicate-destination"))
    }

    @Test func flagsARuleMatchingNoGateway() {
        var scenario = gatewayScenario()
        scenario.policies[0].rules[0].gateway?.selector = "role == 'none'"
        #expect(codes(scenario) == ["no-gateway-match"])
    }

    @Test func flagsARuleWhoseGatewaysAreAllUnready() {
        var scenario = gatewayScenario()
        scenario.pods[1].ready = false
        scenario.pods[2].ready = false
        #expect(codes(scenario).contains("no-ready-gateway"))
    }

    @Test func flagsFewerReadyGatewaysThanMaxNextHops() {
        var scenario = gatewayScenario()
        scenario.policies[0].rules[0].gateway?.maxNextHops = 3
        #expect(codes(scenario).contains("too-few-gateways"))
    }

    @Test func flagsGatewaysAllInOneZone() {
        var scenario = gatewayScenario()
        scenario.pods[2].nodeName = "node-a"
        #expect(codes(scenario).contains("single-az"))
    }

    @Test func flagsANamespaceSelectorWithAnEmptySelector() {
        var scenario = gatewayScenario()
        scenario.policies[0].rules[0].gateway?.selector = ""
        #expect(codes(scenario).contains("empty-selector"))
    }

    @Test func flagsGatewaysOutsideEveryPoolAndInNonAWSPools() {
        var scenario = gatewayScenario()
        scenario.pools[1] = IPPool(name: "egw-pool", cidr: prefix("10.0.41.0/24"))
        #expect(codes(scenario).contains("pool-not-aws"))
        scenario.pools.removeLast()
        #expect(codes(scenario).contains("gateway-outside-pool"))
    }

    @Test func gradesPoolPressureByThreshold() {
        for (used, severity) in [(200, nil), (210, Finding.Severity.warning), (250, .error)] as [(Int, Finding.Severity?)] {
            var scenario = gatewayScenario()
            scenario.pools[1] = IPPool(name: "egw-pool", cidr: prefix("10.0.41.0/24"), awsSubnetID: "subnet-gw")
            let snapshot = scenario.snapshot
            let block = IPAMBlock(cidr: prefix("10.0.41.0/24"), affinity: nil, allocations: [], unallocated: Array(0..<(256 - used)))
            let loaded = Snapshot(source: .demo,
                                  cluster: ClusterState(namespaces: snapshot.cluster.namespaces, pods: snapshot.cluster.pods,
                                                        nodes: snapshot.cluster.nodes, ipPools: snapshot.cluster.ipPools,
                                                        policies: snapshot.cluster.policies, ipamBlocks: [block],
                                                        felixConfigurations: snapshot.cluster.felixConfigurations),
                                  aws: snapshot.aws)
            let finding = Linter(snapshot: loaded).findings().first { $0.code.rawValue == "pool-pressure" }
            #expect(finding?.severity == severity, "\(used)/256")
        }
    }

    @Test func gradesSubnetPressure() {
        var scenario = gatewayScenario()
        scenario.subnets[1].availableIpAddressCount = 5
        let finding = Linter(snapshot: scenario.snapshot).findings().first { $0.code.rawValue == "subnet-pressure" }
        #expect(finding?.severity == .error)
    }
}

/// `check`'s firewall findings: shadowed, stale and uncovered entries.
@Suite struct FirewallLintTests {
    private func scenario(acl: String) -> Scenario {
        var scenario = Scenario()
        scenario.pods = scenario.pods.map { pod in
            var pod = pod
            if pod.namespace == "egw" { pod.containerPortNames = ["health"]; pod.metadata.annotations["cni.projectcalico.org/ipv4pools"] = "[\"egw-pool\"]" }
            return pod
        }
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["tgw-1"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(acl)
        access-group inside_in in interface inside
        """)]
        return scenario
    }

    private func findings(_ acl: String) -> [Finding] {
        Linter(snapshot: scenario(acl: acl).snapshot).findings()
    }

    @Test func aCoveringPermitLeavesNothingToSay() {
        #expect(findings("access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443").isEmpty)
    }

    @Test func flagsAnEntryAnEarlierOneAlwaysMatchesFirst() {
        let result = findings("""
        access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.0.0 range 1 1024
        access-list inside_in extended deny tcp host 10.0.41.20 172.16.0.0 255.255.255.0 eq 443
        """)
        let shadowed = result.first { $0.code.rawValue == "shadowed-ace" }
        #expect(shadowed?.objects.contains("line/2") == true)
        #expect(shadowed?.message.contains("line 1") == true)
    }

    @Test func aTimeRangedOrNarrowerEarlierEntryDoesNotShadow() {
        let result = findings("""
        access-list inside_in extended permit tcp host 10.0.41.20 172.16.0.0 255.255.255.0 eq 443
        access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
        """)
        #expect(!result.contains { $0.code.rawValue == "shadowed-ace" })
    }

    @Test func flagsAPermitForAnAddressNoWorkloadHas() {
        let result = findings("""
        access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
        access-list inside_in extended permit tcp host 10.0.41.99 172.16.0.0 255.255.255.0 eq 443
        """)
        #expect(result.filter { $0.code.rawValue == "stale-ace" }.map(\.objects) == [["firewall/fw", "access-list/inside_in", "line/2"]])
    }

    @Test func flagsAGatewayNoPermitCovers() {
        let result = findings("access-list inside_in extended permit tcp host 10.0.41.20 172.16.0.0 255.255.255.0 eq 443")
        let uncovered = result.filter { $0.code.rawValue == "uncovered-gateway" }
        #expect(uncovered.count == 1)
        #expect(uncovered.first?.severity == .error)
        #expect(uncovered.first?.objects.first == "pod/egw/egw-b")
    }
}
