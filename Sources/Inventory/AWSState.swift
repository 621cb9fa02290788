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
    /// Security groups.
    public var securityGroups: [SecurityGroup] = []
    /// Network ACLs.
    public var networkAcls: [NetworkAcl] = []
    /// Managed prefix lists (without their entries).
    public var managedPrefixLists: [ManagedPrefixList] = []
    /// The entries of managed prefix lists, each naming its list.
    public var prefixListEntries: [PrefixListEntry] = []
    /// VPC endpoints (Gateway Load Balancer, gateway, interface).
    public var vpcEndpoints: [VpcEndpoint] = []
    /// Transit gateway attachments.
    public var transitGatewayAttachments: [TransitGatewayAttachment] = []
    /// Transit gateway route tables.
    public var transitGatewayRouteTables: [TransitGatewayRouteTable] = []
    /// The attachments associated with each transit gateway route table.
    public var transitGatewayRouteTableAssociations: [TransitGatewayRouteTableAssociation] = []
    /// The routes of transit gateway route tables, each naming its table.
    public var transitGatewayRoutes: [TransitGatewayRoute] = []
    /// Egress-only internet gateways.
    public var egressOnlyInternetGateways: [EgressOnlyInternetGateway] = []
    /// The network limits of the instance types in use.
    public var instanceTypes: [InstanceTypeInfo] = []

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

    /// Creates an AWS state with the packet-path resources as well; every list defaults to empty.
    public init(vpcs: [Vpc] = [], subnets: [Subnet] = [], subnetCidrReservations: [SubnetCidrReservation] = [],
                elasticIPs: [ElasticIP] = [], networkInterfaces: [NetworkInterface] = [], instances: [Instance] = [],
                routeTables: [RouteTable] = [], natGateways: [NatGateway] = [], securityGroups: [SecurityGroup],
                networkAcls: [NetworkAcl] = [], managedPrefixLists: [ManagedPrefixList] = [],
                prefixListEntries: [PrefixListEntry] = [], vpcEndpoints: [VpcEndpoint] = [],
                transitGatewayAttachments: [TransitGatewayAttachment] = [],
                transitGatewayRouteTables: [TransitGatewayRouteTable] = [],
                transitGatewayRouteTableAssociations: [TransitGatewayRouteTableAssociation] = [],
                transitGatewayRoutes: [TransitGatewayRoute] = [],
                egressOnlyInternetGateways: [EgressOnlyInternetGateway] = [], instanceTypes: [InstanceTypeInfo] = []) {
        self.init(vpcs: vpcs, subnets: subnets, subnetCidrReservations: subnetCidrReservations, elasticIPs: elasticIPs,
                  networkInterfaces: networkInterfaces, instances: instances, routeTables: routeTables,
                  natGateways: natGateways)
        self.securityGroups = securityGroups
        self.networkAcls = networkAcls
        self.managedPrefixLists = managedPrefixLists
        self.prefixListEntries = prefixListEntries
        self.vpcEndpoints = vpcEndpoints
        self.transitGatewayAttachments = transitGatewayAttachments
        self.transitGatewayRouteTables = transitGatewayRouteTables
        self.transitGatewayRouteTableAssociations = transitGatewayRouteTableAssociations
        self.transitGatewayRoutes = transitGatewayRoutes
        self.egressOnlyInternetGateways = egressOnlyInternetGateways
        self.instanceTypes = instanceTypes
    }

    /// The entries of one managed prefix list, in the order they were read.
    public func entries(ofPrefixList prefixListID: String) -> [PrefixListEntry] {
        prefixListEntries.filter { $0.prefixListID == prefixListID }
    }

    /// The routes of one transit gateway route table.
    public func routes(ofTransitGatewayRouteTable routeTableID: String) -> [TransitGatewayRoute] {
        transitGatewayRoutes.filter { $0.transitGatewayRouteTableID == routeTableID }
    }

    /// The network limits of an instance type, when read.
    public func instanceType(named name: String) -> InstanceTypeInfo? {
        instanceTypes.first { $0.instanceType == name }
    }
}
