/// A transit gateway attachment (`aws ec2 describe-transit-gateway-attachments`): a VPC, VPN,
/// peering… connected to a transit gateway, and the TGW route table it is associated with.
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
                association: Association? = nil, tags: [Tag] = []) {
        self.transitGatewayAttachmentID = transitGatewayAttachmentID
        self.transitGatewayID = transitGatewayID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.resourceOwnerID = resourceOwnerID
        self.state = state
        self.association = association
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case transitGatewayAttachmentID = "TransitGatewayAttachmentId", transitGatewayID = "TransitGatewayId"
        case resourceType = "ResourceType", resourceID = "ResourceId", resourceOwnerID = "ResourceOwnerId"
        case state = "State", association = "Association", tags = "Tags"
    }

    /// Decodes one attachment of `aws ec2 describe-transit-gateway-attachments` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        transitGatewayAttachmentID = try c.decode(String.self, forKey: .transitGatewayAttachmentID)
        transitGatewayID = try c.decodeIfPresent(String.self, forKey: .transitGatewayID)
        resourceType = try c.decodeIfPresent(String.self, forKey: .resourceType)
        resourceID = try c.decodeIfPresent(String.self, forKey: .resourceID)
        resourceOwnerID = try c.decodeIfPresent(String.self, forKey: .resourceOwnerID)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        association = try c.decodeIfPresent(Association.self, forKey: .association)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
