/// The kinds of object a bundle holds, one per model list of `ClusterState` and `AWSState`, plus
/// the firewall configuration texts and `gatewatch.yaml`. The raw values are stable: the history
/// journal stores them.
public enum BundleObjectKind: String, CaseIterable, Hashable, Sendable {
    /// A Kubernetes Namespace.
    case namespace = "Namespace"
    /// A Kubernetes Node.
    case node = "Node"
    /// A Kubernetes Pod.
    case pod = "Pod"
    /// A Calico IPPool.
    case ipPool = "IPPool"
    /// A Calico IPReservation.
    case ipReservation = "IPReservation"
    /// A Calico EgressGatewayPolicy.
    case policy = "EgressGatewayPolicy"
    /// A Calico IPAMBlock.
    case ipamBlock = "IPAMBlock"
    /// A Calico BlockAffinity.
    case blockAffinity = "BlockAffinity"
    /// A Calico FelixConfiguration.
    case felixConfiguration = "FelixConfiguration"
    /// An operator EgressGateway.
    case egressGateway = "EgressGateway"
    /// An EC2 VPC.
    case vpc = "Vpc"
    /// An EC2 subnet.
    case subnet = "Subnet"
    /// An EC2 subnet CIDR reservation.
    case subnetCidrReservation = "SubnetCidrReservation"
    /// An EC2 Elastic IP.
    case elasticIP = "Address"
    /// An EC2 network interface.
    case networkInterface = "NetworkInterface"
    /// An EC2 instance.
    case instance = "Instance"
    /// An EC2 route table.
    case routeTable = "RouteTable"
    /// An EC2 NAT gateway.
    case natGateway = "NatGateway"
    /// An EC2 security group.
    case securityGroup = "SecurityGroup"
    /// An EC2 network ACL.
    case networkAcl = "NetworkAcl"
    /// An EC2 managed prefix list.
    case managedPrefixList = "PrefixList"
    /// One entry of a managed prefix list; its key starts with the list's id.
    case prefixListEntry = "PrefixListEntry"
    /// An EC2 VPC endpoint.
    case vpcEndpoint = "VpcEndpoint"
    /// A transit gateway attachment.
    case transitGatewayAttachment = "TransitGatewayAttachment"
    /// A transit gateway route table.
    case transitGatewayRouteTable = "TransitGatewayRouteTable"
    /// A transit gateway route table association; its key starts with the route table's id.
    case transitGatewayRouteTableAssociation = "TransitGatewayRouteTableAssociation"
    /// A transit gateway route; its key starts with the route table's id.
    case transitGatewayRoute = "TransitGatewayRoute"
    /// An egress-only internet gateway.
    case egressOnlyInternetGateway = "EgressOnlyInternetGateway"
    /// An EC2 instance type's limits.
    case instanceType = "InstanceType"
    /// A firewall configuration file (`show running-config` text); its key is its bundle path.
    case firewallConfig = "FirewallConfig"
    /// `gatewatch.yaml`; its key is `gatewatch.yaml`.
    case gatewatchConfig = "GatewatchConfig"
}
