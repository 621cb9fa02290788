/// The availability zones of a transit gateway hop, when the bundle has the VPC attachments'
/// subnets (`describe-transit-gateway-vpc-attachments`): the attachment ENI in the source zone
/// that the flow enters by, and how it leaves by the next attachment (docs/aws-path.md §5).
struct TransitGatewayZones: Sendable {
    /// One subnet of an attachment and its zone (nil when the subnet is not in the bundle).
    struct Placement: Sendable {
        let subnet: String
        let zone: String?
    }

    /// How the flow leaves the transit gateway by the next attachment.
    struct Exit: Sendable {
        /// The next attachment (`tgw-attach-…`).
        let attachment: String
        /// Appliance mode on the next attachment: one ENI for both directions, by flow hash.
        let applianceMode: Bool
        /// The subnet whose attachment ENI the flow leaves by (nil with appliance mode: by hash).
        let subnet: String?
        /// That subnet's zone.
        let zone: String?
        /// The next attachment has no subnet in the source zone: the flow crosses zones.
        let crossesZone: Bool
        /// A firewall sits behind the next attachment, which spans several zones without
        /// appliance mode: the return may come back through another zone's ENI (asymmetric path).
        let applianceModeRecommended: Bool
    }

    /// The source subnet's zone.
    let zone: String
    /// The VPC attachment's subnet in that zone; nil when it has none (the transit gateway never
    /// sees the packet: `TGW_ROUTE_AZ_RESTRICTION`).
    let entrySubnet: String?
    /// Every subnet of the VPC attachment.
    let attachmentSubnets: [Placement]
    /// The next attachment, when the route leads to one whose subnets are known.
    let exit: Exit?
}
