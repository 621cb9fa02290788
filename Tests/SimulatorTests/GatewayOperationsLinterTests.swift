import Inventory
import LPM
import Simulator
import Testing

/// The gateway-operations `check` codes (DESIGN.md): each fires on the case it names, and its
/// near misses stay quiet.
@Suite struct GatewayOperationsLinterTests {
    private func findings(_ scenario: Scenario, _ code: Finding.Code) -> [Finding] {
        Linter(snapshot: scenario.snapshot).findings().filter { $0.code == code }
    }

    private func operated(_ name: String = "egw", replicas: Int = 2, pools: [String] = ["egw-pool"],
                          detection: EgressGatewayFailureDetection? = nil, grace: Int? = nil) -> EgressGateway {
        EgressGateway(metadata: ObjectMeta(name: name, namespace: "egw"), replicas: replicas, ipPools: pools,
                      templateLabels: ["role": "gw"], nativeIP: true, failureDetection: detection,
                      terminationGracePeriodSeconds: grace)
    }

    // MARK: grace-period-zero

    @Test func gracePeriodZeroFiresForAnEgressGatewayTemplateOfZero() {
        var scenario = Scenario()
        scenario.egressGateways = [operated(grace: 0)]
        let found = findings(scenario, .gracePeriodZero)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.objects == ["egressgateway/egw/egw"])
    }

    @Test func gracePeriodZeroFiresForHandDeployedPodsOfZero() {
        var scenario = Scenario()
        scenario.pods[1].terminationGracePeriodSeconds = 0
        scenario.pods[2].terminationGracePeriodSeconds = 0
        // No owner: each pod is its own group.
        #expect(findings(scenario, .gracePeriodZero).map(\.objects) == [["pod/egw/egw-a"], ["pod/egw/egw-b"]])
        // Pods of one Deployment (through their ReplicaSet) are one finding.
        for index in [1, 2] {
            scenario.pods[index].metadata.ownerReferences = [.init(kind: "ReplicaSet", name: "egw-7d9c5b6f4")]
        }
        #expect(findings(scenario, .gracePeriodZero).map(\.objects) == [["pod/egw/egw-a", "pod/egw/egw-b"]])
    }

    @Test func gracePeriodNearMissesStayQuiet() {
        var scenario = Scenario()
        scenario.egressGateways = [operated(grace: 1)]
        scenario.pods[1].terminationGracePeriodSeconds = 30
        #expect(findings(scenario, .gracePeriodZero).isEmpty, "one second, 30 s and unset are fine")
        // A client pod (not a gateway) with grace 0 is not a gateway's problem.
        scenario.pods[0].terminationGracePeriodSeconds = 0
        #expect(findings(scenario, .gracePeriodZero).isEmpty)
    }

    // MARK: probe-timeout

    @Test func probeTimeoutFiresWhenTheTimeoutIsNotAboveTheInterval() {
        var scenario = Scenario()
        let detection = EgressGatewayFailureDetection(
            icmpProbe: .init(kind: .icmp, targets: ["10.0.0.1"], intervalSeconds: 10, timeoutSeconds: 10),
            httpProbe: .init(kind: .http, targets: ["http://health/"], intervalSeconds: 40))  // default timeout 30
        scenario.egressGateways = [operated(detection: detection)]
        let found = findings(scenario, .probeTimeout)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.objects == ["egressgateway/egw/egw"] })
        #expect(found.contains { $0.message.contains("icmpProbe timeoutSeconds 10 is not above intervalSeconds 10") })
        #expect(found.contains { $0.message.contains("httpProbe timeoutSeconds 30 is not above intervalSeconds 40") })
    }

    @Test func probeTimeoutNearMissesStayQuiet() {
        var scenario = Scenario()
        let detection = EgressGatewayFailureDetection(
            icmpProbe: .init(kind: .icmp, targets: ["10.0.0.1"], intervalSeconds: 10, timeoutSeconds: 11),
            httpProbe: .init(kind: .http, targets: ["http://health/"]))  // defaults 10 / 30
        scenario.egressGateways = [operated(detection: detection), operated("no-probes")]
        #expect(findings(scenario, .probeTimeout).isEmpty)
    }

    // MARK: missing-ip-reservation

    @Test func missingReservationFiresForAnUncoveredAWSEdgeAddress() {
        var scenario = Scenario()
        // Reserve the first four only: the last address (10.0.41.255) is left for IPAM.
        scenario.ipReservations = [IPReservation(name: "edges", reservedCIDRs: [prefix("10.0.41.0/30")])]
        let found = findings(scenario, .missingIPReservation)
        #expect(found.count == 1)
        #expect(found.first?.objects == ["ippool/egw-pool", "subnet/subnet-gw"])
        #expect(found.first?.message.contains("10.0.41.255") == true)
        #expect(found.first?.message.contains("10.0.41.1,") == false)
    }

    @Test func missingReservationFiresForAPoolWithNoReservationAtAll() {
        var scenario = Scenario()
        scenario.ipReservations = []
        let message = findings(scenario, .missingIPReservation).first?.message ?? ""
        #expect(message.contains("10.0.41.0, 10.0.41.1, 10.0.41.2, 10.0.41.3, 10.0.41.255"))
    }

    @Test func missingReservationNearMissesStayQuiet() {
        // Reserved by two bare addresses and a /31 instead of the /30: still all covered.
        var scenario = Scenario()
        scenario.ipReservations = [IPReservation(name: "edges", reservedCIDRs: [
            prefix("10.0.41.0/31"), prefix("10.0.41.2/32"), prefix("10.0.41.3/32"), prefix("10.0.41.255/32")])]
        #expect(findings(scenario, .missingIPReservation).isEmpty)
        // A pool in the middle of its subnet holds none of the edges: nothing to reserve.
        var inner = Scenario()
        inner.ipReservations = []
        inner.pools[1] = IPPool(name: "egw-pool", cidr: prefix("10.0.41.64/26"), blockSize: 32, awsSubnetID: "subnet-gw")
        #expect(findings(inner, .missingIPReservation).isEmpty)
        // A pool that is not AWS-backed needs no reservation.
        var plain = Scenario()
        plain.ipReservations = []
        plain.pools[1].awsSubnetID = nil
        #expect(findings(plain, .missingIPReservation).isEmpty)
    }

    // MARK: gateway-capacity

    /// t3.large: 3 ENIs × 12 IPv4 addresses → (3 − 1) × 11 = 22 gateway addresses with shared ENIs,
    /// 2 with one ENI per workload (aws-path.md §7).
    private func capacityScenario(mode: String, replicas: Int) -> Scenario {
        var scenario = Scenario()
        scenario.felixConfigurations = [FelixConfiguration(name: "default", egressIPSupport: .enabledPerNamespaceOrPerPod,
                                                           awsSecondaryIPSupport: mode)]
        scenario.instanceTypes = [InstanceTypeInfo(instanceType: "t3.large", networkInfo: .init(
            maximumNetworkInterfaces: 3, networkCards: [.init(networkCardIndex: 0, maximumNetworkInterfaces: 3)],
            ipv4AddressesPerInterface: 12))]
        scenario.subnets[1].availabilityZone = "us-east-1a"
        for index in scenario.nodes.indices { scenario.nodes[index].metadata.labels["node.kubernetes.io/instance-type"] = "t3.large" }
        scenario.egressGateways = [operated(replicas: replicas)]
        return scenario
    }

    @Test func eniCapacityFollowsCalicosArithmetic() {
        let info = InstanceTypeInfo.NetworkInfo(maximumNetworkInterfaces: 3, ipv4AddressesPerInterface: 12)
        #expect(CapacityReport.eniCapacity(info, otherENIs: 1, mode: .enabled) == 22)
        #expect(CapacityReport.eniCapacity(info, otherENIs: 1, mode: .enabledENIPerWorkload) == 2)
        #expect(CapacityReport.eniCapacity(info, otherENIs: 1, mode: .disabled) == nil)
        // p4d.24xlarge: 60 interfaces over 4 cards, 15 on card 0.
        let p4d = InstanceTypeInfo.NetworkInfo(maximumNetworkInterfaces: 60, networkCards: (0..<4).map {
            .init(networkCardIndex: $0, maximumNetworkInterfaces: 15) }, ipv4AddressesPerInterface: 50)
        #expect(CapacityReport.eniCapacity(p4d, otherENIs: 1, mode: .enabled) == 14 * 49)
    }

    @Test func gatewayCapacityFiresWhenTheZoneCannotHoldTheReplicas() {
        // One ENI per workload: node-a (the only node in us-east-1a) holds 2; 3 replicas do not fit.
        let found = findings(capacityScenario(mode: "EnabledENIPerWorkload", replicas: 3), .gatewayCapacity)
        #expect(found.count == 1)
        #expect(found.first?.objects == ["egressgateway/egw/egw", "node/node-a"])
        #expect(found.first?.message.contains("can hold 2 more") == true)
    }

    @Test func gatewayCapacityFiresWhenANodeHoldsMoreThanItsPublishedCapacity() {
        var scenario = capacityScenario(mode: "Enabled", replicas: 1)
        scenario.nodes[0].awsSecondaryIPv4Capacity = 0
        let found = findings(scenario, .gatewayCapacity)
        #expect(found.contains { $0.objects == ["node/node-a"] && $0.message.contains("allows 0") })
    }

    @Test func gatewayCapacityNearMissesStayQuiet() {
        #expect(findings(capacityScenario(mode: "EnabledENIPerWorkload", replicas: 2), .gatewayCapacity).isEmpty,
                "2 replicas fit exactly (its own gateway on node-a does not count against it)")
        #expect(findings(capacityScenario(mode: "Enabled", replicas: 22), .gatewayCapacity).isEmpty)
        #expect(findings(capacityScenario(mode: "Disabled", replicas: 50), .gatewayCapacity).isEmpty,
                "no secondary-IP mode: no ENI limit applies")
        var unknown = capacityScenario(mode: "EnabledENIPerWorkload", replicas: 3)
        unknown.instanceTypes = []
        #expect(findings(unknown, .gatewayCapacity).isEmpty, "unknown room is not reported as too small")
    }

    // MARK: az-loss-drop

    @Test func azLossDropFiresWhenTheReadyGatewaysShareOneZone() {
        var scenario = Scenario()
        scenario.pods[2].ready = false  // egw-b in us-east-1b is down; egw-a in us-east-1a carries everything
        let found = findings(scenario, .azLossDrop)
        #expect(found.count == 1)
        #expect(found.first?.objects == ["policy/corp", "rule/0", "pod/egw/egw-a"])
        #expect(found.first?.message.contains("losing us-east-1a") == true)
        #expect(found.first?.severity == .warning)
    }

    @Test func azLossDropNearMissesStayQuiet() {
        #expect(findings(Scenario(), .azLossDrop).isEmpty, "ready gateways in two zones")
        var placed = Scenario()
        placed.pods[2].nodeName = "node-a"
        #expect(findings(placed, .azLossDrop).isEmpty, "all placed in one zone is single-az's finding")
        #expect(Linter(snapshot: placed.snapshot).findings().contains { $0.code == .singleAZ })
        var unknownZone = Scenario()
        unknownZone.pods[2].ready = false
        unknownZone.nodes[0].metadata.labels = [:]
        #expect(findings(unknownZone, .azLossDrop).isEmpty, "a ready gateway of unknown zone: cannot tell")
        var none = Scenario()
        none.pods[1].ready = false
        none.pods[2].ready = false
        #expect(findings(none, .azLossDrop).isEmpty, "no ready gateway at all is no-ready-gateway's finding")
    }
}
