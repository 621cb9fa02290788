/// Everything read from the Kubernetes API (or a bundle's `cluster/`), as lists.
public struct ClusterState: Hashable, Sendable {
    /// Namespaces.
    public var namespaces: [Namespace]
    /// Pods in every namespace.
    public var pods: [Pod]
    /// Nodes.
    public var nodes: [Node]
    /// Calico IP pools.
    public var ipPools: [IPPool]
    /// Calico IP reservations.
    public var ipReservations: [IPReservation]
    /// Egress gateway policies.
    public var policies: [EgressGatewayPolicy]
    /// Calico IPAM blocks.
    public var ipamBlocks: [IPAMBlock]
    /// Calico block affinities.
    public var blockAffinities: [BlockAffinity]
    /// Felix configurations (`default` and per node).
    public var felixConfigurations: [FelixConfiguration]
    /// Operator EgressGateway resources.
    public var egressGateways: [EgressGateway]

    /// Creates a cluster state; every list defaults to empty.
    public init(namespaces: [Namespace] = [], pods: [Pod] = [], nodes: [Node] = [], ipPools: [IPPool] = [],
                ipReservations: [IPReservation] = [], policies: [EgressGatewayPolicy] = [], ipamBlocks: [IPAMBlock] = [],
                blockAffinities: [BlockAffinity] = [], felixConfigurations: [FelixConfiguration] = [],
                egressGateways: [EgressGateway] = []) {
        self.namespaces = namespaces
        self.pods = pods
        self.nodes = nodes
        self.ipPools = ipPools
        self.ipReservations = ipReservations
        self.policies = policies
        self.ipamBlocks = ipamBlocks
        self.blockAffinities = blockAffinities
        self.felixConfigurations = felixConfigurations
        self.egressGateways = egressGateways
    }

    /// The cluster's egress support mode from the `default` FelixConfiguration (Disabled when absent).
    public var egressIPSupport: EgressIPSupport {
        felixConfigurations.first { $0.name == "default" }?.egressIPSupport ?? .disabled
    }
}
