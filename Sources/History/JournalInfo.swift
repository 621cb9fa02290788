#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a journal holds: `gatewatch journal info`.
public struct JournalInfo: Hashable, Sendable {
    /// The database file.
    public var path: String
    /// The earliest time the journal has a complete state for; nil when empty.
    public var from: Date?
    /// The last observation; nil when empty.
    public var to: Date?
    /// Distinct objects ever recorded (and not pruned).
    public var objects: Int
    /// Versions of those objects.
    public var versions: Int
    /// Size on disk: the database with its write-ahead log, in bytes.
    public var bytes: Int64

    /// Creates a summary.
    public init(path: String, from: Date?, to: Date?, objects: Int, versions: Int, bytes: Int64) {
        self.path = path
        self.from = from
        self.to = to
        self.objects = objects
        self.versions = versions
        self.bytes = bytes
    }
}
