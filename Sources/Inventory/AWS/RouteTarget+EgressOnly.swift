/// Egress-only internet gateways (`eigw-…`): IPv6 only, stateful, no security group of their own
/// (docs/aws-path.md §6). Routes name them by `EgressOnlyInternetGatewayId`; `RouteTarget` keeps
/// them as `.other`.
extension RouteTarget {
    /// True when `id` names an egress-only internet gateway.
    public static func isEgressOnlyInternetGateway(_ id: String) -> Bool {
        id.hasPrefix("eigw-")
    }

    /// True for an egress-only internet gateway.
    public var isEgressOnlyInternetGateway: Bool {
        if case .other(let id) = self { return Self.isEgressOnlyInternetGateway(id) }
        return false
    }
}
