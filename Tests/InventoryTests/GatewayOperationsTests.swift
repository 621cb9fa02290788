import Inventory
import LPM
import Testing

/// EgressGateway read in full, the pod's readiness reason, the node's published capacity,
/// maintenance windows and the capacity report — from bundle text and on the demo.
@Suite struct GatewayOperationsTests {
    private func load(_ yaml: String) -> ClusterState {
        let (cluster, diagnostics) = BundleLoader.loadClusterObjects(BundleFile(path: "cluster/test.yaml", contents: Array(yaml.utf8)))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return cluster
    }

    @Test func egressGatewayFailureDetectionTakesTheDocumentedDefaults() throws {
        let cluster = load("""
            apiVersion: operator.tigera.io/v1
            kind: EgressGateway
            metadata: {name: egw, namespace: egw}
            spec:
              ipPools: [{name: a}, {cidr: 10.0.42.0/24}]
              egressGatewayFailureDetection:
                icmpProbe: {ips: [10.0.0.1, 10.0.0.2]}
                httpProbe: {urls: ["http://probe.example/"], intervalSeconds: 20}
              template:
                spec: {terminationGracePeriodSeconds: 0}
            status:
              state: Degraded
              conditions:
              - {type: Ready, status: "False", reason: ResourceNotReady, message: "1 of 2 pods ready"}
              - {type: Degraded, status: "True", reason: ResourceNotReady}
            """)
        let gateway = try #require(cluster.egressGateways.first)
        #expect(gateway.replicas == 1)
        #expect(gateway.ipPools == ["a", "10.0.42.0/24"])
        #expect(gateway.terminationGracePeriodSeconds == 0)
        let detection = try #require(gateway.failureDetection)
        #expect(detection.healthTimeoutDataStoreSeconds == 90)
        #expect(detection.icmpProbe == .init(kind: .icmp, targets: ["10.0.0.1", "10.0.0.2"], intervalSeconds: 5, timeoutSeconds: 15))
        #expect(detection.httpProbe?.intervalSeconds == 20)
        #expect(detection.httpProbe?.timeoutSeconds == 30)
        #expect(gateway.state == "Degraded")
        #expect(gateway.conditions.map(\.type) == ["Ready", "Degraded"])
        #expect(gateway.conditionSummary == "Ready: ResourceNotReady, Degraded: ResourceNotReady")
    }

    @Test func anEgressGatewayWithoutProbesHasNoFailureDetection() throws {
        let cluster = load("""
            apiVersion: operator.tigera.io/v1
            kind: EgressGateway
            metadata: {name: egw, namespace: egw}
            spec: {replicas: 2, ipPools: [{name: a}]}
            """)
        #expect(cluster.egressGateways.first?.failureDetection == nil)
        #expect(cluster.egressGateways.first?.conditions == [])
        #expect(cluster.egressGateways.first?.conditionSummary == nil)
    }

    @Test func aPodSaysWhyItIsNotReady() throws {
        let cluster = load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: gw, namespace: egw, deletionGracePeriodSeconds: 30, deletionTimestamp: "2026-11-25T14:00:30Z"}
            spec: {terminationGracePeriodSeconds: 45, containers: [{name: egress-gateway}]}
            status:
              phase: Running
              podIP: 10.0.41.9
              conditions: [{type: Ready, status: "False", reason: ContainersNotReady}]
              containerStatuses:
              - name: egress-gateway
                ready: false
                state: {waiting: {reason: CrashLoopBackOff}}
            """)
        let pod = try #require(cluster.pods.first)
        #expect(pod.readinessReason == "ContainersNotReady/CrashLoopBackOff")
        #expect(pod.terminationGracePeriodSeconds == 45)
        #expect(pod.deletionGracePeriodSeconds == 30)
    }

    @Test func aNodePublishesItsAWSSecondaryIPv4Capacity() throws {
        let cluster = load("""
            apiVersion: v1
            kind: Node
            metadata: {name: n1, labels: {node.kubernetes.io/instance-type: t3.large}}
            status:
              capacity: {cpu: "2", "projectcalico.org/aws-secondary-ipv4": "22"}
              allocatable: {cpu: "2", "projectcalico.org/aws-secondary-ipv4": "21"}
            """)
        #expect(cluster.nodes.first?.awsSecondaryIPv4Capacity == 21, "allocatable wins over capacity")
        #expect(cluster.nodes.first?.instanceType == "t3.large")
    }

    @Test func theDemoShowsTheOperatorsViewOfEachGateway() throws {
        let snapshot = DemoBundle.load().snapshot
        let database = try #require(snapshot.gateways.first { $0.name == "corp-database-egw-58c7d9f6b-2kjfx" })
        #expect(database.probeSummary == "icmp 172.16.99.1 every 5s/5s")
        #expect(database.egressGateway?.conditionSummary == "Ready")
        let dlp = try #require(snapshot.gateways.first { $0.name == "dlp-service-egw-6d9f7c8b5-r8vtn" })
        #expect(dlp.pod.readinessReason == "ContainersNotReady")
        #expect(dlp.terminating)
        #expect(dlp.notReadyReason == "Terminating")
        #expect(dlp.egressGateway?.conditionSummary == "Progressing: ResourceNotReady")
    }

    @Test func theDemoDrainsTheUnreadyDLPReplicaAndMovesThePaymentsAPIPods() throws {
        let drains = DemoBundle.load().snapshot.gatewayDrains
        #expect(drains.count == 1)
        let drain = try #require(drains.first)
        #expect(drain.gatewayIP == IPAddress(parsing: "10.0.41.58"))
        #expect(drain.gateway == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-r8vtn")
        #expect(drain.clients == ["payments/payments-api-7f9c6d8b4-2xv9q", "payments/payments-api-7f9c6d8b4-kp4rt"])
        let end = try #require(Timestamp.secondsSince1970("2026-11-25T14:00:30Z"))
        #expect(drain.started == end - 30)
        #expect(drain.finished == end)
        #expect(drain.secondsLeft(now: end - 12) == 12)
        #expect(drain.isActive(now: end - 1))
        #expect(!drain.isActive(now: end))
    }

    @Test func aTerminatingGatewayWithoutAnnotatedClientsStillDrains() throws {
        var cluster = ClusterState()
        cluster.pods = [Pod(metadata: ObjectMeta(name: "gw", namespace: "egw", labels: ["projectcalico.org/egw": "egw"],
                                                 deletionTimestamp: "2026-11-25T14:01:00Z"),
                            podIP: IPAddress(parsing: "10.0.41.9"), terminationGracePeriodSeconds: 60)]
        cluster.egressGateways = [EgressGateway(metadata: ObjectMeta(name: "egw", namespace: "egw"))]
        let drains = Snapshot(source: .demo, cluster: cluster, aws: AWSState()).gatewayDrains
        #expect(drains.count == 1)
        #expect(drains.first?.clients == [])
        #expect(drains.first?.finished.map { $0 - (drains.first?.started ?? 0) } == 60)
    }

    @Test func theDemoCapacityReportFollowsTheNodesAndPools() throws {
        let report = DemoBundle.load().snapshot.capacity
        #expect(report.secondaryIPSupport == .enabled)
        #expect(report.pools.map(\.pool) == ["database-use1a", "database-use1c", "dlp-use1a", "dlp-use1b",
                                             "mainframe-use1b", "mainframe-use1c"])
        let dlpA = try #require(report.pools.first { $0.pool == "dlp-use1a" })
        #expect(dlpA.zone == "us-east-1a")
        #expect(dlpA.replicasWanted == 3)
        #expect(dlpA.running == 1)
        #expect(dlpA.terminatingPods == ["dlp-service-egw/dlp-service-egw-6d9f7c8b5-r8vtn"])
        #expect(dlpA.subnetFree == 247)
        #expect(dlpA.ipamFree == 256 - 5 - 2)
        #expect(dlpA.free == 247)
        #expect(report.nodes.count == 4)
        let node = try #require(report.nodes.first { $0.node == "ip-10-0-17-20.ec2.internal" })
        #expect(node.capacity == 42)
        #expect(node.source == .node)
        #expect(node.eniSlots == 4)
        #expect(node.ipv4PerInterface == 15)
        // m2p7w and hq5ld hold AWS-backed addresses on this node.
        #expect(node.used == 2)
        #expect(node.free == 40)
        // The terminating r8vtn still holds its address on ip-10-0-6-42, beside 2kjfx.
        #expect(report.nodes.first { $0.node == "ip-10-0-6-42.ec2.internal" }?.used == 2)
    }
}
