import Inventory
import LPM

/// Pods that take the same egress step and choose the same gateways for every destination: the
/// same egress configuration (a selection counts with the sender's namespace) and, under a
/// PreferNodeLocal rule, the same node. For callers that decide every workload for many
/// destinations (traffic attribution): one decision stands for the class whenever it uses
/// gateways (`TraceDecision.usesGateway`) or has no path.
public struct SenderClass: Hashable, Sendable {
    enum Identity: Hashable, Sendable {
        case none
        case missingPolicy(String)
        case selection(EgressGatewaySelection, namespace: String)
        case policy(ObjectIdentifier)
    }

    let identity: Identity
    let node: String?
}

/// Pods whose path is the same when they bypass the gateways: the same source address, subnet,
/// network interface and node. With the same `SenderClass`, such pods get the same exits for
/// every destination.
public struct BypassClass: Hashable, Sendable {
    let sourceIP: IPAddress?
    let subnet: String?
    let networkInterface: String?
    let node: String?
}

extension Tracer {
    /// The sender class of the pod `namespace/name`; nil for a pod the Snapshot does not hold.
    public func senderClass(namespace: String, name: String) -> SenderClass? {
        guard let sender = context.senders[PodKey(namespace: namespace, name: name)] else { return nil }
        switch sender.egress {
        case .none:
            return SenderClass(identity: .none, node: nil)
        case .missingPolicy(let policy, _):
            return SenderClass(identity: .missingPolicy(policy), node: nil)
        case .selection(let selection, _):
            return SenderClass(identity: .selection(selection, namespace: sender.namespace), node: nil)
        case .policy(let prepared):
            let local = prepared.policy.rules.contains { $0.gatewayPreference == .preferNodeLocal }
            return SenderClass(identity: .policy(ObjectIdentifier(prepared)), node: local ? sender.nodeName : nil)
        }
    }

    /// The bypass class of the pod `namespace/name`; nil for a pod the Snapshot does not hold.
    public func bypassClass(namespace: String, name: String) -> BypassClass? {
        guard let sender = context.senders[PodKey(namespace: namespace, name: name)] else { return nil }
        let path = sender.bypass?.path
        return BypassClass(sourceIP: path?.sourceIP, subnet: path?.subnet, networkInterface: path?.networkInterface,
                           node: sender.nodeName)
    }
}

extension TraceDecision {
    /// True when the packet goes to the gateway step (whether or not a gateway was ready).
    public var usesGateway: Bool { gateway != nil }
}
