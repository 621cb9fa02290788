import Inventory
import LPM

/// Works out the address a packet leaves a gateway with, and the subnet and ENI it leaves from:
/// the SOURCE phase for one gateway, which depends on the gateway alone.
struct SourceResolver: Sendable {
    let pools: CompiledPrefixTable<IPPool>
    let subnets: CompiledPrefixTable<Subnet>
    let nodes: [String: Node]
    let networkInterfaces: [IPAddress: String]
    let elasticIPs: [IPAddress: ElasticIP]
    let routeTables: [String: PreparedRouteTable]
    let filters: PreparedPathFilters

    init(snapshot: Snapshot, pools: CompiledPrefixTable<IPPool>, subnets: CompiledPrefixTable<Subnet>,
         routeTables: [String: PreparedRouteTable], filters: PreparedPathFilters) {
        self.pools = pools
        self.subnets = subnets
        self.routeTables = routeTables
        self.filters = filters
        nodes = snapshot.nodesByName
        networkInterfaces = snapshot.networkInterfaceByPrivateIP
        elasticIPs = snapshot.elasticIPsByPrivateIP
    }

    /// The path through `gateway` up to the VPC route, and its SOURCE phase.
    /// The source of packets leaving through `gateway`, with what routing needs about it.
    func source(through gateway: Pod) -> PreparedSource {
        prepared(path(through: gateway))
    }

    /// The source of packets that bypass the gateways, leaving `pod` directly.
    func source(leaving pod: Pod, hypothetical: Bool, defaultPool: IPPool?) -> PreparedSource {
        prepared(path(leaving: pod, hypothetical: hypothetical, defaultPool: defaultPool))
    }

    func prepared(_ start: (path: TracePath, phase: TracePhase)) -> PreparedSource {
        let groups: PreparedSource.Filter<PreparedSecurityGroupSet>
        if !filters.securityGroupsRead {
            groups = .notRead
        } else if let set = start.path.networkInterface.flatMap({ filters.byInterface[$0] }) {
            groups = .known(set)
        } else {
            groups = .unknown
        }
        let acl: PreparedSource.Filter<PreparedNetworkAcl>
        if !filters.networkAclsRead {
            acl = .notRead
        } else if let prepared = start.path.subnet.flatMap({ filters.bySubnet[$0] }) {
            acl = .known(prepared)
        } else {
            acl = .unknown
        }
        return PreparedSource(path: start.path, phase: start.phase, routeTable: start.path.subnet.flatMap { routeTables[$0] },
                              elasticIP: start.path.sourceIP.flatMap { elasticIPs[$0]?.publicIP },
                              securityGroups: groups, networkAcl: acl)
    }

    func path(through gateway: Pod) -> (path: TracePath, phase: TracePhase) {
        let traceGateway = TraceGateway(namespace: gateway.namespace, name: gateway.name, ip: gateway.podIP,
                                        node: gateway.nodeName, ready: gateway.isActive)
        var path = TracePath(gateway: traceGateway, sourceIP: gateway.podIP, verdict: .allow)
        guard let ip = gateway.podIP else {
            return (path, TracePhase(.source, .fail, .gatewayWithoutIP(gateway: gateway.qualifiedName)))
        }
        guard let pool = pools.value(for: ip) else {
            attachNetwork(&path, source: ip)
            return (path, TracePhase(.source, .warn, .gatewayOutsidePools(ip: ip)))
        }
        if pool.natOutgoing, let node = gateway.nodeName.flatMap({ nodes[$0] }), let nodeIP = node.internalIPs.first {
            path.sourceIP = nodeIP
            attachNetwork(&path, source: nodeIP)
            return (path, TracePhase(.source, .ok, .hostIPMode(pool: pool.name, node: node.name, nodeIP: nodeIP)))
        }
        attachNetwork(&path, source: ip)
        let note = TraceNote.leavesGateway(gateway: gateway.name, ip: ip, pool: pool.name, awsBacked: pool.isAWSBacked,
                                           subnet: path.subnet, eni: path.networkInterface,
                                           elasticIP: elasticIPs[ip]?.publicIP)
        return (path, TracePhase(.source, pool.isAWSBacked ? .ok : .warn, note))
    }

    /// The path of a packet that bypasses the gateways, leaving from `pod`'s node, and its SOURCE
    /// phase. A hypothetical pod (no IP) is taken to get its address from `defaultPool`.
    func path(leaving pod: Pod, hypothetical: Bool, defaultPool: IPPool?) -> (path: TracePath, phase: TracePhase) {
        let node = pod.nodeName.flatMap { nodes[$0] }
        var path = TracePath(gateway: nil, sourceIP: nil, verdict: .allow)
        let senderPool = pod.podIP.flatMap { pools.value(for: $0) } ?? (hypothetical ? defaultPool : nil)
        if senderPool?.natOutgoing == true || pod.podIP == nil, let nodeIP = node?.internalIPs.first {
            path.sourceIP = nodeIP
            attachNetwork(&path, source: nodeIP)
            let reason: TraceNote.BypassSource = senderPool.map { .natOutgoing(pool: $0.name) } ?? .noPodIP
            return (path, TracePhase(.source, .ok, .leavesNode(reason: reason, node: node?.name, nodeIP: nodeIP)))
        }
        guard let ip = pod.podIP else {
            return (path, TracePhase(.source, .warn, .sourceUnknown))
        }
        path.sourceIP = ip
        // A pod address leaves through its node's network interface and subnet.
        attachNetwork(&path, source: node?.internalIPs.first ?? ip)
        return (path, TracePhase(.source, .ok, .leavesPod(ip: ip, pool: senderPool?.name)))
    }

    /// Fills in the subnet and ENI of `source`.
    func attachNetwork(_ path: inout TracePath, source: IPAddress) {
        path.subnet = subnets.value(for: source)?.subnetID
        path.networkInterface = networkInterfaces[source]
    }
}

/// A gateway pod as traces use it, prepared once per Snapshot: its identity, readiness, and the
/// source it leaves with. A class, so the lists of candidates share it instead of copying pods.
final class GatewayCandidate: Sendable {
    let qualifiedName: String
    let nodeName: String?
    let isActive: Bool
    let trace: TraceGateway
    let source: PreparedSource

    init(_ pod: Pod, resolver: SourceResolver) {
        qualifiedName = pod.qualifiedName
        nodeName = pod.nodeName
        isActive = pod.isActive
        source = resolver.source(through: pod)
        trace = source.path.gateway ?? TraceGateway(namespace: pod.namespace, name: pod.name, ip: pod.podIP,
                                                    node: pod.nodeName, ready: pod.isActive)
    }
}

/// A sending pod prepared once per Snapshot: its egress configuration and POD phase.
///
/// The fields every trace reads (the names a `SenderIndex` confirms, the egress configuration,
/// the bypass path, the node) come first, so that they share the object's first cache lines with
/// its reference count; the pod and its phase, read when a trace is described, come after.
final class SenderInfo: Sendable {
    /// The pod's name and namespace, kept apart from `pod` so a lookup confirms them and a trace
    /// reads them without copying the pod.
    let name: String
    let namespace: String
    /// The configuration reduced to what a trace needs, with the policy prepared.
    let egress: Egress
    /// The path when the packet bypasses the gateways, worked out ahead for existing pods.
    let bypass: PreparedSource?
    let nodeName: String?
    /// True for a pod that does not exist.
    let hypothetical: Bool
    /// `namespace/name`, or `namespace/<hypothetical>`.
    let label: String
    let phase: TracePhase
    /// The POD phase's name, outcome and code, read by every described trace.
    let phaseOutline: PhaseOutline
    let pod: Pod

    /// The egress configuration as a trace uses it. The cases a trace rarely meets are boxed, so
    /// that the configuration takes a word or two in the sender.
    enum Egress: Sendable {
        case none
        indirect case missingPolicy(name: String, origin: EffectiveEgressConfig.Origin)
        indirect case selection(EgressGatewaySelection, origin: EffectiveEgressConfig.Origin)
        case policy(PreparedPolicy)
    }

    init(pod: Pod, label: String, hypothetical: Bool = false, config: EffectiveEgressConfig, phase: TracePhase,
         bypass: PreparedSource? = nil, policies: [String: PreparedPolicy]) {
        self.pod = pod
        self.label = label
        self.hypothetical = hypothetical
        self.phase = phase
        phaseOutline = PhaseOutline(name: phase.name, outcome: phase.outcome, code: phase.code)
        self.bypass = bypass
        name = pod.name
        namespace = pod.namespace
        nodeName = pod.nodeName
        switch config {
        case .none: egress = .none
        case .missingPolicy(let name, let origin): egress = .missingPolicy(name: name, origin: origin)
        case .selection(let selection, let origin): egress = .selection(selection, origin: origin)
        case .policy(let policy, let origin):
            egress = policies[policy.name].map(Egress.policy) ?? .missingPolicy(name: policy.name, origin: origin)
        }
    }
}
