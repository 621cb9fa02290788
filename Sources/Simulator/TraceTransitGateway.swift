import LPM

/// What the TRANSIT-GATEWAY phase decided on one path: the VPC's attachment, the route table
/// associated with it and the route that matched.
public struct TraceTransitGateway: Hashable, Sendable {
    /// The VPC's attachment (`tgw-attach-…`) the packet enters by.
    public var attachment: String
    /// The route table associated with it (`tgw-rtb-…`).
    public var routeTable: String
    /// The route's destination (for a prefix-list reference, the entry that matched); nil when no route matched.
    public var destination: IPPrefix?
    /// The prefix list of the route, for a prefix-list reference.
    public var prefixList: String?
    /// `static` or `propagated`.
    public var type: String?
    /// The attachments the route leads to (several are ECMP).
    public var nextAttachments: [String]
    /// True when the route is a blackhole.
    public var blackhole: Bool
}
