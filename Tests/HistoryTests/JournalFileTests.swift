import Foundation
import GRDB
import History
import Inventory
import Testing

/// The journal on disk: one writer, readers beside it, schema versions, unusable paths.
@Suite struct JournalFileTests {
    @Test func aSecondWriterIsRefusedNamingTheHolder() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        let writer = try Journal.openForWriting(path: path)
        #expect(throws: JournalError.locked(path: path, holderPID: getpid())) {
            _ = try Journal.openForWriting(path: path)
        }
        #expect(writer.isWriter)
    }

    @Test func theLockIsReleasedWhenTheWriterCloses() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        do {
            let writer = try Journal.openForWriting(path: path)
            try writer.record(Fixtures.snapshot(pods: []), at: Fixtures.time(0))
        }
        let again = try Journal.openForWriting(path: path)
        try again.record(Fixtures.snapshot(pods: []), at: Fixtures.time(1))
        #expect(try again.info().to == Fixtures.time(1))
    }

    @Test func aReaderSeesCommittedStatesWhileTheWriterKeepsWriting() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/nested/journal.sqlite"
        let writer = try Journal.openForWriting(path: path)
        try writer.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        let reader = try Journal.openForReading(path: path)
        #expect(!reader.isWriter)
        try writer.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.6")]), at: Fixtures.time(10))
        #expect(try Fixtures.state(reader, at: Fixtures.time(5)).cluster.pods.map(\.name) == ["web-1"])
        #expect(try Fixtures.state(reader, at: Fixtures.time(10)).cluster.pods.map(\.name) == ["web-2"])
        let info = try reader.info()
        #expect(info.path == path)
        #expect(info.versions == 4)
        #expect(info.bytes > 0)
        #expect(throws: JournalError.self) { try reader.record(Fixtures.snapshot(pods: []), at: Fixtures.time(20)) }
    }

    @Test func aReaderInTheMiddleOfAReadDoesNotBlockTheWriter() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        let writer = try Journal.openForWriting(path: path)
        try writer.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")]), at: Fixtures.time(0))
        var configuration = Configuration()
        configuration.readonly = true
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        try reader.inDatabase { db in
            try db.execute(sql: "BEGIN")
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM version")
            // The writer commits while this read transaction is open (WAL: no lock between them)...
            try writer.record(Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.6")]), at: Fixtures.time(1))
            // ...and the reader goes on seeing the state it started with.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM version") == before)
            try db.execute(sql: "COMMIT")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM version") == (before ?? 0) + 1)
        }
    }

    @Test func anUnwritablePathIsAClearError() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A regular file where the journal's directory should be.
        let blocker = directory + "/file"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        do {
            _ = try Journal.openForWriting(path: blocker + "/journal.sqlite")
            Issue.record("opened a journal under a regular file")
        } catch {
            guard case .unwritable(let path, _) = error else {
                Issue.record("expected .unwritable, got \(error)")
                return
            }
            #expect(path == blocker + "/journal.sqlite")
        }
    }

    @Test func aMissingJournalIsNotCreatedByAReader() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/none.sqlite"
        #expect(throws: JournalError.missing(path: path)) { _ = try Journal.openForReading(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aNewerSchemaIsRefusedByReadersAndWriters() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        do {
            let writer = try Journal.openForWriting(path: path)
            try writer.record(Fixtures.snapshot(pods: []), at: Fixtures.time(0))
        }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 3") }
        try queue.close()
        #expect(throws: JournalError.newerSchema(path: path, found: 3, supported: 2)) {
            _ = try Journal.openForReading(path: path)
        }
        #expect(throws: JournalError.newerSchema(path: path, found: 3, supported: 2)) {
            _ = try Journal.openForWriting(path: path)
        }
    }

    @Test func anotherSQLiteDatabaseIsNotAJournal() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/other.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try queue.close()
        let opens: [() throws -> Journal] = [{ try Journal.openForReading(path: path) },
                                             { try Journal.openForWriting(path: path) }]
        for open in opens {
            do {
                _ = try open()
                Issue.record("opened another application's database")
            } catch {
                guard case .notAJournal? = error as? JournalError else {
                    Issue.record("expected .notAJournal, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func aTextFileIsNotAJournal() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/notes.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "not sqlite\n", count: 200).utf8)))
        do {
            _ = try Journal.openForReading(path: path)
            Issue.record("read a text file as a journal")
        } catch {
            guard case .notAJournal = error else {
                Issue.record("expected .notAJournal, got \(error)")
                return
            }
        }
    }

    @Test func theDefaultPathFollowsTheEnvironment() {
        #expect(JournalLocation.path(explicit: "/x/j.sqlite", environment: ["GATEWATCH_JOURNAL": "/y"]) == "/x/j.sqlite")
        #expect(JournalLocation.path(explicit: nil, environment: ["GATEWATCH_JOURNAL": "/y/j.sqlite", "XDG_STATE_HOME": "/s"])
            == "/y/j.sqlite")
        #expect(JournalLocation.path(explicit: nil, environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
            == "/s/gatewatch/journal.sqlite")
        #expect(JournalLocation.path(explicit: nil, environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
            == "/h/.local/state/gatewatch/journal.sqlite")
        #expect(JournalLocation.path(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/state/gatewatch/journal.sqlite")
    }
}
