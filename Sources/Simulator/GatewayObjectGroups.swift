import Inventory
import LPM

/// The object-groups `gatewatch export asa-objects` and `fmc-dynamic-objects` write: one per set
/// of egress gateways that a policy rule or a selector annotation selects, named
/// `EGW-<namespace>-<name>` after the EgressGateway or Deployment that owns the pods, plus
/// `EGW-<namespace>-<name>-PUBLIC` when the gateways have Elastic IPs.
///
/// A selection that picks pods of several EgressGateways or Deployments contributes to each of
/// their groups. Every selected pod with an IP counts, ready or not: a firewall must already
/// permit a gateway that is still starting. Groups come by namespace and name, a set's private
/// group before its `-PUBLIC` group; members by address.
public struct GatewayObjectGroups: Sendable {
    /// The groups, by namespace and name (a set's private group before its `-PUBLIC` group).
    public let groups: [GatewayObjectGroup]

    /// Computes the groups of `simulation`'s Snapshot.
    public init(simulation: Simulation) {
        self.init(context: simulation.context)
    }

    /// The group named `name`, if the current gateways make one.
    public func group(named name: String) -> GatewayObjectGroup? {
        groups.first { $0.name == name }
    }

    /// The group holding `address`, private or public, if any.
    public func group(containing address: IPAddress) -> GatewayObjectGroup? {
        groups.first { $0.members.contains(address) }
    }

    /// The private-address groups of the gateways that rule `index` of `policy` selects.
    func privateGroups(policy: String, rule index: Int) -> [GatewayObjectGroup] {
        let label = "policy \(policy) rule #\(index)"
        return groups.filter { $0.addresses == .private && $0.usedBy.contains(label) }
    }

    private struct SetKey: Hashable, Comparable {
        let namespace: String
        let gateway: String
        static func < (lhs: SetKey, rhs: SetKey) -> Bool {
            (lhs.namespace, lhs.gateway) < (rhs.namespace, rhs.gateway)
        }
    }

    private struct GatewaySet {
        var owner: GatewayObjectGroup.Owner
        var usedBy: [String] = []
        var addresses = Set<IPAddress>()
        var publicAddresses = Set<IPAddress>()
    }

    init(context: SimulationContext) {
        let snapshot = context.snapshot
        var selections: [(label: String, pods: [Pod])] = []
        for policy in snapshot.cluster.policies.sorted(by: { $0.name < $1.name }) {
            for (index, rule) in policy.rules.enumerated() where rule.gateway != nil {
                selections.append(("policy \(policy.name) rule #\(index)", context.ruleGateways(policy.name, index)))
            }
        }
        var annotated: [String: [Pod]] = [:]
        for (key, pods) in context.selectionGateways { annotated[key.clientNamespace, default: []] += pods }
        for namespace in annotated.keys.sorted() {
            selections.append(("selector annotations in namespace \(namespace)", annotated[namespace] ?? []))
        }
        let egressGateways = Set(snapshot.cluster.egressGateways.compactMap { gateway in
            gateway.metadata.namespace.map { SetKey(namespace: $0, gateway: gateway.metadata.name) }
        })
        var sets: [SetKey: GatewaySet] = [:]
        for (label, pods) in selections {
            for pod in pods {
                guard let address = pod.podIP else { continue }
                let record = snapshot.gatewaysByQualifiedName[pod.qualifiedName]
                let key = SetKey(namespace: pod.namespace, gateway: record?.deployment ?? pod.name)
                let owner: GatewayObjectGroup.Owner = egressGateways.contains(key) ? .egressGateway
                    : (record?.deployment != nil ? .deployment : .pod)
                var set = sets[key] ?? GatewaySet(owner: owner)
                if !set.usedBy.contains(label) { set.usedBy.append(label) }
                set.addresses.insert(address)
                if let eip = record?.elasticIP ?? snapshot.elasticIPsByPrivateIP[address]?.publicIP {
                    set.publicAddresses.insert(eip)
                }
                sets[key] = set
            }
        }
        var groups: [GatewayObjectGroup] = []
        for key in sets.keys.sorted() {
            guard let set = sets[key] else { continue }
            groups.append(GatewayObjectGroup(
                name: GatewayObjectGroup.name(namespace: key.namespace, gateway: key.gateway, addresses: .private),
                addresses: .private, namespace: key.namespace, gateway: key.gateway, owner: set.owner,
                usedBy: set.usedBy, members: set.addresses.sorted()))
            if !set.publicAddresses.isEmpty {
                groups.append(GatewayObjectGroup(
                    name: GatewayObjectGroup.name(namespace: key.namespace, gateway: key.gateway, addresses: .public),
                    addresses: .public, namespace: key.namespace, gateway: key.gateway, owner: set.owner,
                    usedBy: set.usedBy, members: set.publicAddresses.sorted()))
            }
        }
        self.groups = groups
    }
}
