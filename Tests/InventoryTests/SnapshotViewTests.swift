import Inventory
import LPM
import Testing

/// The derived views on small hand-made Snapshots: gateway discovery, Elastic IP status, pool usage.
@Suite struct SnapshotViewTests {
    private func ip(_ text: String) -> IPAddress { IPAddress(parsing: text) ?? .v4(IPv4Address(0)) }
    private func prefix(_ text: String) -> IPPrefix { (try? IPPrefix(text)) ?? IPPrefix(host: .v4(IPv4Address(0))) }

    private func gatewayPod(_ name: String, _ address: String, eips: String? = nil, ready: Bool = true) -> Pod {
        var annotations: [String: String] = [:]
        if let eips { annotations["cni.projectcalico.org/awsElasticIPs"] = eips }
        return Pod(metadata: ObjectMeta(name: name, namespace: "egw", labels: ["projectcalico.org/egw": "egw"],
                                        annotations: annotations),
                   nodeName: "n1", podIP: ip(address), ready: ready)
    }

    private func snapshot(pods: [Pod], eips: [ElasticIP] = [], blocks: [IPAMBlock] = [], pools: [IPPool] = [],
                          reservations: [IPReservation] = [], policies: [EgressGatewayPolicy] = []) -> Snapshot {
        Snapshot(source: .demo,
                 cluster: ClusterState(namespaces: [Namespace(metadata: ObjectMeta(name: "egw"))], pods: pods,
                                       ipPools: pools, ipReservations: reservations, policies: policies, ipamBlocks: blocks,
                                       egressGateways: [EgressGateway(metadata: ObjectMeta(name: "egw", namespace: "egw"))]),
                 aws: AWSState(elasticIPs: eips))
    }

    @Test func findsOperatorGatewaysByTheirTemplateLabels() {
        let other = Pod(metadata: ObjectMeta(name: "app", namespace: "egw"), podIP: ip("10.0.0.9"))
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1"), other])
        #expect(view.gateways.map(\.name) == ["egw-1"])
        #expect(view.gateways.first?.deployment == "egw")
    }

    @Test func findsGatewaysSelectedByAPolicyRule() {
        let pod = Pod(metadata: ObjectMeta(name: "handmade", namespace: "other", labels: ["role": "gw"]), podIP: ip("10.0.0.5"))
        let policy = EgressGatewayPolicy(name: "p", rules: [EgressGatewayRule(
            destination: prefix("8.8.8.0/24"),
            gateway: EgressGatewaySelection(namespaceSelector: "all()", selector: "role == 'gw'"))])
        let view = snapshot(pods: [pod], policies: [policy])
        #expect(view.gateways.map(\.qualifiedName) == ["other/handmade"])
        #expect(view.policies.first?.rules.first?.gateways == ["other/handmade"])
    }

    @Test func leavesFinishedPodsOut() {
        var finished = gatewayPod("egw-old", "10.0.0.2")
        finished.phase = "Succeeded"
        #expect(snapshot(pods: [finished]).gateways.isEmpty)
    }

    @Test func bindsAnElasticIPOnAGatewayThatListsIt() {
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1", eips: #"["203.0.113.1"]"#)],
                            eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x",
                                             privateIPAddress: ip("10.0.0.1"))])
        #expect(view.elasticIPBindings.first?.status == .bound)
        #expect(view.elasticIPBindings.first?.gateway == "egw/egw-1")
        #expect(view.gateways.first?.elasticIP == ip("203.0.113.1"))
    }

    @Test func bindsAnElasticIPOnAGatewayWithoutAnnotation() {
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1")],
                            eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x",
                                             privateIPAddress: ip("10.0.0.1"))])
        #expect(view.elasticIPBindings.first?.status == .bound)
    }

    @Test func flagsAnElasticIPOnAGatewayThatDoesNotListIt() {
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1", eips: #"["203.0.113.9"]"#)],
                            eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x",
                                             privateIPAddress: ip("10.0.0.1"))])
        #expect(view.elasticIPBindings.first?.status == .mismatch)
    }

    @Test func flagsAListedElasticIPAssociatedElsewhere() {
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1", eips: #"["203.0.113.1"]"#)],
                            eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x",
                                             privateIPAddress: ip("10.0.9.9"))])
        #expect(view.elasticIPBindings.first?.status == .mismatch)
        #expect(view.elasticIPBindings.first?.gateway == "egw/egw-1")
    }

    @Test func callsAnAssociatedNonGatewayAddressNotGateway() {
        let view = snapshot(pods: [], eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"), associationID: "x",
                                                       privateIPAddress: ip("10.0.9.9"))])
        #expect(view.elasticIPBindings.first?.status == .notGateway)
        #expect(view.elasticIPBindings.first?.gateway == nil)
    }

    @Test func callsAnUnassociatedElasticIPIdleAndNamesTheGatewayListingIt() {
        let view = snapshot(pods: [gatewayPod("egw-1", "10.0.0.1", eips: #"["203.0.113.1"]"#)],
                            eips: [ElasticIP(allocationID: "a", publicIP: ip("203.0.113.1"))])
        #expect(view.elasticIPBindings.first?.status == .idle)
        #expect(view.elasticIPBindings.first?.gateway == "egw/egw-1")
    }

    @Test func sumsBlockUsageIntoTheContainingPoolAndReportsOrphans() {
        let pool = IPPool(name: "pods", cidr: prefix("192.168.0.0/16"))
        let blocks = [
            IPAMBlock(cidr: prefix("192.168.1.0/26"), affinity: "host:n1", allocations: [], unallocated: Array(0..<60)),
            IPAMBlock(cidr: prefix("192.168.1.64/26"), affinity: "host:n2", allocations: [], unallocated: []),
            IPAMBlock(cidr: prefix("10.9.0.0/26"), affinity: "host:n3", allocations: [], unallocated: []),
        ]
        let view = snapshot(pods: [], blocks: blocks, pools: [pool],
                            reservations: [IPReservation(name: "r", reservedCIDRs: [prefix("192.168.0.0/30"), prefix("192.168.0.0/31")])])
        let usage = view.pools.first
        #expect(usage?.allocated == 4 + 64)
        #expect(usage?.capacity == 65_536)
        #expect(usage?.reserved == 4)
        #expect(view.orphanedBlocks.map(\.cidr) == [prefix("10.9.0.0/26")])
    }

    @Test func selectsPodsByLabelsAndNamespaceSelector() throws {
        let pods = [
            Pod(metadata: ObjectMeta(name: "a", namespace: "egw", labels: ["app": "x"])),
            Pod(metadata: ObjectMeta(name: "b", namespace: "other", labels: ["app": "x"])),
        ]
        let view = snapshot(pods: pods)
        #expect(view.pods(matching: try Selector("app == 'x'")).map(\.qualifiedName) == ["egw/a", "other/b"])
        let only = view.pods(matching: try Selector("app == 'x'"), namespaceSelector: try Selector("projectcalico.org/name == 'egw'"))
        #expect(only.map(\.qualifiedName) == ["egw/a"])
        #expect(view.pods(matching: try Selector("projectcalico.org/namespace == 'other'")).map(\.name) == ["b"])
    }
}
