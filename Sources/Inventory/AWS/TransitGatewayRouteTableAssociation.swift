/// One attachment associated with a transit gateway route table
/// (`aws ec2 get-transit-gateway-route-table-associations` `Associations[]`). That output does
/// not name the table, so its ID comes from the bundle file's name or the request made live.
public struct TransitGatewayRouteTableAssociation: Hashable, Sendable {
    /// The route table (`tgw-rtb-…`).
    public var transitGatewayRouteTableID: String
    /// The attachment (`tgw-attach-…`).
    public var transitGatewayAttachmentID: String
    /// The attached resource.
    public var resourceID: String?
    /// The attachment's type (`vpc`, `vpn`…).
    public var resourceType: String?
    /// `associated`, `associating`…
    public var state: String?

    /// Creates an association.
    public init(transitGatewayRouteTableID: String, transitGatewayAttachmentID: String, resourceID: String? = nil,
                resourceType: String? = nil, state: String? = "associated") {
        self.transitGatewayRouteTableID = transitGatewayRouteTableID
        self.transitGatewayAttachmentID = transitGatewayAttachmentID
        self.resourceID = resourceID
        self.resourceType = resourceType
        self.state = state
    }

    /// `Associations[]` as the CLI prints it, before the table's ID is known.
    struct Unowned: Decodable {
        var TransitGatewayAttachmentId: String
        var ResourceId: String?
        var ResourceType: String?
        var State: String?
    }
}
