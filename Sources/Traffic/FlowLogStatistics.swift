/// What a flow-log source held: record and line counts, and the SKIPDATA windows (volume AWS
/// did not log).
public struct FlowLogStatistics: Hashable, Sendable {
    /// Lines read (header included).
    public var lines = 0
    /// Records with `log-status` OK (or no log-status column).
    public var records = 0
    /// NODATA records.
    public var noData = 0
    /// SKIPDATA records: volume for that ENI and window is undercounted.
    public var skipData = 0
    /// Lines that could not be read.
    public var malformed = 0

    /// No counts yet.
    public init() {}

    /// Adds `other`'s counts.
    public mutating func add(_ other: FlowLogStatistics) {
        lines += other.lines
        records += other.records
        noData += other.noData
        skipData += other.skipData
        malformed += other.malformed
    }
}
