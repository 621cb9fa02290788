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

    private init(_ kind: BundleObjectKind, _ key: String, _ json: BundleJSON) {
        self.init(kind: kind, key: key, contents: json.compactBytes)
    }

    /// `meta` without the annotations Gatewatch does not read.
    private static func kept(_ meta: ObjectMeta) -> ObjectMeta {
        var copy = meta
        copy.annotations = meta.annotations.filter { key, _ in keptAnnotationPrefixes.contains { key.hasPrefix($0) } }
        return copy
    }
}
