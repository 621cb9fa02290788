/// One `BundleObject` per model, encoded as `BundleWriter` writes the model into its bundle file
/// (compact), with annotations Gatewatch does not read left out.
extension BundleObject {
    /// A Namespace, keyed by name.
    public init(_ namespace: Namespace) {
        var copy = namespace
        copy.metadata = Self.kept(copy.metadata)
        self.init(.namespace, namespace.name, KubernetesJSON.namespace(copy))
    }

    /// A Node, keyed by name.
    public init(_ node: Node) {
        var copy = node
        copy.metadata = Self.kept(copy.metadata)
        self.init(.node, node.name, KubernetesJSON.node(copy))
    }

    /// A Pod, keyed by `namespace/name`.
    public init(_ pod: Pod) {
        var copy = pod
        copy.metadata = Self.kept(copy.metadata)
        self.init(.pod, pod.qualifiedName, KubernetesJSON.pod(copy))
    }

    /// An IPPool, keyed by name.
    public init(_ pool: IPPool) { self.init(.ipPool, pool.name, KubernetesJSON.ipPool(pool)) }

    /// An IPReservation, keyed by name.
    public init(_ reservation: IPReservation) {
        self.init(.ipReservation, reservation.name, KubernetesJSON.ipReservation(reservation))
    }

    /// An EgressGatewayPolicy, keyed by name.
    public init(_ policy: EgressGatewayPolicy) { self.init(.policy, policy.name, KubernetesJSON.policy(policy)) }

    /// An IPAMBlock, keyed by its CIDR.
    public init(_ block: IPAMBlock) { self.init(.ipamBlock, block.cidr.description, KubernetesJSON.ipamBlock(block)) }

    /// A BlockAffinity, keyed by `node cidr`.
    public init(_ affinity: BlockAffinity) {
        self.init(.blockAffinity, "\(affinity.node) \(affinity.cidr)", KubernetesJSON.blockAffinity(affinity))
    }

    /// A FelixConfiguration, keyed by name.
    public init(_ configuration: FelixConfiguration) {
        self.init(.felixConfiguration, configuration.name, KubernetesJSON.felixConfiguration(configuration))
    }

    /// An operator EgressGateway, keyed by `namespace/name`.
    public init(_ gateway: EgressGateway) {
        var copy = gateway
        copy.metadata = Self.kept(copy.metadata)
        self.init(.egressGateway, gateway.metadata.qualifiedName, KubernetesJSON.egressGateway(copy))
    }

    /// A VPC, keyed by id.
    public init(_ vpc: Vpc) { self.init(.vpc, vpc.vpcID, AWSJSON.vpc(vpc)) }

    /// A subnet, keyed by id.
    public init(_ subnet: Subnet) { self.init(.subnet, subnet.subnetID, AWSJSON.subnet(subnet)) }

    /// A subnet CIDR reservation, keyed by id.
    public init(_ reservation: SubnetCidrReservation) {
        self.init(.subnetCidrReservation, reservation.reservationID, AWSJSON.cidrReservation(reservation))
    }

    /// An Elastic IP, keyed by allocation id (its public IP when it has none).
    public init(_ elasticIP: ElasticIP) {
        self.init(.elasticIP, elasticIP.allocationID ?? elasticIP.publicIP.description, AWSJSON.elasticIP(elasticIP))
    }

    /// A network interface, keyed by id.
    public init(_ interface: NetworkInterface) {
        self.init(.networkInterface, interface.networkInterfaceID, AWSJSON.networkInterface(interface))
    }

    /// An instance, keyed by id.
    public init(_ instance: Instance) { self.init(.instance, instance.instanceID, AWSJSON.instance(instance)) }

    /// A route table, keyed by id.
    public init(_ table: RouteTable) { self.init(.routeTable, table.routeTableID, AWSJSON.routeTable(table)) }

    /// A NAT gateway, keyed by id.
    public init(_ gateway: NatGateway) { self.init(.natGateway, gateway.natGatewayID, AWSJSON.natGateway(gateway)) }

    /// A security group, keyed by id.
    public init(_ group: SecurityGroup) { self.init(.securityGroup, group.groupID, AWSJSON.securityGroup(group)) }

    /// A network ACL, keyed by id.
    public init(_ acl: NetworkAcl) { self.init(.networkAcl, acl.networkAclID, AWSJSON.networkAcl(acl)) }

    /// A managed prefix list, keyed by id.
    public init(_ list: ManagedPrefixList) {
        self.init(.managedPrefixList, list.prefixListID, AWSJSON.managedPrefixList(list))
    }

    /// A prefix list entry, keyed by `list-id cidr` (the list's id names its bundle file).
    public init(_ entry: PrefixListEntry) {
        self.init(.prefixListEntry, "\(entry.prefixListID) \(entry.cidr)", AWSJSON.prefixListEntry(entry))
    }

    /// A VPC endpoint, keyed by id.
    public init(_ endpoint: VpcEndpoint) {
        self.init(.vpcEndpoint, endpoint.vpcEndpointID, AWSJSON.vpcEndpoint(endpoint))
    }

    /// A transit gateway attachment, keyed by id.
    public init(_ attachment: TransitGatewayAttachment) {
        self.init(.transitGatewayAttachment, attachment.transitGatewayAttachmentID, AWSJSON.transitGatewayAttachment(attachment))
    }

    /// A transit gateway route table, keyed by id.
    public init(_ table: TransitGatewayRouteTable) {
        self.init(.transitGatewayRouteTable, table.transitGatewayRouteTableID, AWSJSON.transitGatewayRouteTable(table))
    }

    /// A transit gateway route table association, keyed by `route-table-id attachment-id`.
    public init(_ association: TransitGatewayRouteTableAssociation) {
        self.init(.transitGatewayRouteTableAssociation,
                  "\(association.transitGatewayRouteTableID) \(association.transitGatewayAttachmentID)",
                  AWSJSON.transitGatewayRouteTableAssociation(association))
    }

    /// A transit gateway route, keyed by `route-table-id destination` (the prefix list id when it has no CIDR).
    public init(_ route: TransitGatewayRoute) {
        let destination = route.destination?.description ?? route.prefixListID ?? ""
        self.init(.transitGatewayRoute, "\(route.transitGatewayRouteTableID) \(destination)", AWSJSON.transitGatewayRoute(route))
    }

    /// An egress-only internet gateway, keyed by id.
    public init(_ gateway: EgressOnlyInternetGateway) {
        self.init(.egressOnlyInternetGateway, gateway.egressOnlyInternetGatewayID, AWSJSON.egressOnlyInternetGateway(gateway))
    }

    /// An instance type's limits, keyed by its name.
    public init(_ type: InstanceTypeInfo) { self.init(.instanceType, type.instanceType, AWSJSON.instanceType(type)) }

    /// The id that names the bundle file of an object of a kind written one file per owner (prefix
    /// list entries, transit gateway associations and routes): the first word of its key.
    var fileOwner: String {
        String(key.prefix { $0 != " " })
    }

    private init(_ kind: BundleObjectKind, _ key: String, _ json: JSONValue) {
        self.init(kind: kind, key: key, contents: json.compactBytes)
    }

    /// `meta` without the annotations Gatewatch does not read.
    private static func kept(_ meta: ObjectMeta) -> ObjectMeta {
        var copy = meta
        copy.annotations = meta.annotations.filter { key, _ in keptAnnotationPrefixes.contains { key.hasPrefix($0) } }
        return copy
    }
}
