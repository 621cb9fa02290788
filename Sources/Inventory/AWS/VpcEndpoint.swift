/// A VPC endpoint (`aws ec2 describe-vpc-endpoints`): a Gateway Load Balancer endpoint (a route
/// target, `gatewayId=vpce-…`, towards an inspection appliance), a gateway endpoint (S3,
/// DynamoDB: routes to an AWS prefix list) or an interface endpoint (ENIs reached locally).
public struct VpcEndpoint: Hashable, Sendable, Decodable {
    /// `vpce-…`.
    public var vpcEndpointID: String
    /// `GatewayLoadBalancer`, `Gateway`, `Interface`, `Resource` or `ServiceNetwork`.
    public var vpcEndpointType: String?
    /// The VPC.
    public var vpcID: String?
    /// The service (`com.amazonaws.us-east-1.s3`, `com.amazonaws.vpce.us-east-1.vpce-svc-…`).
    public var serviceName: String?
    /// `available`, `pending`…
    public var state: String?
    /// Route tables a gateway endpoint adds its route to.
    public var routeTableIDs: [String]
    /// Subnets of a GWLB or interface endpoint.
    public var subnetIDs: [String]
    /// Security groups of an interface endpoint.
    public var groupIDs: [String]
    /// The endpoint's ENIs.
    public var networkInterfaceIDs: [String]
    /// Tags.
    public var tags: [Tag]

    /// True for a Gateway Load Balancer endpoint.
    public var isGatewayLoadBalancer: Bool { vpcEndpointType?.lowercased() == "gatewayloadbalancer" }

    /// Creates an endpoint.
    public init(vpcEndpointID: String, vpcEndpointType: String? = nil, vpcID: String? = nil, serviceName: String? = nil,
                state: String? = nil, routeTableIDs: [String] = [], subnetIDs: [String] = [], groupIDs: [String] = [],
                networkInterfaceIDs: [String] = [], tags: [Tag] = []) {
        self.vpcEndpointID = vpcEndpointID
        self.vpcEndpointType = vpcEndpointType
        self.vpcID = vpcID
        self.serviceName = serviceName
        self.state = state
        self.routeTableIDs = routeTableIDs
        self.subnetIDs = subnetIDs
        self.groupIDs = groupIDs
        self.networkInterfaceIDs = networkInterfaceIDs
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case vpcEndpointID = "VpcEndpointId", vpcEndpointType = "VpcEndpointType", vpcID = "VpcId"
        case serviceName = "ServiceName", state = "State", routeTableIDs = "RouteTableIds", subnetIDs = "SubnetIds"
        case groups = "Groups", networkInterfaceIDs = "NetworkInterfaceIds", tags = "Tags"
    }
    private struct Group: Decodable { var GroupId: String }

    /// Decodes one endpoint of `aws ec2 describe-vpc-endpoints` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vpcEndpointID = try c.decode(String.self, forKey: .vpcEndpointID)
        vpcEndpointType = try c.decodeIfPresent(String.self, forKey: .vpcEndpointType)
        vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        routeTableIDs = try c.decodeIfPresent([String].self, forKey: .routeTableIDs) ?? []
        subnetIDs = try c.decodeIfPresent([String].self, forKey: .subnetIDs) ?? []
        groupIDs = try (c.decodeIfPresent([Group].self, forKey: .groups) ?? []).map(\.GroupId)
        networkInterfaceIDs = try c.decodeIfPresent([String].self, forKey: .networkInterfaceIDs) ?? []
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
