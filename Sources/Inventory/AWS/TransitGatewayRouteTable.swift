/// A transit gateway route table (`aws ec2 describe-transit-gateway-route-tables`). Its
/// associations and routes come from two other calls (`TransitGatewayRouteTableAssociation`,
/// `TransitGatewayRoute`).
public struct TransitGatewayRouteTable: Hashable, Sendable, Decodable {
    /// `tgw-rtb-…`.
    public var transitGatewayRouteTableID: String
    /// The transit gateway (`tgw-…`).
    public var transitGatewayID: String?
    /// `available`, `deleting`…
    public var state: String?
    /// True when new attachments are associated with this table (not which table an existing one uses).
    public var defaultAssociationRouteTable: Bool
    /// True when new attachments propagate into this table.
    public var defaultPropagationRouteTable: Bool
    /// Tags.
    public var tags: [Tag]

    /// Creates a route table.
    public init(transitGatewayRouteTableID: String, transitGatewayID: String? = nil, state: String? = nil,
                defaultAssociationRouteTable: Bool = false, defaultPropagationRouteTable: Bool = false, tags: [Tag] = []) {
        self.transitGatewayRouteTableID = transitGatewayRouteTableID
        self.transitGatewayID = transitGatewayID
        self.state = state
        self.defaultAssociationRouteTable = defaultAssociationRouteTable
        self.defaultPropagationRouteTable = defaultPropagationRouteTable
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case transitGatewayRouteTableID = "TransitGatewayRouteTableId", transitGatewayID = "TransitGatewayId"
        case state = "State", defaultAssociationRouteTable = "DefaultAssociationRouteTable"
        case defaultPropagationRouteTable = "DefaultPropagationRouteTable", tags = "Tags"
    }

    /// Decodes one table of `aws ec2 describe-transit-gateway-route-tables` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        transitGatewayRouteTableID = try c.decode(String.self, forKey: .transitGatewayRouteTableID)
        transitGatewayID = try c.decodeIfPresent(String.self, forKey: .transitGatewayID)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        defaultAssociationRouteTable = try c.decodeIfPresent(Bool.self, forKey: .defaultAssociationRouteTable) ?? false
        defaultPropagationRouteTable = try c.decodeIfPresent(Bool.self, forKey: .defaultPropagationRouteTable) ?? false
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
