#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB
import Inventory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Journal {
    /// The bundle files of the state valid at `time` (every object whose version holds over a span
    /// containing `time`), in the layout `BundleWriter` writes, items of a kind sorted by key.
    /// Empty when the journal holds nothing at `time`.
    public func bundleFiles(at time: Date) throws(JournalError) -> [BundleFile] {
        BundleWriter.files(assembling: try objects(at: JournalTime.milliseconds(time)))
    }

    /// The state valid at `time`, loaded like a bundle: what every command's `--at TIME` reads.
    /// Throws `.notCovered` when `time` is before the journal's first state (or it holds none); a
    /// time after the last observation gives the last state (a recorder may be running).
    public func loadBundle(at time: Date) throws(JournalError) -> LoadedBundle {
        let milliseconds = JournalTime.milliseconds(time)
        let (from, to) = state.withLock { ($0.coveredFrom, $0.coveredTo) }
        guard let from, milliseconds >= from else { throw .notCovered(at: milliseconds, from: from, to: to) }
        let files = BundleWriter.files(assembling: try objects(at: milliseconds))
        return BundleLoader.load(files: files, source: .bundle(path: "\(path) at \(JournalTime.format(milliseconds: milliseconds))"))
    }

    /// Opens the journal at `path` (`JournalLocation` when nil) for reading and loads the state at
    /// `time`: the single entry point for `--at TIME [--journal PATH]`.
    public static func loadBundle(at time: Date, journal path: String?,
                                  environment: [String: String]) throws(JournalError) -> LoadedBundle {
        let journal = try openForReading(path: JournalLocation.path(explicit: path, environment: environment))
        return try journal.loadBundle(at: time)
    }

    /// The objects valid at `time` (milliseconds), sorted by kind then key.
    func objects(at time: Int64) throws(JournalError) -> [BundleObject] {
        let (from, to) = state.withLock { ($0.coveredFrom, $0.coveredTo) }
        // Read from the smaller side of `time`: versions begun by then, or versions not ended by then.
        let nearStart = from.map { from in to.map { time - from < $0 - time } ?? true } ?? true
        let (index, condition) = nearStart
            ? ("version_by_from", "v.valid_from <= ?1 AND v.valid_to > ?1")
            : ("version_by_to", "v.valid_to > ?1 AND v.valid_from <= ?1")
        let sql = """
            SELECT o.kind, o.key, c.codec, c.base, c.body
            FROM version v INDEXED BY \(index) JOIN object o ON o.id = v.object JOIN content c ON c.id = v.content
            WHERE \(condition)
            """
        do {
            return try database.read { db in
                let kinds = try Self.kindsByID(db)
                var objects: [BundleObject] = []
                var bases: [Int64: [UInt8]] = [:]
                let rows = try Row.fetchAll(db, sql: sql, arguments: [time])
                for row in rows {
                    guard let kind = kinds[row["kind"]], let body = try Self.body(row, db: db, bases: &bases) else { continue }
                    objects.append(BundleObject(kind: kind, key: row["key"], contents: body))
                }
                let order = Dictionary(uniqueKeysWithValues: BundleObjectKind.allCases.enumerated().map { ($1, $0) })
                objects.sort { ((order[$0.kind] ?? 0), $0.key) < ((order[$1.kind] ?? 0), $1.key) }
                return objects
            }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }

    /// The owners of `ip` over `[time - window, time + window]`, oldest first. Consecutive versions
    /// of one owner in one role are one span.
    public func addressHistory(_ ip: String, around time: Date, window: Duration = .seconds(86_400))
        throws(JournalError) -> [AddressOwnership] {
        let center = JournalTime.milliseconds(time)
        let spread = window.components.seconds * 1000 + window.components.attoseconds / 1_000_000_000_000_000
        let (low, high) = (center &- spread, center &+ spread)
        do {
            return try database.read { db in
                let kinds = try Self.kindsByID(db)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT v.valid_from, v.valid_to, a.role, o.kind, o.key
                    FROM address a JOIN version v ON v.id = a.version JOIN object o ON o.id = v.object
                    WHERE a.ip = ? AND v.valid_from <= ? AND v.valid_to > ?
                    ORDER BY v.valid_from, o.key
                    """, arguments: [ip, high, low])
                var spans: [(from: Int64, to: Int64, kind: AddressOwnerKind, owner: String)] = []
                for row in rows {
                    guard let role = AddressOwnerKind(code: row["role"]), kinds[row["kind"]] != nil else { continue }
                    let (from, to, owner): (Int64, Int64, String) = (row["valid_from"], row["valid_to"], row["key"])
                    if let index = spans.lastIndex(where: { $0.owner == owner && $0.kind == role }), spans[index].to == from {
                        spans[index].to = to
                    } else {
                        spans.append((from, to, role, owner))
                    }
                }
                return spans.map { span in
                    AddressOwnership(from: JournalTime.date(milliseconds: span.from),
                                     to: span.to == JournalSchema.open ? nil : JournalTime.date(milliseconds: span.to),
                                     kind: span.kind, owner: span.owner)
                }
            }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }

    /// `journal info`: the span covered, object and version counts and the size on disk.
    public func info() throws(JournalError) -> JournalInfo {
        do {
            let (from, to, objects, versions) = try database.read { db in
                let (from, to) = try Self.coverage(db)
                return (from, to, try Int.fetchOne(db, sql: "SELECT count(*) FROM object") ?? 0,
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM version") ?? 0)
            }
            return JournalInfo(path: path, from: from.map { JournalTime.date(milliseconds: $0) },
                               to: to.map { JournalTime.date(milliseconds: $0) },
                               objects: objects, versions: versions, bytes: sizeOnDisk())
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }

    /// The database file and its write-ahead log, in bytes (0 in memory).
    public func sizeOnDisk() -> Int64 {
        guard path != ":memory:" else { return 0 }
        return [path, path + "-wal"].reduce(Int64(0)) { total, file in
            var info = stat()
            return stat(file, &info) == 0 ? total + Int64(info.st_size) : total
        }
    }

    /// The number of distinct stored bodies (deduplicated contents).
    func storedContents() throws(JournalError) -> Int {
        try storedContentsByCodec().values.reduce(0, +)
    }

    /// Stored bodies by codec (0 whole, 1 delta).
    func storedContentsByCodec() throws(JournalError) -> [Int: Int] {
        do {
            return try database.read { db in
                var counts: [Int: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT codec, count(*) AS n FROM content GROUP BY codec") {
                    counts[row["codec"]] = row["n"]
                }
                return counts
            }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }

    private static func kindsByID(_ db: Database) throws -> [Int64: BundleObjectKind] {
        var kinds: [Int64: BundleObjectKind] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM kind") {
            if let kind = BundleObjectKind(rawValue: row["name"]) { kinds[row["id"]] = kind }
        }
        return kinds
    }
}
