/// One `FilterLogEvents` response page. A page may be partial or empty while more exist: only a
/// missing `nextToken` ends the listing.
public struct FilterLogEventsPage: Sendable, Equatable, Decodable {
    /// `events`, sorted by timestamp.
    public var events: [LogEvent]
    /// `nextToken`, nil on the last page.
    public var nextToken: String?

    /// A page.
    public init(events: [LogEvent], nextToken: String?) {
        self.events = events
        self.nextToken = nextToken
    }

    private enum CodingKeys: String, CodingKey {
        case events, nextToken
    }

    /// Decodes a page; a missing `events` list reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.decodeIfPresent([LogEvent].self, forKey: .events) ?? []
        nextToken = try container.decodeIfPresent(String.self, forKey: .nextToken)
    }
}
