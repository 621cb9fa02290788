#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB
import Inventory
import Synchronization

/// The history journal: an SQLite database (through GRDB, in WAL mode) holding every version of
/// every object Gatewatch reads — Kubernetes and Calico objects, EC2 objects, firewall
/// configuration texts and `gatewatch.yaml` — each valid over `[from, to)` in UTC.
///
/// Objects are stored as a bundle holds them (`BundleObject`), so the state at T rebuilds into
/// bundle files (`bundleFiles(at:)`) that `BundleLoader` reads like any bundle: a command run
/// `--at T` prints exactly what it prints for a bundle of that state.
///
/// One writer at a time (`openForWriting`; a second is refused naming the holder's PID); readers
/// (`openForReading`) never block it. Every `record` or `importBundle` is one transaction: a killed
/// writer loses at most the observation it was writing and never leaves the journal unreadable.
public final class Journal: Sendable {
    /// The database file (`:memory:` for an in-memory journal).
    public let path: String
    /// True when this journal may write (it holds the writer's lock).
    public let isWriter: Bool
    let database: any DatabaseWriter
    let state: Mutex<WriterState>
    private let lock: JournalLock?

    private init(path: String, isWriter: Bool, database: any DatabaseWriter, lock: JournalLock?, state: WriterState) {
        self.path = path
        self.isWriter = isWriter
        self.database = database
        self.lock = lock
        self.state = Mutex(state)
    }

    /// Opens (creating it and its directory when missing) the journal at `path` for writing:
    /// takes the writer's lock, turns on WAL and migrates an older schema.
    public static func openForWriting(path: String) throws(JournalError) -> Journal {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: path, reason: "cannot create the directory \(directory)")
            }
        }
        let lock = try JournalLock(databasePath: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL (DatabasePool turns it on) with NORMAL sync: a killed process loses nothing committed.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // After a checkpoint, the write-ahead log is cut back to 64 MiB at most.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // 64 MiB of page cache: the indexes (by time, address, key, hash) take random inserts.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw map(error, path: path, writing: true)
        }
        return try writer(path: path, database: pool, lock: lock)
    }

    /// Opens an existing journal for reading; never creates one, never writes, never blocks the writer.
    public static func openForReading(path: String) throws(JournalError) -> Journal {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard found != 0 else {
                    throw JournalError.notAJournal(path: path, reason: "it has no journal schema version")
                }
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                try JournalSchema.check(found: found, application: application, path: path, writer: false)
            }
        } catch {
            throw map(error, path: path, writing: false)
        }
        let journal = Journal(path: path, isWriter: false, database: queue, lock: nil, state: WriterState())
        try journal.loadCoverage()
        return journal
    }

    /// A new, empty journal in memory (for tests and what-if runs); it may write.
    public static func inMemory() throws(JournalError) -> Journal {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue()
        } catch {
            throw map(error, path: ":memory:", writing: true)
        }
        return try writer(path: ":memory:", database: queue, lock: nil)
    }

    private static func writer(path: String, database: any DatabaseWriter, lock: JournalLock?) throws(JournalError) -> Journal {
        do {
            let state = try database.write { db -> WriterState in
                try JournalSchema.migrate(db, path: path)
                return try loadWriterState(db)
            }
            return Journal(path: path, isWriter: true, database: database, lock: lock, state: state)
        } catch {
            throw map(error, path: path, writing: true)
        }
    }

    /// Interns every kind and reads the open versions and coverage.
    static func loadWriterState(_ db: Database) throws -> WriterState {
        var state = WriterState()
        for kind in BundleObjectKind.allCases {
            try db.execute(sql: "INSERT OR IGNORE INTO kind(name) VALUES (?)", arguments: [kind.rawValue])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM kind") {
            if let kind = BundleObjectKind(rawValue: row["name"]) { state.kindIDs[kind] = row["id"] }
        }
        let kindsByID = Dictionary(uniqueKeysWithValues: state.kindIDs.map { ($0.value, $0.key) })
        var addresses: [Int64: [ObservedObject.OwnedAddress]] = [:]
        let addressRows = try Row.fetchCursor(db, sql: """
            SELECT a.version, a.ip, a.role FROM version v JOIN address a ON a.version = v.id WHERE v.valid_to = ?
            """, arguments: [JournalSchema.open])
        while let row = try addressRows.next() {
            guard let role = AddressOwnerKind(code: row["role"]) else { continue }
            addresses[row["version"], default: []].append(.init(ip: row["ip"], role: role))
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT v.id, v.object, v.valid_from, o.kind, o.key, c.hash
            FROM version v INDEXED BY version_by_to JOIN object o ON o.id = v.object JOIN content c ON c.id = v.content
            WHERE v.valid_to = ?
            """, arguments: [JournalSchema.open])
        while let row = try rows.next() {
            guard let kind = kindsByID[row["kind"]] else { continue }
            let versionID: Int64 = row["id"]
            state.open[kind, default: [:]][row["key"]] = OpenVersion(
                versionID: versionID, objectID: row["object"], contentHash: row["hash"], validFrom: row["valid_from"],
                addresses: (addresses[versionID] ?? []).sorted())
        }
        (state.coveredFrom, state.coveredTo) = try coverage(db)
        return state
    }

    /// `covered_from` and `covered_to` from `meta`.
    static func coverage(_ db: Database) throws -> (Int64?, Int64?) {
        var values: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { values[row["key"]] = row["value"] }
        return (values["covered_from"], values["covered_to"])
    }

    private func loadCoverage() throws(JournalError) {
        do {
            let (from, to) = try database.read { db in try Self.coverage(db) }
            state.withLock { $0.coveredFrom = from; $0.coveredTo = to }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }

    /// A thrown error as a `JournalError`.
    static func map(_ error: any Error, path: String, writing: Bool) -> JournalError {
        if let journal = error as? JournalError { return journal }
        if let database = error as? DatabaseError {
            let message = database.message ?? "\(database)"
            switch database.resultCode {
            case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR:
                return writing ? .unwritable(path: path, reason: message) : .database(path: path, message: message)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .notAJournal(path: path, reason: message)
            default:
                return .database(path: path, message: message)
            }
        }
        return .database(path: path, message: "\(error)")
    }
}
