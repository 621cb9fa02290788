import EC2
import Foundation
import Inventory
import Kube
import Live
import Testing

/// Each published Snapshot says what differs from the one before (`LiveUpdate.changes`): the
/// objects the watch events touched, a kind replaced wholesale by an EC2 poll, or everything
/// when there is no earlier Snapshot to compare with.
@Suite struct LiveChangeSetTests {
    static let demo = DemoBundle.load().snapshot
    static let connected = KubeSourceStatus(phase: .connected, context: "prod")

    private func cluster(removingPod index: Int) -> (ClusterState, String) {
        var cluster = Self.demo.cluster
        let removed = cluster.pods.remove(at: index)
        return (cluster, removed.qualifiedName)
    }

    @Test func theFirstSnapshotChangesEverythingThenOnlyTheTouchedObjects() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(cluster: Self.demo.cluster, status: Self.connected)
        let published = publisher.update(for: state, configuration: LiveConfiguration())
        let first = try #require(published)
        #expect(first.changes == .everything)

        let (smaller, removed) = cluster(removingPod: 0)
        state.apply(cluster: smaller, status: Self.connected, changes: ObjectChanges([.pod: .keys([removed])]))
        let republished = publisher.update(for: state, configuration: LiveConfiguration())
        let second = try #require(republished)
        #expect(second.generation == first.generation + 1)
        #expect(second.changes == ObjectChanges([.pod: .keys([removed])]))
        #expect(second.delta == SnapshotDelta(generation: second.generation, changes: second.changes))
    }

    @Test func deliveriesBetweenTwoSnapshotsAreFoldedTogether() throws {
        var state = LiveState()
        var publisher = LivePublisher(preparesSimulation: false)
        state.apply(cluster: Self.demo.cluster, status: Self.connected)
        _ = publisher.update(for: state, configuration: LiveConfiguration())
        let (first, a) = cluster(removingPod: 0)
        state.apply(cluster: first, status: Self.connected, changes: ObjectChanges([.pod: .keys([a])]))
        var second = first
        let b = second.pods.removeLast().qualifiedName
        state.apply(cluster: second, status: Self.connected, changes: ObjectChanges([.pod: .keys([b])]))
        state.apply(aws: Self.demo.aws, status: EC2SourceStatus(phase: .live, lastSuccess: Date(), region: "us-east-1"))
        let folded = publisher.update(for: state, configuration: LiveConfiguration())
        let update = try #require(folded)
        #expect(update.changes[.pod] == .keys([a, b]))
        #expect(update.changes[.networkInterface] == .any)
        #expect(update.changes[.node] == nil)
    }

    @Test func aDeliveryThatChangesNothingAdvancesNothing() {
        var state = LiveState()
        state.apply(cluster: Self.demo.cluster, status: Self.connected)
        let version = state.version
        state.apply(cluster: Self.demo.cluster, status: Self.connected, changes: .none)
        #expect(state.version == version)
        #expect(state.changes(since: version) == .none)
    }

    @Test func changesOlderThanTheLogAreEverything() {
        var state = LiveState()
        var cluster = Self.demo.cluster
        for step in 0...LiveState.changeLogLimit {
            cluster.pods[0].metadata.labels["step"] = "\(step)"
            state.apply(cluster: cluster, status: Self.connected, changes: ObjectChanges([.pod: .keys([cluster.pods[0].qualifiedName])]))
        }
        #expect(state.changes(since: 0) == .everything)
        #expect(state.changes(since: state.version - 2) == ObjectChanges([.pod: .keys([cluster.pods[0].qualifiedName])]))
    }
}
