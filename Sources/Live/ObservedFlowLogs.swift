import Traffic

/// Flow-log records read from a CloudWatch Logs group in one poll, with where they came from:
/// what a live intake folds into its aggregator.
public struct ObservedFlowLogs: Sendable {
    /// The source label, `cloudwatch-logs:GROUP`.
    public var source: String
    /// The OK records, in event order.
    public var records: [FlowLogRecord]
    /// What the poll read and could not read (file = the source label).
    public var summary: FlowLogReader.Summary
    /// The window read, epoch milliseconds, both ends inclusive.
    public var window: ClosedRange<Int64>
    /// Events skipped because an earlier poll of an overlapping window delivered them.
    public var repeated: Int
    /// `FilterLogEvents` pages read.
    public var pages: Int
}
