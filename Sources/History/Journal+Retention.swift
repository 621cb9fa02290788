#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB

extension Journal {
    /// Removes the versions that ended at or before `cutoff`, the addresses they owned, and the
    /// contents and objects no remaining version uses; the journal then covers from `cutoff` on
    /// (a state before it would be incomplete), and the events before `cutoff`. Open versions are
    /// never removed. Returns the
    /// number of versions removed. Only the recorder prunes (`--retain`); an import never does.
    @discardableResult
    public func prune(before cutoff: Date) throws(JournalError) -> Int {
        guard isWriter else { throw .unwritable(path: path, reason: "opened for reading") }
        let limit = JournalTime.milliseconds(cutoff)
        let path = self.path
        let database = self.database
        do {
            return try state.withLock { state in
                let removed = try database.write { db -> Int in
                    try db.execute(sql: """
                        DELETE FROM address WHERE version IN (SELECT id FROM version INDEXED BY version_by_to WHERE valid_to <= ?)
                        """, arguments: [limit])
                    try db.execute(sql: "DELETE FROM version WHERE valid_to <= ?", arguments: [limit])
                    let removed = db.changesCount
                    try db.execute(sql: """
                        DELETE FROM content WHERE id NOT IN (SELECT content FROM version)
                            AND id NOT IN (SELECT base FROM content WHERE base IS NOT NULL)
                        """)
                    try db.execute(sql: "DELETE FROM object WHERE id NOT IN (SELECT object FROM version)")
                    try db.execute(sql: "DELETE FROM event WHERE time < ?", arguments: [limit])
                    if let from = state.coveredFrom, from < limit, let to = state.coveredTo {
                        try Self.setMeta("covered_from", min(limit, to), db: db)
                    }
                    return removed
                }
                if let from = state.coveredFrom, from < limit, let to = state.coveredTo { state.coveredFrom = min(limit, to) }
                // A keyframe no row uses any more may be gone: new bodies start a new one.
                state.keyframes = [:]
                return removed
            }
        } catch {
            throw Self.map(error, path: path, writing: true)
        }
    }

    /// Prunes what is older than `retention` before `now`; a zero retention keeps everything.
    @discardableResult
    public func prune(retaining retention: Duration, now: Date) throws(JournalError) -> Int {
        let seconds = Double(retention.components.seconds) + Double(retention.components.attoseconds) / 1e18
        guard seconds > 0 else { return 0 }
        return try prune(before: now.addingTimeInterval(-seconds))
    }

    /// Gives the space of removed rows back to the file system: checkpoints the write-ahead log and
    /// rebuilds the database (`VACUUM`). Readers keep working; the writer waits for it.
    public func compact() throws(JournalError) {
        guard isWriter else { throw .unwritable(path: path, reason: "opened for reading") }
        do {
            try state.withLock { _ in
                try database.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM")
                    if path != ":memory:" { try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
                }
            }
        } catch {
            throw Self.map(error, path: path, writing: true)
        }
    }
}
