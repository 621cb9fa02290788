import EC2
import Foundation
import Inventory
import Kube
import Live
import Testing

/// `Live` publishes only what changed: a Snapshot (and its Simulation) when the data changed, the
/// health alone when only the health changed, nothing for a poll that finds what the last found.
@Suite struct LivePublisherTests {
    static let demo = DemoBundle.load().snapshot
    static let configuration = LiveConfiguration()

    /// A fresh copy of the demo's AWS state, as a poll decodes it anew each time.
    static func polledAWS() -> AWSState {
        var state = AWSState()
        state.vpcs = demo.aws.vpcs.map { $0 }
        state.subnets = demo.aws.subnets.map { $0 }
        state.elasticIPs = demo.aws.elasticIPs.map { $0 }
        state.networkInterfaces = demo.aws.networkInterfaces.map { $0 }
        state.instances = demo.aws.instances.map { $0 }
        state.routeTables = demo.aws.routeTables.map { $0 }
        state.natGateways = demo.aws.natGateways.map { $0 }
        state.subnetCidrReservations = demo.aws.subnetCidrReservations.map { $0 }
        return state
    }

    static func livePoll(at seconds: Double) -> EC2SourceStatus {
        EC2SourceStatus(phase: .live, lastSuccess: Date(timeIntervalSince1970: seconds), region: "us-east-1")
    }

    static func publish(_ publisher: inout LivePublisher, _ state: LiveState) -> LiveUpdate? {
        publisher.update(for: state, configuration: configuration)
    }

    @Test func tenUnchangedEC2PollsPublishNothing() {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(cluster: Self.demo.cluster, status: KubeSourceStatus(phase: .connected, context: "prod"))
        state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000))
        #expect(publisher.update(for: state, configuration: Self.configuration)?.generation == 1)
        var published = 0
        for poll in 1...10 {
            state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000 + 30 * Double(poll)))
            if publisher.update(for: state, configuration: Self.configuration) != nil { published += 1 }
        }
        #expect(published == 0)
        #expect(publisher.snapshotsBuilt == 1)
    }

    /// A pod event names its pod: a label change on a workload is published in a Snapshot derived
    /// from the last one, a gateway's readiness change in a whole new one; both show the change.
    @Test func podEventsArePublishedWithTheChangedPods() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(cluster: Self.demo.cluster, status: KubeSourceStatus(phase: .connected, context: "prod"))
        state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000))
        _ = publisher.update(for: state, configuration: Self.configuration)
        var cluster = Self.demo.cluster
        let workload = try #require(cluster.pods.firstIndex { Self.demo.gatewaysByQualifiedName[$0.qualifiedName] == nil })
        cluster.pods[workload].metadata.labels["release"] = "canary"
        state.apply(cluster: cluster, status: KubeSourceStatus(phase: .connected, context: "prod"),
                    changes: ObjectChanges([.pod: .keys([cluster.pods[workload].qualifiedName])]))
        let labelled = try #require(Self.publish(&publisher, state))
        let whole = Snapshot(source: labelled.snapshot.source, cluster: cluster, aws: labelled.snapshot.aws)
        #expect(labelled.snapshot.cluster == cluster)
        #expect(labelled.snapshot.podsByQualifiedName[cluster.pods[workload].qualifiedName]?.metadata.labels["release"] == "canary")
        #expect(labelled.snapshot.gateways == whole.gateways)
        #expect(labelled.snapshot.policies == whole.policies)

        let gateway = try #require(cluster.pods.firstIndex { Self.demo.gatewaysByQualifiedName[$0.qualifiedName]?.ready == true })
        cluster.pods[gateway].ready = false
        state.apply(cluster: cluster, status: KubeSourceStatus(phase: .connected, context: "prod"),
                    changes: ObjectChanges([.pod: .keys([cluster.pods[gateway].qualifiedName])]))
        let unready = try #require(Self.publish(&publisher, state))
        #expect(unready.snapshot.gatewaysByQualifiedName[cluster.pods[gateway].qualifiedName]?.ready == false)
        #expect(publisher.snapshotsBuilt == 3)
    }

    @Test func aChangedPollPublishesANewSnapshot() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000))
        _ = publisher.update(for: state, configuration: Self.configuration)
        var changed = Self.polledAWS()
        changed.elasticIPs.removeLast()
        state.apply(aws: changed, status: Self.livePoll(at: 1_030))
        let update = try #require(Self.publish(&publisher, state))
        #expect(update.generation == 2)
        #expect(update.snapshot.aws.elasticIPs.count == Self.demo.aws.elasticIPs.count - 1)
        #expect(update.simulation.snapshot.aws == update.snapshot.aws)
    }

    @Test func aFailingPollPublishesTheHealthWithTheSameSnapshot() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000))
        let first = try #require(Self.publish(&publisher, state))
        let failure = EC2Error.transport(operation: "DescribeVpcs", .timeout(host: "ec2.us-east-1.amazonaws.com", detail: "no response"))
        let stale = EC2SourceStatus(phase: .stale, lastSuccess: Date(timeIntervalSince1970: 1_000), error: failure,
                                    region: "us-east-1")
        state.apply(aws: Self.polledAWS(), status: stale)
        let update = try #require(Self.publish(&publisher, state))
        #expect(update.generation == first.generation)
        #expect(update.simulation === first.simulation)
        #expect(update.health[.aws]?.phase == .stale)
        #expect(update.health.isStale)
        // The same failure again changes nothing.
        state.apply(aws: Self.polledAWS(), status: stale)
        #expect(publisher.update(for: state, configuration: Self.configuration) == nil)
    }

    @Test func aClusterStatusChangeAloneBuildsNoSnapshot() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(cluster: Self.demo.cluster, status: KubeSourceStatus(phase: .connected, context: "prod"))
        _ = try #require(Self.publish(&publisher, state))
        state.apply(cluster: Self.demo.cluster,
                    status: KubeSourceStatus(phase: .relisting(["pods"]), lastError: "410 Gone", context: "prod"))
        let update = try #require(Self.publish(&publisher, state))
        #expect(update.generation == 1)
        #expect(update.health[.kube]?.stale == ["pods"])
        #expect(publisher.snapshotsBuilt == 1)
    }

    @Test func aSideThatCannotStartIsAFailedSourceAndTheOtherStillPublishes() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.setupFailed(.kube, "no kubeconfig found")
        state.apply(aws: Self.polledAWS(), status: Self.livePoll(at: 1_000))
        let update = try #require(Self.publish(&publisher, state))
        #expect(update.health[.kube]?.phase == .failed)
        #expect(update.health.failures == ["kube: no kubeconfig found"])
        #expect(update.snapshot.aws.elasticIPs.count == Self.demo.aws.elasticIPs.count)
    }
}
