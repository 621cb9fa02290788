import Inventory
import LPM
import Simulator
import Testing

/// Every trace phase and failure path, on small scenarios.
@Suite struct TracerTests {
    private func trace(_ scenario: Scenario, to destination: String, from pod: String = "app/client",
                       port: UInt16? = 443) throws -> TraceResult {
        let parts = pod.split(separator: "/").map(String.init)
        return try Tracer(snapshot: scenario.snapshot).trace(
            TraceQuery(sender: .pod(namespace: parts[0], name: parts[1]), destination: ip(destination), destinationPort: port))
    }

    private func phase(_ result: TraceResult, _ name: TracePhaseName) -> TracePhase? {
        result.phases.first { $0.name == name }
    }

    @Test func routesThroughTheReadyGatewaysOfTheLongestMatchingRule() throws {
        let result = try trace(Scenario(), to: "172.16.0.7")
        #expect(result.verdict == .allow)
        #expect(result.policy == "corp")
        #expect(result.rule?.index == 0 && result.rule?.cidr == prefix("172.16.0.0/24"))
        #expect(result.gateways.map(\.name) == ["egw-a", "egw-b"])
        #expect(result.sourceIP == ip("10.0.41.20"))
        #expect(result.route?.target == .transitGateway("tgw-1"))
        #expect(result.phases.map(\.name) == TracePhaseName.allCases)
    }

    @Test func aRuleWithoutGatewayRoutesNormallyFromTheNode() throws {
        let result = try trace(Scenario(), to: "10.200.0.1")
        #expect(result.rule?.index == 1)
        #expect(result.gateways.isEmpty)
        #expect(result.sourceIP == ip("10.0.1.10"), "the client pool masquerades to the node IP")
        #expect(phase(result, .egressPolicy)?.reason.contains("has no gateway") == true)
    }

    @Test func aDestinationNoRuleCoversIsRoutedNormallyNotThroughAGateway() throws {
        let result = try trace(Scenario(), to: "172.16.1.1")
        #expect(result.rule == nil)
        #expect(result.gateways.isEmpty)
        #expect(phase(result, .egressPolicy)?.reason.contains("no rule of policy corp covers 172.16.1.1") == true)
    }

    @Test func destinationsInsideAnIPPoolNeverUseAGateway() throws {
        var scenario = Scenario()
        scenario.policies[0].rules.append(EgressGatewayRule(destination: nil, gateway: scenario.policies[0].rules[0].gateway))
        let result = try trace(scenario, to: "192.168.5.5")
        #expect(result.gateways.isEmpty)
        #expect(phase(result, .egressPolicy)?.reason.contains("inside IP pool pods") == true)
    }

    @Test func nodeAddressesNeverUseAGateway() throws {
        let result = try trace(Scenario(), to: "10.0.1.11")
        #expect(phase(result, .egressPolicy)?.reason.contains("is node node-b") == true)
    }

    @Test func noReadyGatewayDropsWithoutFallingBackToAShorterRule() throws {
        var scenario = Scenario()
        scenario.pods = scenario.pods.map { pod in
            var pod = pod
            if pod.namespace == "egw" { pod.ready = false }
            return pod
        }
        scenario.policies[0].rules.append(EgressGatewayRule(destination: prefix("172.16.0.0/16")))
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.verdict == .drop)
        #expect(phase(result, .gateway)?.outcome == .fail)
        #expect(phase(result, .gateway)?.reason.contains("no fallback to a shorter rule") == true)
        #expect(phase(result, .gateway)?.reason.contains("egw/egw-a") == true)
    }

    @Test func aSelectorMatchingNoGatewayDrops() throws {
        var scenario = Scenario()
        scenario.policies[0].rules[0].gateway?.selector = "role == 'nope'"
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.verdict == .drop)
        #expect(phase(result, .gateway)?.reason.contains("matches no gateway pod") == true)
    }

    @Test func aMissingPolicyDropsEveryEgressPacket() throws {
        var scenario = Scenario()
        scenario.namespaces[0].metadata.annotations[EgressAnnotations.policyKey] = "gone"
        let result = try trace(scenario, to: "8.8.8.8")
        #expect(result.verdict == .drop)
        #expect(phase(result, .egressPolicy)?.reason.contains("policy gone") == true)
    }

    @Test func disabledEgressSupportRoutesNormally() throws {
        var scenario = Scenario()
        scenario.support = .disabled
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.gateways.isEmpty)
        #expect(result.policy == nil)
    }

    @Test func selectorAnnotationsActAsADefaultRuleInTheClientsNamespace() throws {
        var scenario = Scenario()
        scenario.namespaces[0].metadata.annotations = [EgressAnnotations.selectorKey: "role == 'local-gw'"]
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "own-gw", namespace: "app", labels: ["role": "local-gw"]),
                                 nodeName: "node-b", podIP: ip("10.0.41.30")))
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "foreign-gw", namespace: "egw", labels: ["role": "local-gw"]),
                                 nodeName: "node-b", podIP: ip("10.0.41.31")))
        let result = try trace(scenario, to: "8.8.8.8")
        #expect(result.policy == nil && result.rule == nil)
        #expect(result.gateways.map(\.name) == ["own-gw"])
    }

    @Test func preferNodeLocalKeepsTheGatewaysOnTheSendersNode() throws {
        var scenario = Scenario()
        scenario.policies[0].rules[0].gatewayPreference = .preferNodeLocal
        #expect(try trace(scenario, to: "172.16.0.7").gateways.map(\.name) == ["egw-a"])
        scenario.pods[1].nodeName = "node-b"
        #expect(try trace(scenario, to: "172.16.0.7").gateways.map(\.name) == ["egw-a", "egw-b"])
    }

    @Test func reportsMaxNextHopsBesideEveryECMPMember() throws {
        var scenario = Scenario()
        scenario.policies[0].rules[0].gateway?.maxNextHops = 1
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.maxNextHops == 1)
        #expect(result.gateways.count == 2)
        #expect(phase(result, .gateway)?.reason.contains("ECMP over 1 of 2") == true)
    }

    @Test func aHostIPModeGatewayLeavesWithItsNodesAddress() throws {
        var scenario = Scenario()
        scenario.pools[1].natOutgoing = true
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.paths.map(\.sourceIP) == [ip("10.0.1.10"), ip("10.0.1.11")])
    }

    @Test func aGatewayOutsideEveryPoolIsFlagged() throws {
        var scenario = Scenario()
        scenario.pools.removeLast()
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(phase(result, .source)?.outcome == .warn)
    }

    @Test func aBlackholeRouteDrops() throws {
        var scenario = Scenario()
        scenario.routes.append(Route(destination: prefix("172.16.0.0/16"), target: RouteTarget("tgw-old"), state: "blackhole"))
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.verdict == .drop)
        #expect(result.route?.blackhole == true)
    }

    @Test func aMissingRouteDrops() throws {
        var scenario = Scenario()
        scenario.routes = [Route(destination: prefix("10.0.0.0/16"), target: RouteTarget("local"))]
        #expect(try trace(scenario, to: "172.16.0.7").verdict == .drop)
    }

    @Test func anInternetGatewayNeedsAPublicAddress() throws {
        var scenario = Scenario()
        scenario.routes[1] = Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("igw-1"))
        scenario.policies[0].rules.append(EgressGatewayRule(destination: nil, gateway: scenario.policies[0].rules[0].gateway))
        let withoutEIP = try trace(scenario, to: "8.8.8.8")
        #expect(withoutEIP.verdict == .drop)
        scenario.elasticIPs = [
            ElasticIP(allocationID: "eipalloc-1", publicIP: ip("203.0.113.1"), associationID: "a", privateIPAddress: ip("10.0.41.20")),
            ElasticIP(allocationID: "eipalloc-2", publicIP: ip("203.0.113.2"), associationID: "b", privateIPAddress: ip("10.0.41.21")),
        ]
        let withEIP = try trace(scenario, to: "8.8.8.8")
        #expect(withEIP.verdict == .allow)
        #expect(withEIP.publicIP == ip("203.0.113.1"))
    }

    @Test func aNATGatewayRouteGivesTheNATAddress() throws {
        var scenario = Scenario()
        scenario.routes[1] = Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("nat-1"))
        scenario.natGateways = [NatGateway(natGatewayID: "nat-1", addresses: [
            .init(allocationID: "eipalloc-9", publicIP: ip("198.51.100.9"), privateIP: ip("10.0.250.9"), networkInterfaceID: "eni-9"),
        ])]
        let result = try trace(scenario, to: "8.8.8.8")
        #expect(result.publicIP == ip("198.51.100.9"))
        #expect(result.sourceIP == ip("10.0.1.10"))
    }

    @Test func aRouteTargetNoFirewallListsIsNotInspected() throws {
        let result = try trace(Scenario(), to: "172.16.0.7")
        #expect(result.firewall == nil)
        #expect(phase(result, .firewall)?.reason.contains("not inspected") == true)
        #expect(result.verdict == .allow)
    }

    @Test func tracesAHypotheticalPodByNamespaceAndLabels() throws {
        let result = try Tracer(snapshot: Scenario().snapshot).trace(TraceQuery(
            sender: .hypothetical(namespace: "app", labels: ["app": "new"], node: "node-b"), destination: ip("172.16.0.7")))
        #expect(result.sender == "app/<hypothetical>")
        #expect(result.gateways.count == 2)
    }

    @Test func anUnknownPodIsAnInputError() {
        #expect(throws: TraceQueryError.self) {
            try Tracer(snapshot: Scenario().snapshot).trace(TraceQuery(sender: .pod(namespace: "app", name: "ghost"),
                                                                       destination: ip("8.8.8.8")))
        }
    }
}

/// The FIREWALL phase: the firewall a route target leads to, the source it sees, its verdict.
@Suite struct TracerFirewallTests {
    private let config = """
    hostname fw
    interface GigabitEthernet0/0
     nameif inside
     security-level 100
     ip address 10.255.0.1 255.255.255.0
    object-group network gateways
     network-object 10.0.41.0 255.255.255.0
    access-list inside_in extended permit tcp object-group gateways 172.16.0.0 255.255.255.0 eq 443
    access-list inside_in extended permit tcp host 203.0.113.1 any eq 443
    access-group inside_in in interface inside
    """

    private func scenario(sees: FirewallPlacement.SourceView = .private) -> Scenario {
        var scenario = Scenario()
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", sees: sees,
                                                targets: ["tgw-1", "igw-1"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: config)]
        return scenario
    }

    private func trace(_ scenario: Scenario, to destination: String, port: UInt16 = 443) throws -> TraceResult {
        try Tracer(snapshot: scenario.snapshot).trace(TraceQuery(sender: .pod(namespace: "app", name: "client"),
                                                                 destination: ip(destination), destinationPort: port))
    }

    @Test func aPermittingLineAllows() throws {
        let result = try trace(scenario(), to: "172.16.0.7")
        #expect(result.verdict == .allow)
        #expect(result.firewall?.line == 1)
        #expect(result.firewall?.acl == "inside_in")
        #expect(result.firewall?.action == .permit)
        #expect(result.firewall?.sourceSeen == ip("10.0.41.20"))
    }

    @Test func theImplicitDenyDeniesWithNoLine() throws {
        let result = try trace(scenario(), to: "172.16.0.7", port: 22)
        #expect(result.verdict == .deny)
        #expect(result.firewall?.implicit == true)
        #expect(result.firewall?.line == nil)
        #expect(result.firewall?.acl == "inside_in")
    }

    @Test func aFirewallThatSeesPublicAddressesMatchesTheElasticIP() throws {
        var scenario = scenario(sees: .public)
        scenario.routes[1] = Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("igw-1"))
        scenario.policies[0].rules.append(EgressGatewayRule(destination: nil, gateway: scenario.policies[0].rules[0].gateway))
        scenario.elasticIPs = [
            ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x", privateIPAddress: ip("10.0.41.20")),
            ElasticIP(allocationID: "b", publicIP: ip("203.0.113.2"), associationID: "y", privateIPAddress: ip("10.0.41.21")),
        ]
        let result = try trace(scenario, to: "8.8.8.8")
        #expect(result.paths.map(\.firewall?.sourceSeen) == [ip("203.0.113.1"), ip("203.0.113.2")])
        #expect(result.paths.map(\.verdict) == [.allow, .deny])
        #expect(result.verdict == .deny, "the worst ECMP path decides")
        #expect(result.phases.last?.reason.contains("1 of 2 paths allow") == true)
    }

    @Test func aMissingConfigFileIsNotInspected() throws {
        var scenario = scenario()
        scenario.firewallConfigs = []
        let result = try trace(scenario, to: "172.16.0.7")
        #expect(result.firewall == nil)
        #expect(result.phases.first { $0.name == .firewall }?.outcome == .warn)
    }
}
