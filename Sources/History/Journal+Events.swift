#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GRDB

extension Journal {
    /// Longest text kept in an event's `subject` or `message` (longer ones are cut).
    public static let maximumEventText = 1024

    /// Adds `events` in one transaction. Pruning (`--retain`) removes old ones with the versions.
    public func appendEvents(_ events: [JournalEvent]) throws(JournalError) {
        guard isWriter else { throw .unwritable(path: path, reason: "opened for reading") }
        guard !events.isEmpty else { return }
        let path = self.path
        let database = self.database
        do {
            try state.withLock { _ in
                try database.write { db in
                    let statement = try db.cachedStatement(sql: """
                        INSERT INTO event(time, kind, subject, message, severity) VALUES (?, ?, ?, ?, ?)
                        """)
                    for event in events {
                        try statement.execute(arguments: [
                            JournalTime.milliseconds(event.time), event.kind,
                            String(event.subject.prefix(Self.maximumEventText)),
                            String(event.message.prefix(Self.maximumEventText)), event.severity.rawValue,
                        ])
                    }
                }
            }
        } catch {
            throw Self.map(error, path: path, writing: true)
        }
    }

    /// The newest `limit` events at or before `time` (all when nil), oldest first. An event
    /// whose severity this build does not know reads as `info`.
    public func events(until time: Date? = nil, limit: Int) throws(JournalError) -> [JournalEvent] {
        let end = time.map(JournalTime.milliseconds) ?? Int64.max
        do {
            return try database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT time, kind, subject, message, severity FROM event
                    WHERE time <= ? ORDER BY time DESC, id DESC LIMIT ?
                    """, arguments: [end, max(0, limit)])
                return rows.reversed().map { row in
                    JournalEvent(time: JournalTime.date(milliseconds: row["time"]), kind: row["kind"], subject: row["subject"],
                                 message: row["message"], severity: JournalEvent.Severity(rawValue: row["severity"]) ?? .info)
                }
            }
        } catch {
            throw Self.map(error, path: path, writing: false)
        }
    }
}
