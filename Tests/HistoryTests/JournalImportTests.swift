import Foundation
@testable import History
import Inventory
import Testing

/// `importBundle(_:at:)` and `bundleFiles(at:)`: a bundle in, the same state out.
@Suite struct JournalImportTests {
    @Test func theDemoBundleImportedAtTRebuildsAtTToAnEqualState() throws {
        let journal = try Journal.inMemory()
        let (changes, diagnostics) = try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        #expect(diagnostics == [])
        #expect(changes.closed == 0)
        let original = DemoBundle.load().snapshot
        let rebuilt = BundleLoader.load(files: try journal.bundleFiles(at: Fixtures.time(0)), source: .demo)
        #expect(rebuilt.diagnostics == [])
        let (cluster, aws) = Fixtures.normalized(original)
        #expect(rebuilt.snapshot.cluster == cluster)
        #expect(rebuilt.snapshot.aws == aws)
        #expect(rebuilt.snapshot.config == original.config)
        #expect(rebuilt.snapshot.firewallConfigs == original.firewallConfigs)
        // The derived views do not depend on list order.
        #expect(rebuilt.snapshot.gateways == original.gateways)
        #expect(rebuilt.snapshot.pools == original.pools)
        #expect(rebuilt.snapshot.policies == original.policies)
    }

    @Test func betweenTwoImportsTheStateIsTheFirstBundles() throws {
        let journal = try Journal.inMemory()
        let first = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5"),
                                             Fixtures.pod("shop", "db-1", ip: "10.0.1.9")])
        let second = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.5", created: "2026-11-25T14:30:00Z"),
                                              Fixtures.pod("shop", "db-1", ip: "10.0.1.9")])
        try journal.importBundle(BundleWriter.files(for: first), at: Fixtures.time(0))
        try journal.importBundle(BundleWriter.files(for: second), at: Fixtures.time(3600))
        // An import is the state at exactly its time: web-2's creation time does not move it earlier.
        #expect(try Fixtures.state(journal, at: Fixtures.time(2400)).cluster == Fixtures.normalized(first).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(3599.999)).cluster == Fixtures.normalized(first).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(3600)).cluster == Fixtures.normalized(second).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(9000)).cluster == Fixtures.normalized(second).0)
    }

    @Test func theSameBundleImportedTwiceAtOneTimeChangesNothing() throws {
        let journal = try Journal.inMemory()
        try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        let versions = try journal.info().versions
        let again = try journal.importBundle(DemoBundle.files, at: Fixtures.time(0)).changes
        #expect(again.opened == 0 && again.closed == 0)
        #expect(try journal.info().versions == versions)
    }

    @Test func aStateBeforeTheFirstImportIsNotCovered() throws {
        let journal = try Journal.inMemory()
        try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        #expect(throws: JournalError.notCovered(at: 1_795_615_199_000, from: 1_795_615_200_000, to: 1_795_615_200_000)) {
            try journal.loadBundle(at: Fixtures.time(-1))
        }
        #expect(try journal.loadBundle(at: Fixtures.time(5)).snapshot.cluster.pods.count
            == DemoBundle.load().snapshot.cluster.pods.count)
    }

    @Test func identicalContentsAreStoredOnce() throws {
        let journal = try Journal.inMemory()
        let state = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")])
        try journal.importBundle(BundleWriter.files(for: state), at: Fixtures.time(0))
        try journal.importBundle(BundleWriter.files(for: Fixtures.snapshot(pods: [])), at: Fixtures.time(10))
        // web-1 comes back exactly as it was: a new version, the same stored body.
        let back = try journal.importBundle(BundleWriter.files(for: state), at: Fixtures.time(20)).changes
        #expect(back.opened == 1)
        #expect(try journal.storedContents() == 3)
    }
}
