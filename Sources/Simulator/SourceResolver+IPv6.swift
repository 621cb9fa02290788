import Inventory
import LPM

extension SourceResolver {
    /// The IPv6 source of packets that bypass the gateways, leaving `pod` directly: its own IPv6
    /// address, or its node's when the pod's IPv6 pool masquerades (natOutgoing) and the node has
    /// one; nil when the pod has no IPv6 address (the trace then drops the packet: egress gateways
    /// carry IPv4 only). The path leaves through the subnet holding the address, else the node's.
    func ipv6Source(leaving pod: Pod) -> PreparedSource? {
        guard let ip = pod.ipv6Address else { return nil }
        let node = pod.nodeName.flatMap { nodes[$0] }
        let nodeIPv6 = node?.internalIPs.first { $0.family == .v6 }
        var path = TracePath(gateway: nil, sourceIP: nil, verdict: .allow)
        let pool = pools.value(for: ip)
        if let pool, pool.natOutgoing, let nodeIPv6 {
            path.sourceIP = nodeIPv6
            attachNetwork(&path, source: nodeIPv6)
            return prepared((path, TracePhase(.source, .ok, .leavesNode(reason: .natOutgoing(pool: pool.name),
                                                                       node: node?.name, nodeIP: nodeIPv6))))
        }
        path.sourceIP = ip
        attachNetwork(&path, source: subnets.value(for: ip) != nil ? ip : (nodeIPv6 ?? ip))
        return prepared((path, TracePhase(.source, .ok, .leavesPod(ip: ip, pool: pool?.name))))
    }
}
