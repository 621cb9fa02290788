import Inventory
import Testing

/// Objects of other API groups that share a kind name with a Calico kind are skipped and said
/// once, as a note; Calico's own spellings and the core kinds load as before (issue #16 item 3).
@Suite struct ForeignAPIGroupTests {
    private func file(_ path: String, _ text: String) -> BundleFile {
        BundleFile(path: path, contents: Array(text.utf8))
    }

    private static let calicoPolicy = """
    apiVersion: projectcalico.org/v3
    kind: EgressGatewayPolicy
    metadata: {name: corp-egress}
    spec:
      rules:
      - destination: {cidr: 172.16.0.0/24}
        gateway: {namespaceSelector: "projectcalico.org/name == 'egw'", selector: "egw == 'a'"}
    """

    @Test func aForeignEgressGatewayPolicyDoesNotStandInForTheMissingCalicoOne() throws {
        let bundle = BundleLoader.load(files: [
            file("cluster/namespaces.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: legacy, annotations: {egress.projectcalico.org/egressGatewayPolicy: corp-egress-old}}
            """),
            file("cluster/egressgatewaypolicies.yaml", Self.calicoPolicy),
            file("cluster/other-vendor-egp.yaml", """
            apiVersion: network.deckhouse.io/v1alpha1
            kind: EgressGatewayPolicy
            metadata: {name: corp-egress-old}
            spec:
              destinationCIDRs: [0.0.0.0/0]
              egressGatewayName: my-egressgw
            ---
            apiVersion: network.deckhouse.io/v1alpha1
            kind: EgressGatewayPolicy
            metadata: {name: second}
            spec: {destinationCIDRs: [10.0.0.0/8]}
            ---
            apiVersion: egressgateway.spidernet.io/v1beta1
            kind: EgressGatewayPolicy
            metadata: {name: policy-test, namespace: default}
            spec: {destSubnet: [10.6.1.92/32]}
            """),
        ], source: .demo)
        #expect(bundle.snapshot.cluster.policies.map(\.name) == ["corp-egress"])
        #expect(!bundle.snapshot.cluster.policies.contains { $0.name == "corp-egress-old" })
        #expect(bundle.diagnostics.allSatisfy { $0.severity == .info })
        // Said once per API group and kind, naming the first object and the count.
        let notes = bundle.diagnostics
        #expect(notes.count == 2)
        #expect(notes.first?.file == "cluster/other-vendor-egp.yaml")
        #expect(notes.first?.object == "EgressGatewayPolicy corp-egress-old")
        #expect(notes.first?.message.contains("network.deckhouse.io/v1alpha1") == true)
        #expect(notes.first?.message.contains("skipped 2 ") == true)
        #expect(notes.last?.message.contains("egressgateway.spidernet.io/v1beta1") == true)
        #expect(notes.first?.description.contains(": info: ") == true)
    }

    @Test func aWhereaboutsIPPoolIsANoteNotAnError() {
        let bundle = BundleLoader.load(files: [
            file("cluster/whereabouts-ippool.yaml", """
            apiVersion: whereabouts.cni.cncf.io/v1alpha1
            kind: IPPool
            metadata: {name: example-ippool, namespace: kube-system}
            spec: {range: "192.168.1.0/24", allocations: {}}
            """),
            file("cluster/ippools.yaml", """
            apiVersion: crd.projectcalico.org/v1
            kind: IPPool
            metadata: {name: calico-pool}
            spec: {cidr: 10.0.41.0/24, blockSize: 32}
            """),
        ], source: .demo)
        #expect(bundle.snapshot.cluster.ipPools.map(\.name) == ["calico-pool"])
        #expect(!bundle.diagnostics.contains { $0.severity == .error })
        #expect(bundle.diagnostics.map(\.severity) == [.info])
        #expect(bundle.diagnostics.first?.object == "IPPool kube-system/example-ippool")
    }

    @Test func calicoSpellingsTheOperatorsEgressGatewayAndCoreKindsStillLoad() {
        let bundle = BundleLoader.load(files: [file("cluster/all.yaml", """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Namespace, metadata: {name: egw}}
        - {apiVersion: v1, kind: Node, metadata: {name: n1}}
        - {apiVersion: projectcalico.org/v3, kind: IPPool, metadata: {name: a}, spec: {cidr: 10.0.0.0/24}}
        - {apiVersion: crd.projectcalico.org/v1, kind: IPPool, metadata: {name: b}, spec: {cidr: 10.0.1.0/24}}
        - {apiVersion: operator.tigera.io/v1, kind: EgressGateway, metadata: {name: gw, namespace: egw},
           spec: {replicas: 1, ipPools: [{name: a}]}}
        - {apiVersion: apps/v1, kind: Deployment, metadata: {name: d, namespace: egw}}
        - {apiVersion: example.com/v1, kind: Namespace, metadata: {name: not-core}}
        - {apiVersion: operator.tigera.io/v1, kind: IPPool, metadata: {name: c}, spec: {cidr: 10.0.2.0/24}}
        """)], source: .demo)
        let cluster = bundle.snapshot.cluster
        #expect(cluster.namespaces.map(\.name) == ["egw"])
        #expect(cluster.nodes.count == 1)
        #expect(cluster.ipPools.map(\.name) == ["a", "b"])
        #expect(cluster.egressGateways.count == 1)
        #expect(bundle.diagnostics.map(\.severity) == [.info, .info])
        #expect(bundle.diagnostics.compactMap(\.object) == ["Namespace not-core", "IPPool c"])
    }

    @Test func anObjectWithoutAPIVersionIsStillRead() {
        let bundle = BundleLoader.load(files: [file("cluster/pool.yaml", """
        kind: IPPool
        metadata: {name: handwritten}
        spec: {cidr: 10.0.0.0/24}
        """)], source: .demo)
        #expect(bundle.snapshot.cluster.ipPools.map(\.name) == ["handwritten"])
        #expect(bundle.diagnostics.isEmpty)
    }

    @Test func aWhatIfFileSaysItsForeignObjectsToo() {
        let (cluster, diagnostics) = BundleLoader.loadClusterObjects(file("candidate.yaml", """
        apiVersion: network.deckhouse.io/v1alpha1
        kind: EgressGatewayPolicy
        metadata: {name: x}
        spec: {destinationCIDRs: [0.0.0.0/0]}
        """))
        #expect(cluster.policies.isEmpty)
        #expect(diagnostics.map(\.severity) == [.info])
    }
}
