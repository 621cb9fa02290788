/// The per-GB and per-hour prices traffic cost estimates use (USD). Defaults: AWS us-east-1 list
/// prices (docs/traffic.md §4.1); `prices:` in `gatewatch.yaml` overrides any of them.
public struct PriceTable: Hashable, Sendable, Decodable {
    /// NAT gateway data processing, per GB, both directions.
    public var natGatewayPerGB: Double
    /// Data transfer out to the internet, per GB (first tier).
    public var internetEgressPerGB: Double
    /// Inter-AZ transfer, per GB in each direction.
    public var crossAZPerGB: Double
    /// Transit gateway data processing, per GB sent from a VPC.
    public var transitGatewayPerGB: Double
    /// Gateway Load Balancer endpoint data processing, per GB.
    public var gatewayLoadBalancerEndpointPerGB: Double
    /// A public IPv4 address, per hour (not in traffic rows).
    public var publicIPv4PerHour: Double

    /// The us-east-1 list prices.
    public static let usEast1 = PriceTable(natGatewayPerGB: 0.045, internetEgressPerGB: 0.09, crossAZPerGB: 0.01,
                                           transitGatewayPerGB: 0.02, gatewayLoadBalancerEndpointPerGB: 0.0035,
                                           publicIPv4PerHour: 0.005)

    /// A table of the given prices.
    public init(natGatewayPerGB: Double, internetEgressPerGB: Double, crossAZPerGB: Double, transitGatewayPerGB: Double,
                gatewayLoadBalancerEndpointPerGB: Double, publicIPv4PerHour: Double) {
        self.natGatewayPerGB = natGatewayPerGB
        self.internetEgressPerGB = internetEgressPerGB
        self.crossAZPerGB = crossAZPerGB
        self.transitGatewayPerGB = transitGatewayPerGB
        self.gatewayLoadBalancerEndpointPerGB = gatewayLoadBalancerEndpointPerGB
        self.publicIPv4PerHour = publicIPv4PerHour
    }

    private enum CodingKeys: String, CodingKey {
        case natGatewayPerGB, internetEgressPerGB, crossAZPerGB, transitGatewayPerGB, gatewayLoadBalancerEndpointPerGB
        case publicIPv4PerHour
    }

    /// Decodes `prices:`; a key left out keeps its us-east-1 default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PriceTable.usEast1
        natGatewayPerGB = try c.decodeIfPresent(Double.self, forKey: .natGatewayPerGB) ?? d.natGatewayPerGB
        internetEgressPerGB = try c.decodeIfPresent(Double.self, forKey: .internetEgressPerGB) ?? d.internetEgressPerGB
        crossAZPerGB = try c.decodeIfPresent(Double.self, forKey: .crossAZPerGB) ?? d.crossAZPerGB
        transitGatewayPerGB = try c.decodeIfPresent(Double.self, forKey: .transitGatewayPerGB) ?? d.transitGatewayPerGB
        gatewayLoadBalancerEndpointPerGB = try c.decodeIfPresent(Double.self, forKey: .gatewayLoadBalancerEndpointPerGB)
            ?? d.gatewayLoadBalancerEndpointPerGB
        publicIPv4PerHour = try c.decodeIfPresent(Double.self, forKey: .publicIPv4PerHour) ?? d.publicIPv4PerHour
    }
}
