/// Why the journal could not be opened, read or written. Each case says what was expected. Times
/// are milliseconds since 1970 UTC, as the journal stores them.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another process (or another writer in this one) records into the journal: one writer at a time.
    case locked(path: String, holderPID: Int32?)
    /// The journal (or its lock file, or its directory) cannot be created, opened or written.
    case unwritable(path: String, reason: String)
    /// There is no journal at the path (readers never create one).
    case missing(path: String)
    /// The file is not a Gatewatch journal.
    case notAJournal(path: String, reason: String)
    /// The journal was written by a newer Gatewatch whose schema this one cannot read.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The journal was written with an older schema; a writer migrates it, a reader refuses it.
    case olderSchema(path: String, found: Int, supported: Int)
    /// An observation or import is older than what the journal already holds: history is only appended.
    case outOfOrder(at: Int64, journalEnd: Int64)
    /// The journal does not cover the time asked for.
    case notCovered(at: Int64, from: Int64?, to: Int64?)
    /// SQLite reported an error.
    case database(path: String, message: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .locked(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "journal \(path) is being written by \(holder); one writer at a time (stop it, or use another --journal)"
        case .unwritable(let path, let reason):
            return "cannot write journal \(path): \(reason)"
        case .missing(let path):
            return "no journal at \(path) (expected one written by `gatewatch record` or `gatewatch journal import`)"
        case .notAJournal(let path, let reason):
            return "\(path) is not a Gatewatch journal: \(reason)"
        case .newerSchema(let path, let found, let supported):
            return "journal \(path) has schema version \(found), newer than this gatewatch reads (\(supported)); upgrade gatewatch"
        case .olderSchema(let path, let found, let supported):
            return "journal \(path) has schema version \(found), older than this gatewatch reads (\(supported)); "
                + "open it once for writing to migrate it"
        case .outOfOrder(let at, let end):
            return "cannot add a state at \(JournalTime.format(milliseconds: at)): the journal already runs to "
                + "\(JournalTime.format(milliseconds: end)), and history is only appended"
        case .notCovered(let at, let from, let to):
            guard let from, let to else {
                return "the journal holds no state (asked for \(JournalTime.format(milliseconds: at)))"
            }
            return "the journal covers \(JournalTime.format(milliseconds: from)) to \(JournalTime.format(milliseconds: to)), "
                + "not \(JournalTime.format(milliseconds: at))"
        case .database(let path, let message):
            return "journal \(path): \(message)"
        }
    }
}
