import LPM

/// A VPC route table, its subnet associations and routes.
public struct RouteTable: Hashable, Sendable, Decodable {
    /// `rtb-…`.
    public var routeTableID: String
    /// The VPC.
    public var vpcID: String
    /// Subnets explicitly associated with the table.
    public var subnetIDs: [String]
    /// True when this is the VPC's main table (used by subnets with no explicit association).
    public var isMain: Bool
    /// The routes.
    public var routes: [Route]
    /// Tags.
    public var tags: [Tag]

    /// Creates a route table.
    public init(routeTableID: String, vpcID: String, subnetIDs: [String] = [], isMain: Bool = false,
                routes: [Route] = [], tags: [Tag] = []) {
        self.routeTableID = routeTableID
        self.vpcID = vpcID
        self.subnetIDs = subnetIDs
        self.isMain = isMain
        self.routes = routes
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case routeTableID = "RouteTableId", vpcID = "VpcId", associations = "Associations", routes = "Routes", tags = "Tags"
    }
    private struct Association: Decodable { var SubnetId: String?; var Main: Bool? }

    /// Decodes one table of `aws ec2 describe-route-tables` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        routeTableID = try c.decode(String.self, forKey: .routeTableID)
        vpcID = try c.decode(String.self, forKey: .vpcID)
        let associations = try c.decodeIfPresent([Association].self, forKey: .associations) ?? []
        subnetIDs = associations.compactMap(\.SubnetId)
        isMain = associations.contains { $0.Main == true }
        routes = try c.decodeIfPresent([Route].self, forKey: .routes) ?? []
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}

/// One route of a VPC route table.
public struct Route: Hashable, Sendable, Decodable {
    /// The destination CIDR; nil for prefix-list destinations.
    public var destination: IPPrefix?
    /// A managed prefix list destination (`pl-…`), which Gatewatch cannot expand offline.
    public var destinationPrefixListID: String?
    /// Where matching traffic goes.
    public var target: RouteTarget
    /// `active` or `blackhole`.
    public var state: String?
    /// How the route was made: `CreateRouteTable` (the local route), `CreateRoute` (static) or
    /// `EnableVgwRoutePropagation` (propagated from a virtual private gateway); nil when not given.
    public var origin: String?

    /// Creates a route.
    public init(destination: IPPrefix?, destinationPrefixListID: String? = nil, target: RouteTarget, state: String? = "active",
                origin: String? = nil) {
        self.destination = destination
        self.destinationPrefixListID = destinationPrefixListID
        self.target = target
        self.state = state
        self.origin = origin
    }

    /// True for a route propagated from a virtual private gateway, which never beats `local`.
    public var isPropagated: Bool { origin == "EnableVgwRoutePropagation" }

    /// True when the route drops traffic (its target is gone).
    public var isBlackhole: Bool { state == "blackhole" }

    private enum CodingKeys: String, CodingKey {
        case destinationCidrBlock = "DestinationCidrBlock", destinationIpv6CidrBlock = "DestinationIpv6CidrBlock"
        case destinationPrefixListID = "DestinationPrefixListId", gatewayID = "GatewayId"
        case transitGatewayID = "TransitGatewayId", natGatewayID = "NatGatewayId"
        case networkInterfaceID = "NetworkInterfaceId", instanceID = "InstanceId"
        case vpcPeeringConnectionID = "VpcPeeringConnectionId", egressOnlyInternetGatewayID = "EgressOnlyInternetGatewayId"
        case localGatewayID = "LocalGatewayId", carrierGatewayID = "CarrierGatewayId", coreNetworkArn = "CoreNetworkArn"
        case state = "State", origin = "Origin"
    }

    /// Decodes `Routes[]`; the target is the first target field present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v4 = try c.decodeIfPresent(PrefixText.self, forKey: .destinationCidrBlock) {
            destination = v4.prefix
        } else {
            destination = try c.decodeIfPresent(PrefixText.self, forKey: .destinationIpv6CidrBlock)?.prefix
        }
        destinationPrefixListID = try c.decodeIfPresent(String.self, forKey: .destinationPrefixListID)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        origin = try c.decodeIfPresent(String.self, forKey: .origin)
        let targetKeys: [CodingKeys] = [.gatewayID, .transitGatewayID, .natGatewayID, .networkInterfaceID, .instanceID,
                                        .vpcPeeringConnectionID, .egressOnlyInternetGatewayID, .localGatewayID,
                                        .carrierGatewayID, .coreNetworkArn]
        var found: String?
        for key in targetKeys {
            if let value = try c.decodeIfPresent(String.self, forKey: key), !value.isEmpty {
                found = value
                break
            }
        }
        target = RouteTarget(found ?? "")
    }
}

/// Where a VPC route sends traffic, classified by the target's id.
public enum RouteTarget: Hashable, Sendable, CustomStringConvertible {
    /// Inside the VPC (`local`).
    case local
    /// An internet gateway (`igw-…`).
    case internetGateway(String)
    /// A NAT gateway (`nat-…`).
    case natGateway(String)
    /// A transit gateway (`tgw-…`).
    case transitGateway(String)
    /// A VPC endpoint, e.g. a Gateway Load Balancer endpoint towards a firewall (`vpce-…`).
    case vpcEndpoint(String)
    /// A VPC peering connection (`pcx-…`).
    case peering(String)
    /// A virtual private gateway (`vgw-…`).
    case vpnGateway(String)
    /// Anything else (ENI, instance, egress-only IGW…), by id; empty when the route named none.
    case other(String)

    /// Classifies a target id as EC2 writes it.
    public init(_ id: String) {
        switch id {
        case "local": self = .local
        case _ where id.hasPrefix("igw-"): self = .internetGateway(id)
        case _ where id.hasPrefix("nat-"): self = .natGateway(id)
        case _ where id.hasPrefix("tgw-"): self = .transitGateway(id)
        case _ where id.hasPrefix("vpce-"): self = .vpcEndpoint(id)
        case _ where id.hasPrefix("pcx-"): self = .peering(id)
        case _ where id.hasPrefix("vgw-"): self = .vpnGateway(id)
        default: self = .other(id)
        }
    }

    /// The target's id (`local` for the VPC itself).
    public var id: String {
        switch self {
        case .local: return "local"
        case .internetGateway(let id), .natGateway(let id), .transitGateway(let id), .vpcEndpoint(let id),
             .peering(let id), .vpnGateway(let id), .other(let id):
            return id
        }
    }

    /// The id, as users see it in the AWS console.
    public var description: String { id }
}
