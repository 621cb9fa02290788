import LPM

/// Everything a view or a trace needs, as one immutable value: the raw resources from the cluster,
/// AWS and the firewall files, indexes built once, and the derived views (gateways, pool
/// utilization, Elastic IP bindings, policy summaries).
///
/// Live sources build a new Snapshot and publish it; a bundle loads into one; the simulator takes
/// one as input.
public struct Snapshot: Sendable {
    /// Where the data came from.
    public let source: SnapshotSource
    /// Which Snapshot this is (copies share it).
    public internal(set) var identity = SnapshotIdentity.next()
    /// The Snapshot this one was derived from, with the pods changed in place; nil when built whole.
    public internal(set) var derivation: SnapshotDerivation?
    /// The Kubernetes/Calico resources.
    public internal(set) var cluster: ClusterState
    /// The EC2 resources.
    public let aws: AWSState
    /// `gatewatch.yaml`.
    public let config: GatewatchConfig
    /// The firewall configuration files, as text.
    public let firewallConfigs: [FirewallConfigFile]

    // MARK: Indexes

    /// Namespaces by name.
    public let namespacesByName: [String: Namespace]
    /// Nodes by name.
    public let nodesByName: [String: Node]
    /// Policies by name.
    public let policiesByName: [String: EgressGatewayPolicy]
    /// Pods by `namespace/name`.
    public internal(set) var podsByQualifiedName: PodIndex
    /// Pods (not host-network, not finished) by their IP, as host prefixes.
    public internal(set) var podsByIP: PodAddressIndex
    /// Nodes by their internal and external IPs, as host prefixes.
    public let nodesByIP: PrefixTable<String>
    /// IP pools by CIDR.
    public let poolsByCIDR: PrefixTable<IPPool>
    /// Subnets by id.
    public let subnetsByID: [String: Subnet]
    /// Subnets by CIDR.
    public let subnetsByCIDR: PrefixTable<Subnet>
    /// ENIs by id.
    public let networkInterfacesByID: [String: NetworkInterface]
    /// ENI ids by each of their private IPs.
    public let networkInterfaceByPrivateIP: [IPAddress: String]
    /// Instances by id.
    public let instancesByID: [String: Instance]
    /// Elastic IPs by the private IP they are associated with.
    public let elasticIPsByPrivateIP: [IPAddress: ElasticIP]
    /// Elastic IPs by public IP.
    public let elasticIPsByPublicIP: [IPAddress: ElasticIP]

    /// The gateway selections of every policy rule and egress annotation: which pods are gateways.
    internal let gatewayMatchers: Set<GatewayMatcher>

    // MARK: Derived views

    /// The egress gateway pods, sorted by namespace and name.
    public let gateways: [EgressGatewayRecord]
    /// Gateways by `namespace/name`.
    public let gatewaysByQualifiedName: GatewayIndex
    /// Utilization of every IP pool, in pool-name order.
    public let pools: [PoolUtilization]
    /// IPAM blocks that no pool contains (left behind by a deleted or changed pool).
    public let orphanedBlocks: [IPAMBlock]
    /// Every Elastic IP with its binding status, in public-IP order.
    public let elasticIPBindings: [ElasticIPBinding]
    /// Every policy with its rules' gateways and users, in name order.
    public internal(set) var policies: [PolicySummary]
    /// Every gateway drain (client annotations and terminating gateways), in gateway-IP order
    /// (`GatewayDrain.drains(pods:gateways:)`).
    public let gatewayDrains: [GatewayDrain]

    /// Builds a Snapshot and every index and derived view.
    public init(source: SnapshotSource, cluster: ClusterState, aws: AWSState, config: GatewatchConfig = GatewatchConfig(),
                firewallConfigs: [FirewallConfigFile] = []) {
        self.source = source
        self.cluster = cluster
        self.aws = aws
        self.config = config
        self.firewallConfigs = firewallConfigs

        namespacesByName = Dictionary(cluster.namespaces.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        nodesByName = Dictionary(cluster.nodes.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        policiesByName = Dictionary(cluster.policies.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        podsByQualifiedName = PodIndex(cluster.pods)
        podsByIP = PodAddressIndex(cluster.pods)
        var nodeIPs = PrefixTable<String>()
        for node in cluster.nodes {
            for ip in node.internalIPs + node.externalIPs { nodeIPs.insert(node.name, for: IPPrefix(host: ip)) }
        }
        nodesByIP = nodeIPs
        poolsByCIDR = PrefixTable(cluster.ipPools.map { .init(prefix: $0.cidr, value: $0) })
        subnetsByID = Dictionary(aws.subnets.map { ($0.subnetID, $0) }, uniquingKeysWith: { _, last in last })
        subnetsByCIDR = PrefixTable(aws.subnets.flatMap { subnet in
            ([subnet.cidrBlock] + subnet.ipv6CidrBlocks).map { PrefixTable<Subnet>.Entry(prefix: $0, value: subnet) }
        })
        networkInterfacesByID = Dictionary(aws.networkInterfaces.map { ($0.networkInterfaceID, $0) },
                                           uniquingKeysWith: { _, last in last })
        var eniByIP: [IPAddress: String] = [:]
        for eni in aws.networkInterfaces {
            if let primary = eni.privateIPAddress { eniByIP[primary] = eni.networkInterfaceID }
            for address in eni.privateIPAddresses { eniByIP[address.address] = eni.networkInterfaceID }
            for address in eni.ipv6Addresses { eniByIP[address] = eni.networkInterfaceID }
        }
        networkInterfaceByPrivateIP = eniByIP
        instancesByID = Dictionary(aws.instances.map { ($0.instanceID, $0) }, uniquingKeysWith: { _, last in last })
        elasticIPsByPrivateIP = Dictionary(aws.elasticIPs.compactMap { eip in eip.privateIPAddress.map { ($0, eip) } },
                                           uniquingKeysWith: { first, _ in first })
        elasticIPsByPublicIP = Dictionary(aws.elasticIPs.map { ($0.publicIP, $0) }, uniquingKeysWith: { first, _ in first })

        gatewayMatchers = GatewayDiscovery.selectionMatchers(cluster: cluster)
        let gateways = GatewayDiscovery.gateways(
            cluster: cluster, namespaces: namespacesByName, nodes: nodesByName, pools: poolsByCIDR,
            eniByIP: eniByIP, elasticIPsByPrivateIP: elasticIPsByPrivateIP, matchers: gatewayMatchers)
        self.gateways = gateways
        gatewaysByQualifiedName = GatewayIndex(gateways)
        (pools, orphanedBlocks) = PoolUsageCalculator.utilization(
            cluster: cluster, aws: aws, pools: poolsByCIDR, subnetsByID: subnetsByID, gateways: gateways)
        elasticIPBindings = ElasticIPBinder.bindings(aws.elasticIPs, gateways: gateways)
        gatewayDrains = GatewayDrain.drains(pods: cluster.pods, gateways: gateways)
        policies = PolicySummarizer.summaries(
            cluster: cluster, namespaces: namespacesByName, policies: policiesByName, gateways: gateways)
    }

    /// The egress configuration that applies to `pod`.
    public func effectiveEgressConfig(for pod: Pod) -> EffectiveEgressConfig {
        EffectiveEgressConfig.resolve(pod: pod, namespace: namespacesByName[pod.namespace],
                                      support: cluster.egressIPSupport, policies: policiesByName)
    }

    /// The pods selected by `selector`, in namespaces selected by `namespaceSelector` (all
    /// namespaces when nil), sorted by `namespace/name`. Finished pods are left out.
    public func pods(matching selector: Selector, namespaceSelector: Selector? = nil) -> [Pod] {
        cluster.pods.filter { pod in
            guard !pod.isFinished else { return false }
            if let namespaceSelector {
                let labels = namespacesByName[pod.namespace]?.selectorLabels ?? ["projectcalico.org/name": pod.namespace]
                guard namespaceSelector.matchesNamespace(labels) else { return false }
            }
            return selector.matches(pod.selectorLabels)
        }
        .sorted { $0.qualifiedName < $1.qualifiedName }
    }

    /// The firewall that inspects traffic sent to VPC route target `target`, if one is placed there.
    public func firewall(forRouteTarget target: String) -> FirewallPlacement? {
        config.firewalls.first { $0.targets.contains(target) }
    }
}
