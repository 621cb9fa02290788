import Inventory

/// The route target type a path leaves the VPC through, as `bytesByPath` and `--by path` name it.
public enum TrafficPathType: String, Hashable, Sendable, CaseIterable, Comparable {
    case internetGateway = "internet-gateway"
    case natGateway = "nat-gateway"
    case gatewayLoadBalancerEndpoint = "gateway-load-balancer-endpoint"
    case transitGateway = "transit-gateway"
    case vpcPeering = "vpc-peering"
    case local
    /// A target outside the documented types (virtual private gateway, ENI, instance), or no route.
    case other

    /// The type of a VPC route target; nil (no route) is `other`.
    public init(_ target: RouteTarget?) {
        switch target {
        case .internetGateway?: self = .internetGateway
        case .natGateway?: self = .natGateway
        case .vpcEndpoint?: self = .gatewayLoadBalancerEndpoint
        case .transitGateway?: self = .transitGateway
        case .peering?: self = .vpcPeering
        case .local?: self = .local
        default: self = .other
        }
    }

    /// Orders as `allCases` lists the types.
    public static func < (lhs: TrafficPathType, rhs: TrafficPathType) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// What `gatewatch traffic --by` keys rows by.
public enum TrafficGrouping: String, Hashable, Sendable, CaseIterable {
    case namespace
    case gateway
    case egressIP = "egress-ip"
    case rule
    case destination
    case path
}
