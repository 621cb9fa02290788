/// A transit gateway attachment (`aws ec2 describe-transit-gateway-attachments`): a VPC, VPN,
/// peering… connected to a transit gateway, and the TGW route table it is associated with. A VPC
/// attachment also carries what `describe-transit-gateway-vpc-attachments` adds: the subnets its
/// ENIs sit in (one per availability zone) and whether appliance mode is on (docs/aws-path.md §5).
public struct TransitGatewayAttachment: Hashable, Sendable, Decodable {
    /// `tgw-attach-…`.
    public var transitGatewayAttachmentID: String
    /// The transit gateway (`tgw-…`).
    public var transitGatewayID: String?
    /// `vpc`, `vpn`, `direct-connect-gateway`, `connect`, `peering`, `tgw-peering`, `network-function`…
    public var resourceType: String?
    /// The attached resource (`vpc-…`, `vpn-…`, …).
    public var resourceID: String?
    /// The resource's account.
    public var resourceOwnerID: String?
    /// `available`, `pending`, `deleted`…
    public var state: String?
    /// The TGW route table this attachment is associated with (the table that routes its traffic).
    public var association: Association?
    /// Tags.
    public var tags: [Tag]
    /// The subnets of a VPC attachment's ENIs (`SubnetIds`, one per availability zone); nil when
    /// the source did not say (describe-transit-gateway-attachments alone never does).
    public var subnetIDs: [String]?
    /// A VPC attachment's `Options.ApplianceModeSupport` (`enable` or `disable`); nil when unknown.
    public var applianceModeSupport: String?

    /// True when appliance mode is known to be on: a flow hash picks one attachment ENI for both
    /// directions of a flow.
    public var applianceModeEnabled: Bool? { applianceModeSupport.map { $0 == "enable" } }

    /// The attachment's route table association.
    public struct Association: Hashable, Sendable, Decodable {
        /// `tgw-rtb-…`.
        public var transitGatewayRouteTableID: String
        /// `associated`, `associating`…
        public var state: String?

        /// Creates an association.
        public init(transitGatewayRouteTableID: String, state: String? = "associated") {
            self.transitGatewayRouteTableID = transitGatewayRouteTableID
            self.state = state
        }

        private enum CodingKeys: String, CodingKey {
            case transitGatewayRouteTableID = "TransitGatewayRouteTableId", state = "State"
        }
    }

    /// Creates an attachment.
    public init(transitGatewayAttachmentID: String, transitGatewayID: String? = nil, resourceType: String? = nil,
                resourceID: String? = nil, resourceOwnerID: String? = nil, state: String? = nil,
                association: Association? = nil, tags: [Tag] = [], subnetIDs: [String]? = nil,
                applianceModeSupport: String? = nil) {
        self.transitGatewayAttachmentID = transitGatewayAttachmentID
        self.transitGatewayID = transitGatewayID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.resourceOwnerID = resourceOwnerID
        self.state = state
        self.association = association
        self.tags = tags
        self.subnetIDs = subnetIDs
        self.applianceModeSupport = applianceModeSupport
    }

    /// Adds what a VPC-attachment record of the same attachment knows (subnets, appliance mode),
    /// keeping this record's own values where both say something.
    public mutating func merge(vpcAttachment other: TransitGatewayAttachment) {
        transitGatewayID = transitGatewayID ?? other.transitGatewayID
        resourceType = resourceType ?? other.resourceType
        resourceID = resourceID ?? other.resourceID
        resourceOwnerID = resourceOwnerID ?? other.resourceOwnerID
        state = state ?? other.state
        association = association ?? other.association
        if tags.isEmpty { tags = other.tags }
        subnetIDs = subnetIDs ?? other.subnetIDs
        applianceModeSupport = applianceModeSupport ?? other.applianceModeSupport
    }

    private struct Options: Decodable {
        var ApplianceModeSupport: String?
    }

    private enum CodingKeys: String, CodingKey {
        case transitGatewayAttachmentID = "TransitGatewayAttachmentId", transitGatewayID = "TransitGatewayId"
        case resourceType = "ResourceType", resourceID = "ResourceId", resourceOwnerID = "ResourceOwnerId"
        case state = "State", association = "Association", tags = "Tags"
        case subnetIDs = "SubnetIds", options = "Options", vpcID = "VpcId", vpcOwnerID = "VpcOwnerId"
    }

    /// Decodes one attachment of `aws ec2 describe-transit-gateway-attachments` output, or of
    /// `describe-transit-gateway-vpc-attachments` (`VpcId`, `SubnetIds`, `Options`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        transitGatewayAttachmentID = try c.decode(String.self, forKey: .transitGatewayAttachmentID)
        transitGatewayID = try c.decodeIfPresent(String.self, forKey: .transitGatewayID)
        let vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        resourceType = try c.decodeIfPresent(String.self, forKey: .resourceType) ?? (vpcID == nil ? nil : "vpc")
        resourceID = try c.decodeIfPresent(String.self, forKey: .resourceID) ?? vpcID
        resourceOwnerID = try c.decodeIfPresent(String.self, forKey: .resourceOwnerID)
            ?? c.decodeIfPresent(String.self, forKey: .vpcOwnerID)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        association = try c.decodeIfPresent(Association.self, forKey: .association)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
        subnetIDs = try c.decodeIfPresent([String].self, forKey: .subnetIDs)
        applianceModeSupport = try c.decodeIfPresent(Options.self, forKey: .options)?.ApplianceModeSupport
    }
}
