import Foundation
@testable import History
import Inventory
import Testing

/// The writer keeps the open versions in memory between transactions; a transaction that fails is
/// rolled back, and the memory with it.
@Suite struct JournalRollbackTests {
    private let web1 = Fixtures.pod("shop", "web-1", ip: "10.0.1.1")
    private let web2 = Fixtures.pod("shop", "web-2", ip: "10.0.1.2")

    @Test("after a failed transaction the writer knows only what the database holds")
    func aRolledBackObservationIsForgotten() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: [web1]), at: Fixtures.time(0))
        // web-2 appears at 2 s, then an observation out of order fails the whole transaction.
        let both = Observation.changes(of: Fixtures.snapshot(pods: [web1, web2]))
        let twoSeconds = JournalTime.milliseconds(Fixtures.time(2))
        let oneSecond = JournalTime.milliseconds(Fixtures.time(1))
        #expect(throws: JournalError.self) { try journal.apply([(both, twoSeconds), (both, oneSecond)], refine: false) }

        let changes = try journal.record(Fixtures.snapshot(pods: [web1, web2]), at: Fixtures.time(3))
        #expect(changes == JournalChanges(opened: 1, closed: 0, unchanged: 3))  // web-2 is new at 3 s; web-1, the namespace, the node hold
        #expect(try Fixtures.state(journal, at: Fixtures.time(2)).cluster.pods.map(\.metadata.name) == ["web-1"])
        #expect(try Fixtures.state(journal, at: Fixtures.time(3)).cluster.pods.map(\.metadata.name).sorted() == ["web-1", "web-2"])
    }
}
