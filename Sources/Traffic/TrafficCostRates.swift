import Inventory

/// Dollars per GB (2^30 bytes) for the bytes out of and into the cluster side on one
/// attribution's path (DESIGN.md `traffic -o json`, docs/traffic.md §4.2). The native engine and
/// the generated Athena query both price bytes through these two figures.
public struct TrafficCostRates: Hashable, Sendable {
    /// USD per GB from the cluster side.
    public var outPerGB: Double
    /// USD per GB towards the cluster side.
    public var inPerGB: Double

    /// Bytes per GB.
    public static let bytesPerGB = 1_073_741_824.0

    /// The rates of `attribution`'s path under `prices`: NAT gateway = (out + in) × NAT + out ×
    /// internet egress for public destinations; internet gateway = out × internet egress; GWLB
    /// endpoint = (out + in) × endpoint + out × internet egress for public destinations; transit
    /// gateway = out × TGW; plus 2 × (out + in) × cross-AZ when the path crosses a zone.
    public init(_ attribution: TrafficAttribution, prices: PriceTable) {
        let internet = attribution.publicDestination ? prices.internetEgressPerGB : 0
        switch attribution.path {
        case .natGateway:
            (outPerGB, inPerGB) = (prices.natGatewayPerGB + internet, prices.natGatewayPerGB)
        case .internetGateway:
            (outPerGB, inPerGB) = (prices.internetEgressPerGB, 0)
        case .gatewayLoadBalancerEndpoint:
            (outPerGB, inPerGB) = (prices.gatewayLoadBalancerEndpointPerGB + internet,
                                   prices.gatewayLoadBalancerEndpointPerGB)
        case .transitGateway:
            (outPerGB, inPerGB) = (prices.transitGatewayPerGB, 0)
        case .vpcPeering, .local, .other:
            (outPerGB, inPerGB) = (0, 0)
        }
        if attribution.crossesZone {
            outPerGB += 2 * prices.crossAZPerGB
            inPerGB += 2 * prices.crossAZPerGB
        }
    }

    /// The cost of `out` and `inbound` bytes.
    public func cost(out: UInt64, in inbound: UInt64) -> Double {
        (Double(out) * outPerGB + Double(inbound) * inPerGB) / Self.bytesPerGB
    }
}
