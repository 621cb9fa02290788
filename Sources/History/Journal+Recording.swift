#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB
import Inventory

extension Journal {
    /// Records `snapshot` as the complete state observed at `time`: versions of objects that
    /// changed or vanished end, new versions begin. A change starts at the object's own timestamp
    /// when that is more precise — a new object's `creationTimestamp`, a `deletionTimestamp` that
    /// appeared — and falls after the previous observation; otherwise at `time`. One transaction.
    @discardableResult
    public func record(_ snapshot: Snapshot, at time: Date) throws(JournalError) -> JournalChanges {
        try apply(Observation.objects(of: snapshot), at: JournalTime.milliseconds(time), refine: true)
    }

    /// Adds a bundle as the complete state at exactly `time`: objects missing from it end at
    /// `time`, new and changed ones begin at `time`. An import never prunes. Returns what changed
    /// and the bundle's load problems (objects with errors are skipped, as `--from` skips them).
    @discardableResult
    public func importBundle(_ files: [BundleFile], at time: Date) throws(JournalError)
        -> (changes: JournalChanges, diagnostics: [BundleDiagnostic]) {
        let loaded = BundleLoader.load(files: files, source: .bundle(path: path))
        return (try importSnapshot(loaded.snapshot, at: time), loaded.diagnostics)
    }

    /// Adds a loaded bundle's Snapshot as the complete state at exactly `time` (as `importBundle`).
    @discardableResult
    public func importSnapshot(_ snapshot: Snapshot, at time: Date) throws(JournalError) -> JournalChanges {
        try apply(Observation.objects(of: snapshot), at: JournalTime.milliseconds(time), refine: false)
    }

    /// Ends and begins versions for a complete observation at `time` (milliseconds), in one transaction.
    func apply(_ observed: [ObservedObject], at time: Int64, refine: Bool) throws(JournalError) -> JournalChanges {
        try apply([(ObservedChanges(objects: observed), time)], refine: refine)
    }

    /// Applies successive observations, oldest first, in one transaction: all or none. The writer's
    /// memory is changed in place; when the transaction fails it is read again from the database.
    func apply(_ batch: [(observed: ObservedChanges, time: Int64)], refine: Bool) throws(JournalError) -> JournalChanges {
        guard isWriter else { throw .unwritable(path: path, reason: "opened for reading") }
        let path = self.path
        let database = self.database
        do {
            return try state.withLock { state in
                if state.needsReload { state = try database.write { db in try Self.loadWriterState(db) } }
                let before = (state.coveredFrom, state.coveredTo)
                do {
                    return try database.write { db in
                        var total = JournalChanges()
                        for (observed, time) in batch {
                            if let end = state.coveredTo, time < end { throw JournalError.outOfOrder(at: time, journalEnd: end) }
                            let changes = try Self.apply(observed, at: time, refine: refine, state: &state, db: db)
                            total.opened += changes.opened
                            total.closed += changes.closed
                            total.unchanged += changes.unchanged
                        }
                        // The coverage, once per transaction.
                        if let from = state.coveredFrom, from != before.0 { try Self.setMeta("covered_from", from, db: db) }
                        if let to = state.coveredTo, to != before.1 { try Self.setMeta("covered_to", to, db: db) }
                        return total
                    }
                } catch {
                    // Rolled back: what the memory says may not be in the database.
                    state.needsReload = true
                    if let reloaded = try? database.write({ db in try Self.loadWriterState(db) }) { state = reloaded }
                    throw error
                }
            }
        } catch {
            throw Self.map(error, path: path, writing: true)
        }
    }

    /// One observation: versions of new and changed objects begin, those of vanished objects (the
    /// removals, and the objects of complete kinds not listed) end.
    private static func apply(_ observed: ObservedChanges, at time: Int64, refine: Bool, state: inout WriterState,
                              db: Database) throws -> JournalChanges {
        var changes = JournalChanges()
        var seen: [BundleObjectKind: Set<String>] = [:]
        let previous = state.coveredTo
        for item in observed.objects {
            let kind = item.object.kind
            let key = item.object.key
            if observed.isComplete(kind) { seen[kind, default: []].insert(key) }
            let hash = item.contentHash
            let current = state.open[kind]?[key]
            if let current, current.contentHash == hash, current.addresses == item.addresses {
                changes.unchanged += 1
                continue
            }
            var start = time
            if refine, let previous {
                // The object's own time for this change, when it falls between the two observations.
                let own = current == nil ? item.created : item.deleted
                let floor = max(previous, current?.validFrom ?? previous)
                if let own, floor < own, own < time { start = own }
            }
            if let current {
                try close(current, at: start, db: db)
                changes.closed += 1
            }
            guard let kindID = state.kindIDs[kind] else { continue }
            let objectID = try current?.objectID ?? objectID(kind: kindID, key: key, db: db)
            let contentID = try intern(item.object.contents, hash: hash, kind: kind, state: &state, db: db)
            try db.cachedStatement(sql: "INSERT INTO version(object, content, valid_from, valid_to) VALUES (?, ?, ?, ?)")
                .execute(arguments: [objectID, contentID, start, JournalSchema.open])
            let versionID = db.lastInsertedRowID
            for address in item.addresses {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO address(ip, version, role) VALUES (?, ?, ?)")
                    .execute(arguments: [address.ip, versionID, address.role.code])
            }
            state.open[kind, default: [:]][key] = OpenVersion(versionID: versionID, objectID: objectID, contentHash: hash,
                                                               validFrom: start, addresses: item.addresses)
            changes.opened += 1
        }
        for identity in observed.removals {
            guard let current = state.open[identity.kind]?.removeValue(forKey: identity.key) else { continue }
            try close(current, at: time, db: db)
            changes.closed += 1
        }
        for kind in Array(state.open.keys) where observed.isComplete(kind) {
            let listed = seen[kind] ?? []
            var gone: [(key: String, version: OpenVersion)] = []
            if let versions = state.open[kind], versions.count > listed.count {
                gone = versions.lazy.filter { !listed.contains($0.key) }.map { ($0.key, $0.value) }
            }
            for (key, current) in gone {
                try close(current, at: time, db: db)
                state.open[kind]?[key] = nil
                changes.closed += 1
            }
        }
        if state.coveredFrom == nil { state.coveredFrom = time }
        state.coveredTo = time
        return changes
    }

    /// Ends `version` at `time`; a version that would end where it began never held, and goes.
    private static func close(_ version: OpenVersion, at time: Int64, db: Database) throws {
        if time <= version.validFrom {
            try db.execute(sql: "DELETE FROM address WHERE version = ?", arguments: [version.versionID])
            try db.execute(sql: "DELETE FROM version WHERE id = ?", arguments: [version.versionID])
        } else {
            try db.cachedStatement(sql: "UPDATE version SET valid_to = ? WHERE id = ?")
                .execute(arguments: [time, version.versionID])
        }
    }

    private static func objectID(kind: Int64, key: String, db: Database) throws -> Int64 {
        let lookup = try db.cachedStatement(sql: "SELECT id FROM object WHERE kind = ? AND key = ?")
        if let id = try Int64.fetchOne(lookup, arguments: [kind, key]) {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO object(kind, key) VALUES (?, ?)").execute(arguments: [kind, key])
        return db.lastInsertedRowID
    }

    /// The row of `contents`, stored once: found by hash, bytes compared. A new body is stored as a
    /// delta against the kind's keyframe when that is under half its size, else whole (and becomes
    /// the keyframe).
    private static func intern(_ contents: [UInt8], hash: Int64, kind: BundleObjectKind, state: inout WriterState,
                               db: Database) throws -> Int64 {
        let candidates = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, codec, base, body FROM content WHERE hash = ?"),
                                          arguments: [hash])
        for row in candidates {
            if try body(row, db: db) == contents { return row["id"] }
        }
        if let keyframe = state.keyframes[kind] {
            let delta = ContentDelta.encode(contents, base: keyframe.base)
            if delta.count * 2 < contents.count {
                try db.cachedStatement(sql: "INSERT INTO content(hash, codec, base, body) VALUES (?, 1, ?, ?)")
                    .execute(arguments: [hash, keyframe.id, Data(delta)])
                return db.lastInsertedRowID
            }
        }
        try db.cachedStatement(sql: "INSERT INTO content(hash, codec, body) VALUES (?, 0, ?)")
            .execute(arguments: [hash, Data(contents)])
        let id = db.lastInsertedRowID
        state.keyframes[kind] = (id, ContentDelta.Base(contents))
        return id
    }

    /// The decoded body of a `content` row (`codec`, `base`, `body`), or nil for an unknown codec
    /// or a damaged delta.
    static func body(_ row: Row, db: Database, bases: inout [Int64: [UInt8]]) throws -> [UInt8]? {
        let codec: Int = row["codec"]
        let stored = [UInt8](row["body"] as Data)
        switch codec {
        case 0:
            return stored
        case 1:
            guard let baseID: Int64 = row["base"] else { return nil }
            if bases[baseID] == nil {
                let base = try Row.fetchOne(db.cachedStatement(sql: "SELECT codec, body FROM content WHERE id = ?"),
                                            arguments: [baseID])
                guard let base, (base["codec"] as Int) == 0 else { return nil }
                bases[baseID] = [UInt8](base["body"] as Data)
            }
            return bases[baseID].flatMap { ContentDelta.decode(stored, base: $0) }
        default:
            return nil
        }
    }

    private static func body(_ row: Row, db: Database) throws -> [UInt8]? {
        var bases: [Int64: [UInt8]] = [:]
        return try body(row, db: db, bases: &bases)
    }

    static func setMeta(_ key: String, _ value: Int64, db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
