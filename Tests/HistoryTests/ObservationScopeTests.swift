import Foundation
import History
import Inventory
import Testing

/// A live observation speaks only for the sides that delivered: the placeholder before the first
/// list, or a cluster that could not be read, ends no version of the objects it did not see.
@Suite struct ObservationScopeTests {
    static func pods(_ names: String...) -> Snapshot {
        Fixtures.snapshot(pods: names.map { Fixtures.pod("shop", $0, ip: "10.0.1.\($0.split(separator: "-").last ?? "0")") })
    }

    @Test func everyKindBelongsToExactlyOneSide() {
        let sides = [ObservationScope.kubernetes, ObservationScope.aws, ObservationScope.settings]
        for kind in BundleObjectKind.allCases { #expect(sides.filter { $0.contains(kind) }.count == 1, "\(kind)") }
    }

    @Test func theScopeFollowsTheSidesThatDelivered() {
        let kubeLive = SourceHealth(sources: [SourceHealth.Source(kind: .kube, phase: .live, summary: "live"),
                                              SourceHealth.Source(kind: .aws, phase: .failed, failure: "no credentials",
                                                                  summary: "aws: no credentials")])
        #expect(ObservationScope.kinds(for: kubeLive) == ObservationScope.kubernetes.union(ObservationScope.settings))
        let connecting = SourceHealth(sources: [SourceHealth.Source(kind: .kube, phase: .connecting, summary: "connecting")])
        #expect(ObservationScope.kinds(for: connecting) == ObservationScope.settings)
    }

    @Test func objectsOutsideTheScopeKeepTheirVersions() throws {
        let journal = try Journal.inMemory()
        let recorder = JournalRecorder(journal: journal, retention: .zero)
        recorder.observe(Self.pods("web-1", "web-2"), at: Fixtures.time(0))
        // The cluster could not be read: an empty cluster, but not in scope.
        recorder.observe(Self.pods(), at: Fixtures.time(10), scope: ObservationScope.settings.union(ObservationScope.aws))
        try recorder.flush()
        #expect(try Fixtures.state(journal, at: Fixtures.time(20)).cluster.pods.map(\.name) == ["web-1", "web-2"])
        // Read again: web-1 is gone for real.
        recorder.observe(Self.pods("web-2"), at: Fixtures.time(30), scope: ObservationScope.kinds(for: .ok).union(ObservationScope.kubernetes))
        try recorder.flush()
        #expect(try Fixtures.state(journal, at: Fixtures.time(40)).cluster.pods.map(\.name) == ["web-2"])
        #expect(try journal.addressHistory("10.0.1.1", around: Fixtures.time(20), window: .seconds(100)).map(\.to)
                == [Fixtures.time(30)])
    }
}
