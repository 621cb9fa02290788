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
    /// The availability zones of the hop; nil when the bundle has no subnets of the attachments
    /// (`describe-transit-gateway-vpc-attachments`).
    public var zones: Zones? = nil

    /// Where the flow enters and leaves the transit gateway (docs/aws-path.md §5.1, §5.6).
    public struct Zones: Hashable, Sendable {
        /// The source subnet's zone.
        public var availabilityZone: String
        /// The VPC attachment's subnet in that zone (its ENI takes the packet); nil when it has none.
        public var subnet: String?
        /// The next attachment whose subnets are known; nil when none is.
        public var nextAttachment: String?
        /// Appliance mode on that attachment (`ApplianceModeSupport`).
        public var nextApplianceMode: Bool?
        /// The subnet whose attachment ENI the flow leaves by (nil with appliance mode: a flow hash picks it).
        public var nextSubnet: String?
        /// That subnet's zone.
        public var nextAvailabilityZone: String?
        /// The next attachment has no subnet in the source zone: the flow crosses zones.
        public var crossesAvailabilityZone: Bool
        /// A firewall behind a multi-zone attachment without appliance mode: the return may take
        /// another zone's ENI and miss the firewall's state.
        public var applianceModeRecommended: Bool
    }
}
