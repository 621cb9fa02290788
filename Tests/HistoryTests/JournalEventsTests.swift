import Foundation
import GRDB
import History
import Testing

/// The console's events in the journal (schema version 2): kept in order, read back newest
/// last, pruned with the versions, and a version-1 journal is migrated by its next writer.
@Suite struct JournalEventsTests {
    static func event(_ second: Double, _ subject: String, _ severity: JournalEvent.Severity = .warn) -> JournalEvent {
        JournalEvent(time: Fixtures.time(second), kind: "gateway", subject: subject, message: "not ready", severity: severity)
    }

    @Test func eventsReadBackNewestLastUpToALimitAndATime() throws {
        let journal = try Journal.inMemory()
        try journal.appendEvents([Self.event(1, "a/one"), Self.event(2, "a/two", .ok)])
        try journal.appendEvents([Self.event(3, "a/three", .error)])
        #expect(try journal.events(limit: 10).map(\.subject) == ["a/one", "a/two", "a/three"])
        #expect(try journal.events(limit: 2).map(\.subject) == ["a/two", "a/three"])
        #expect(try journal.events(until: Fixtures.time(2), limit: 10).map(\.subject) == ["a/one", "a/two"])
        #expect(try journal.events(limit: 10).map(\.severity) == [.warn, .ok, .error])
        #expect(try journal.events(limit: 1).first?.time == Fixtures.time(3))
    }

    @Test func pruningRemovesEventsBeforeTheCutoff() throws {
        let journal = try Journal.inMemory()
        try journal.record(Fixtures.snapshot(pods: []), at: Fixtures.time(0))
        try journal.appendEvents([Self.event(10, "old"), Self.event(100, "new")])
        try journal.prune(before: Fixtures.time(50))
        #expect(try journal.events(limit: 10).map(\.subject) == ["new"])
    }

    @Test func aReaderRefusesAVersionOneJournalAndAWriterMigratesIt() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        do {
            let writer = try Journal.openForWriting(path: path)
            try writer.record(Fixtures.snapshot(pods: []), at: Fixtures.time(0))
        }
        // What version 1 wrote: no event table.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE event")
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        try queue.close()
        #expect(throws: JournalError.olderSchema(path: path, found: 1, supported: 2)) { _ = try Journal.openForReading(path: path) }
        let writer = try Journal.openForWriting(path: path)
        try writer.appendEvents([Self.event(5, "after/migration")])
        #expect(try writer.events(limit: 5).map(\.subject) == ["after/migration"])
        #expect(try writer.info().versions == 2)
    }
}
