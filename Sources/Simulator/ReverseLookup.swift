import Inventory
import LPM

/// What an address seen at the firewall is, and which workloads can appear with it.
public struct WhoisResult: Hashable, Sendable {
    /// What the address is assigned to.
    public enum Kind: String, Hashable, Sendable {
        case egressGateway = "egress-gateway"
        case elasticIP = "elastic-ip"
        case natGateway = "nat-gateway"
        case node
        case pod
        case unknown

        /// What the address is, as a phrase for people ("the egress gateway", "an Elastic IP").
        public var phrase: String {
            switch self {
            case .egressGateway: return "the egress gateway"
            case .elasticIP: return "an Elastic IP"
            case .natGateway: return "a NAT gateway address"
            case .node: return "a node address"
            case .pod: return "a pod address"
            case .unknown: return "not known to this snapshot"
            }
        }
    }

    /// A policy rule that sends traffic through the gateway.
    public struct RuleReference: Hashable, Sendable {
        /// The policy.
        public var policy: String
        /// The rule's index, from 0.
        public var index: Int
        /// The rule's destination.
        public var cidr: IPPrefix
        /// The rule's description.
        public var description: String?
    }

    /// The address asked about.
    public var ip: IPAddress
    /// What it is.
    public var kind: Kind
    /// The gateway pod it belongs to or leads to, if any.
    public var gateway: EgressGatewayRecord?
    /// The rules that send traffic through that gateway.
    public var rules: [RuleReference]
    /// The namespaces (and `namespace/pod`s) whose traffic can appear with this address.
    public var workloads: [String]
    /// One-line facts: node, pool, subnet, ENI, Elastic IP, NAT gateway.
    public var facts: [String]
}

/// Answers the firewall team's question: which workloads can appear as this source address?
public struct ReverseLookup: Sendable {
    let context: SimulationContext

    /// Prepares lookups on `snapshot`. Where a `Simulation` exists, use its `reverseLookup`.
    public init(snapshot: Snapshot) {
        self = Simulation(snapshot: snapshot).reverseLookup
    }

    init(context: SimulationContext) {
        self.context = context
    }

    /// Looks up `ip`.
    public func whois(_ ip: IPAddress) -> WhoisResult {
        let snapshot = context.snapshot
        var result = WhoisResult(ip: ip, kind: .unknown, gateway: nil, rules: [], workloads: [], facts: [])

        if let gateway = snapshot.gateways.first(where: { $0.ip == ip }) {
            result.kind = .egressGateway
            describe(gateway, into: &result)
            return result
        }
        if let nat = snapshot.aws.natGateways.first(where: { $0.addresses.contains { $0.publicIP == ip || $0.privateIP == ip } }) {
            result.kind = .natGateway
            result.facts.append("NAT gateway \(nat.natGatewayID)" + (nat.subnetID.map { " in subnet \($0)" } ?? "")
                + "; routes to it leave with this address")
            let tables = context.routeTables.filter { $0.value.table.routes.contains { $0.target == .natGateway(nat.natGatewayID) } }
            for subnet in tables.keys.sorted() { result.facts.append("used by subnet \(subnet)") }
            return result
        }
        if let binding = snapshot.elasticIPBindings.first(where: { $0.elasticIP.publicIP == ip }) {
            result.kind = .elasticIP
            result.facts.append("Elastic IP \(binding.elasticIP.allocationID ?? "-"): \(binding.status.rawValue), \(binding.reason)")
            if let name = binding.gateway, let gateway = snapshot.gatewaysByQualifiedName[name] {
                describe(gateway, into: &result)
            }
            return result
        }
        if let node = snapshot.nodesByIP.longestMatch(ip)?.value {
            result.kind = .node
            result.facts.append("node \(node)" + (snapshot.nodesByName[node]?.zone.map { " (\($0))" } ?? ""))
            // Gateways in host-IP mode leave with their node's address.
            let hostMode = snapshot.gateways.filter { gateway in
                gateway.node == node && gateway.ip.flatMap { snapshot.poolsByCIDR.longestMatch($0)?.value.natOutgoing } == true
            }
            if let first = hostMode.first {
                describe(first, into: &result)
                result.facts.append("host-IP mode gateways on this node: " + hostMode.map(\.qualifiedName).joined(separator: ", "))
            }
            let masquerading = snapshot.cluster.pods.filter { pod in
                pod.nodeName == node && !pod.hostNetwork && snapshot.gatewaysByQualifiedName[pod.qualifiedName] == nil && pod.podIP.flatMap { snapshot.poolsByCIDR.longestMatch($0)?.value.natOutgoing } == true
            }
            if !masquerading.isEmpty {
                result.facts.append("\(masquerading.count) pods on this node leave with this address when they bypass the gateways (natOutgoing)")
                result.workloads = Array(Set(result.workloads).union(masquerading.map(\.namespace))).sorted()
            }
            return result
        }
        if let pod = snapshot.podsByIP.longestMatch(ip)?.value {
            result.kind = .pod
            result.facts.append("pod \(pod.qualifiedName)" + (pod.nodeName.map { " on \($0)" } ?? ""))
            result.workloads = [pod.qualifiedName]
        }
        addNetworkFacts(ip, into: &result)
        return result
    }

    private func describe(_ gateway: EgressGatewayRecord, into result: inout WhoisResult) {
        let snapshot = context.snapshot
        result.gateway = gateway
        result.facts.append("gateway \(gateway.qualifiedName) on \(gateway.node ?? "-")" + (gateway.zone.map { " (\($0))" } ?? "")
            + (gateway.ready ? "" : ", NOT READY"))
        if let ip = gateway.ip { addNetworkFacts(ip, into: &result) }
        if let eip = gateway.elasticIP { result.facts.append("Elastic IP \(eip)") }

        var workloads = Set<String>()
        for policy in snapshot.cluster.policies {
            for (index, pods) in (context.policies[policy.name]?.gateways ?? []).enumerated()
            where pods.contains(where: { $0.qualifiedName == gateway.qualifiedName }) {
                let rule = policy.rules[index]
                result.rules.append(.init(policy: policy.name, index: index, cidr: rule.effectiveDestination,
                                          description: rule.description))
                let users = snapshot.policies.first { $0.policy.name == policy.name }?.usedBy ?? []
                workloads.formUnion(users)
            }
        }
        for (key, pods) in context.selectionGateways where pods.contains(where: { $0.qualifiedName == gateway.qualifiedName }) {
            workloads.insert(key.clientNamespace)
        }
        result.workloads = workloads.sorted()
    }

    private func addNetworkFacts(_ ip: IPAddress, into result: inout WhoisResult) {
        let snapshot = context.snapshot
        if let pool = snapshot.poolsByCIDR.longestMatch(ip)?.value {
            result.facts.append("in IP pool \(pool.name) (\(pool.cidr))" + (pool.natOutgoing ? ", natOutgoing" : ""))
        }
        if let subnet = snapshot.subnetsByCIDR.longestMatch(ip)?.value {
            result.facts.append("in subnet \(subnet.subnetID) (\(subnet.cidrBlock)" + (subnet.availabilityZone.map { ", \($0)" } ?? "") + ")")
        }
        if let eni = snapshot.networkInterfaceByPrivateIP[ip] {
            result.facts.append("on ENI \(eni)")
        }
    }
}
