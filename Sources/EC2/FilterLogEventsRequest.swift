/// One `FilterLogEvents` request (CloudWatch Logs, docs/traffic.md §2.2): a log group, optional
/// streams, an inclusive time window in epoch milliseconds, and the page size.
public struct FilterLogEventsRequest: Sendable, Equatable, Encodable {
    /// `logGroupName`.
    public var logGroupName: String
    /// `logStreamNames` (1–100), nil for every stream.
    public var logStreamNames: [String]?
    /// `startTime` (inclusive, epoch ms).
    public var startTime: Int64?
    /// `endTime` (inclusive, epoch ms).
    public var endTime: Int64?
    /// `limit`: events per page, 1–10,000 (nil: the service's 10,000).
    public var limit: Int?
    /// `nextToken` of the previous page.
    public var nextToken: String?

    /// The most events one page may hold.
    public static let maximumLimit = 10_000

    /// A request for `logGroupName` over `[startTime, endTime]`.
    public init(logGroupName: String, logStreamNames: [String]? = nil, startTime: Int64? = nil, endTime: Int64? = nil,
                limit: Int? = nil, nextToken: String? = nil) {
        self.logGroupName = logGroupName
        self.logStreamNames = logStreamNames
        self.startTime = startTime
        self.endTime = endTime
        self.limit = limit
        self.nextToken = nextToken
    }
}
