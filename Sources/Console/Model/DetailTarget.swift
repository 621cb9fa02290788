/// Something Enter can open a detail page for.
public enum DetailTarget: Hashable, Sendable {
    /// A gateway pod, by `namespace/name`.
    case gateway(String)
    /// An IP pool, by name.
    case pool(String)
    /// An Elastic IP, by public IP.
    case elasticIP(String)
    /// A policy rule: the policy's name and the rule's index (from 0).
    case rule(policy: String, index: Int)
    /// Any pod, by `namespace/name` (the workloads a trace starts from).
    case pod(String)
    /// A `check` finding, carried whole (findings have no identity of their own).
    case finding(severity: String, code: String, message: String, objects: [String])
    /// An access-control entry of the Rules view.
    case accessControlEntry(RuleEntryReference)
    /// An observed flow (a firewall deny of the Traffic view): Enter traces it from `sender`
    /// (`namespace/pod`; nil when no workload owns it) to `destination` (`IP[:PORT]`) over `proto`.
    case observedFlow(sender: String?, destination: String, proto: String)
}
