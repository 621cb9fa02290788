/// One event of a `FilterLogEvents` page: for a flow log, `message` is one record and
/// `timestamp` the record's `start` (docs/traffic.md §1.6).
public struct LogEvent: Sendable, Equatable, Hashable, Decodable {
    /// `logStreamName` (one per ENI for flow logs).
    public var logStreamName: String
    /// `timestamp` (epoch ms).
    public var timestamp: Int64
    /// `message`.
    public var message: String
    /// `ingestionTime` (epoch ms), when given.
    public var ingestionTime: Int64?
    /// `eventId`: with the stream name, what identifies the event across overlapping polls.
    public var eventId: String

    /// An event.
    public init(logStreamName: String, timestamp: Int64, message: String, ingestionTime: Int64? = nil, eventId: String) {
        self.logStreamName = logStreamName
        self.timestamp = timestamp
        self.message = message
        self.ingestionTime = ingestionTime
        self.eventId = eventId
    }
}
