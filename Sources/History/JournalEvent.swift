#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Something the console saw change (a gateway became unready, a pool crossed a threshold, a
/// source failed), kept in the journal so the Events view survives restarts.
public struct JournalEvent: Hashable, Sendable {
    /// How serious it is; the raw values are stored.
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        /// A neutral change.
        case info
        /// A recovery.
        case ok
        /// Something that needs attention.
        case warn
        /// Something broken.
        case error
    }

    /// When it was seen (kept in whole milliseconds).
    public var time: Date
    /// What kind of object changed (`gateway`, `pool`, `eip`, `source`).
    public var kind: String
    /// The object (`ns/name`, a pool, a public IP, a source).
    public var subject: String
    /// What happened, one line.
    public var message: String
    /// How serious it is.
    public var severity: Severity

    /// Creates an event.
    public init(time: Date, kind: String, subject: String, message: String, severity: Severity) {
        self.time = time
        self.kind = kind
        self.subject = subject
        self.message = message
        self.severity = severity
    }
}
