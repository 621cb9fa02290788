import Foundation
import History
import Inventory
import Testing

/// `record(_:at:)` on an in-memory journal: versions open and close with the observed states.
@Suite struct JournalRecordingTests {
    private let shop = Fixtures.node("node-a", "10.0.0.10")

    @Test func aReplacedPodsAddressReusedByAnotherPodHasBothOwnersInOrder() throws {
        let journal = try Journal.inMemory()
        let t0 = Fixtures.time(0), t1 = Fixtures.time(60), t2 = Fixtures.time(120)
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: t0)
        // web-1 is gone; web-2 came up with the same address.
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.5")]), at: t1)
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.5")]), at: t2)

        let history = try journal.addressHistory("10.0.1.5", around: t1)
        #expect(history == [
            AddressOwnership(from: t0, to: t1, kind: .pod, owner: "shop/web-1"),
            AddressOwnership(from: t1, to: nil, kind: .pod, owner: "shop/web-2"),
        ])
        // Before the replacement the state holds web-1 only; after it, web-2 only.
        #expect(try Fixtures.state(journal, at: Fixtures.time(30)).cluster.pods.map(\.name) == ["web-1"])
        #expect(try Fixtures.state(journal, at: Fixtures.time(90)).cluster.pods.map(\.name) == ["web-2"])
        #expect(try Fixtures.state(journal, at: t1).cluster.pods.map(\.name) == ["web-2"])
    }

    @Test func anUnchangedObjectKeepsOneVersion() throws {
        let journal = try Journal.inMemory()
        let state = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")])
        let first = try journal.record(state, at: Fixtures.time(0))
        let second = try journal.record(state, at: Fixtures.time(1))
        #expect(first.opened == 3)  // namespace, node, pod
        #expect(second == JournalChanges(opened: 0, closed: 0, unchanged: 3))
        let info = try journal.info()
        #expect(info.versions == 3)
        #expect(info.objects == 3)
        #expect(info.from == Fixtures.time(0))
        #expect(info.to == Fixtures.time(1))
    }

    @Test func aChangedObjectEndsOneVersionAndBeginsTheNext() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        let changes = try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.6")]),
                                         at: Fixtures.time(10))
        #expect(changes == JournalChanges(opened: 1, closed: 1, unchanged: 2))
        #expect(try journal.addressHistory("10.0.1.5", around: Fixtures.time(5))
            == [AddressOwnership(from: Fixtures.time(0), to: Fixtures.time(10), kind: .pod, owner: "shop/web-1")])
        #expect(try journal.addressHistory("10.0.1.6", around: Fixtures.time(5))
            == [AddressOwnership(from: Fixtures.time(10), to: nil, kind: .pod, owner: "shop/web-1")])
    }

    @Test func aDeletionTimestampBetweenObservationsStartsTheVersionThatShowsIt() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        let terminating = Fixtures.pod("shop", "web-1", ip: "10.0.1.5", deleted: "2026-11-25T14:00:20Z")
        try journal.record(Fixtures.snapshot(pods: [terminating]), at: Fixtures.time(30))
        #expect(try Fixtures.state(journal, at: Fixtures.time(19)).cluster.pods.first?.metadata.deletionTimestamp == nil)
        #expect(try Fixtures.state(journal, at: Fixtures.time(20)).cluster.pods.first?.metadata.deletionTimestamp
            == "2026-11-25T14:00:20Z")
    }

    @Test func aNewObjectStartsAtItsCreationTimestampWhenThatFallsBetweenObservations() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: []), at: Fixtures.time(0))
        let late = Fixtures.pod("shop", "web-1", ip: "10.0.1.5", created: "2026-11-25T14:00:12Z")
        let early = Fixtures.pod("shop", "web-0", ip: "10.0.1.4", created: "2026-11-24T00:00:00Z")
        try journal.record(Fixtures.snapshot(pods: [late, early]), at: Fixtures.time(30))
        #expect(try journal.addressHistory("10.0.1.5", around: Fixtures.time(30)).map(\.from) == [Fixtures.time(12)])
        // A creation time before the previous observation is not more precise: the pod was not there then.
        #expect(try journal.addressHistory("10.0.1.4", around: Fixtures.time(30)).map(\.from) == [Fixtures.time(30)])
    }

    @Test func anObservationOlderThanTheJournalIsRefused() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: []), at: Fixtures.time(100))
        #expect(throws: JournalError.outOfOrder(at: 1_795_615_250_000, journalEnd: 1_795_615_300_000)) {
            try journal.record(Fixtures.snapshot(pods: []), at: Fixtures.time(50))
        }
    }

    @Test func aGatewayPodsAddressIsAnEgressGatewayAndANodesANode() throws {
        let journal = try Journal.inMemory()
        let demo = DemoBundle.load().snapshot
        try journal.record(demo, at: Fixtures.time(0))
        let gateway = try #require(demo.gateways.first { $0.ip != nil })
        let gatewayIP = try #require(gateway.ip)
        #expect(try journal.addressHistory(gatewayIP.description, around: Fixtures.time(0)).map(\.kind)
            .contains(.egressGateway))
        let node = try #require(demo.cluster.nodes.first)
        let nodeIP = try #require(node.internalIPs.first)
        let owners = try journal.addressHistory(nodeIP.description, around: Fixtures.time(0))
        #expect(owners.contains(AddressOwnership(from: Fixtures.time(0), to: nil, kind: .node, owner: node.name)))
        let eip = try #require(demo.aws.elasticIPs.first)
        #expect(try journal.addressHistory(eip.publicIP.description, around: Fixtures.time(0)).contains {
            $0.kind == .elasticIP && $0.owner == BundleObject(eip).key
        })
    }

    @Test func aFinishedPodNoLongerOwnsItsAddress() throws {
        let journal = try Journal.inMemory()
        var pod = Fixtures.pod("shop", "job-1", ip: "10.0.1.7")
        try journal.record(Fixtures.snapshot(pods: [pod]), at: Fixtures.time(0))
        pod.phase = "Succeeded"
        try journal.record(Fixtures.snapshot(pods: [pod]), at: Fixtures.time(10))
        #expect(try journal.addressHistory("10.0.1.7", around: Fixtures.time(10))
            == [AddressOwnership(from: Fixtures.time(0), to: Fixtures.time(10), kind: .pod, owner: "shop/job-1")])
        // The finished pod is still part of the state.
        #expect(try Fixtures.state(journal, at: Fixtures.time(10)).cluster.pods.map(\.phase) == ["Succeeded"])
    }

    @Test func historyOutsideTheWindowIsLeftOut() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        try journal.record(Fixtures.snapshot(pods: []), at: Fixtures.time(60))
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-9", ip: "10.0.1.5")]), at: Fixtures.time(7200))
        let near = try journal.addressHistory("10.0.1.5", around: Fixtures.time(7200), window: .seconds(600))
        #expect(near.map(\.owner) == ["shop/web-9"])
        let wide = try journal.addressHistory("10.0.1.5", around: Fixtures.time(7200), window: .seconds(86_400))
        #expect(wide.map(\.owner) == ["shop/web-1", "shop/web-9"])
    }

    @Test func annotationsGatewatchDoesNotReadAreNotStored() throws {
        let journal = try Journal.inMemory()
        let pod = Fixtures.pod("shop", "web-1", ip: "10.0.1.5", annotations: [
            "kubectl.kubernetes.io/last-applied-configuration": "{\"password\":\"hunter2\"}",
            "egress.projectcalico.org/egressGatewayPolicy": "egress",
        ])
        try journal.record(Fixtures.snapshot(pods: [pod]), at: Fixtures.time(0))
        let files = try journal.bundleFiles(at: Fixtures.time(0))
        #expect(!files.contains { String(decoding: $0.contents, as: UTF8.self).contains("hunter2") })
        let stored = try Fixtures.state(journal, at: Fixtures.time(0)).cluster.pods.first
        #expect(stored?.metadata.annotations == ["egress.projectcalico.org/egressGatewayPolicy": "egress"])
    }

    @Test func textNeedingEscapesRoundTrips() throws {
        let journal = try Journal.inMemory()
        let labels = ["note": "quote \" backslash \\ tab \t newline \n bell \u{07} é 日本 🚀"]
        var pod = Fixtures.pod("shop", "web-1", ip: "10.0.1.5")
        pod.metadata.labels = labels
        try journal.record(Fixtures.snapshot(pods: [pod]), at: Fixtures.time(0))
        #expect(try Fixtures.state(journal, at: Fixtures.time(0)).cluster.pods.first?.metadata.labels == labels)
    }

    @Test func pruningRemovesEndedVersionsAndMovesTheCoverage() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.6")]), at: Fixtures.time(100))
        try journal.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.6")]), at: Fixtures.time(200))
        #expect(try journal.prune(retaining: .zero, now: Fixtures.time(200)) == 0)
        #expect(try journal.prune(retaining: .seconds(50), now: Fixtures.time(200)) == 1)
        let info = try journal.info()
        #expect(info.versions == 3)  // namespace, node, web-2
        #expect(info.objects == 3)
        #expect(info.from == Fixtures.time(150))
        #expect(try journal.addressHistory("10.0.1.5", around: Fixtures.time(50)) == [])
        #expect(throws: JournalError.self) { try journal.loadBundle(at: Fixtures.time(50)) }
        try journal.compact()
        #expect(try Fixtures.state(journal, at: Fixtures.time(200)).cluster.pods.map(\.name) == ["web-2"])
    }
}
