/// Everything read from the EC2 API (or a bundle's `aws/`), as lists.
public struct AWSState: Hashable, Sendable {
    /// VPCs.
    public var vpcs: [Vpc]
    /// Subnets.
    public var subnets: [Subnet]
    /// Subnet CIDR reservations.
    public var subnetCidrReservations: [SubnetCidrReservation]
    /// Elastic IPs.
    public var elasticIPs: [ElasticIP]
    /// Network interfaces.
    public var networkInterfaces: [NetworkInterface]
    /// Instances.
    public var instances: [Instance]
    /// Route tables.
    public var routeTables: [RouteTable]
    /// NAT gateways.
    public var natGateways: [NatGateway]

    /// Creates an AWS state; every list defaults to empty.
    public init(vpcs: [Vpc] = [], subnets: [Subnet] = [], subnetCidrReservations: [SubnetCidrReservation] = [],
                elasticIPs: [ElasticIP] = [], networkInterfaces: [NetworkInterface] = [], instances: [Instance] = [],
                routeTables: [RouteTable] = [], natGateways: [NatGateway] = []) {
        self.vpcs = vpcs
        self.subnets = subnets
        self.subnetCidrReservations = subnetCidrReservations
        self.elasticIPs = elasticIPs
        self.networkInterfaces = networkInterfaces
        self.instances = instances
        self.routeTables = routeTables
        self.natGateways = natGateways
    }
}
