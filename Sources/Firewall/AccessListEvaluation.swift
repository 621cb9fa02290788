/// One access list consulted for a packet: how it is bound, which line decided (if any), and
/// what the reader should know about lines that could not be evaluated faithfully.
public struct AccessListEvaluation: Hashable, Sendable {
    /// The binding that put this access list on the packet's path.
    public let accessGroup: AccessGroup
    /// The deciding line; nil when no line matched (the packet goes on to the next list, or to
    /// the implicit deny).
    public let match: AccessListMatch?
    /// Lines before the decision that may have changed it on the device: FQDN objects that
    /// could resolve to the packet's addresses, lines that could not be parsed.
    public let notes: [String]

    /// Creates an evaluation.
    public init(accessGroup: AccessGroup, match: AccessListMatch?, notes: [String]) {
        self.accessGroup = accessGroup
        self.match = match
        self.notes = notes
    }

    /// The access-list name.
    public var accessList: String { accessGroup.accessList }
}
