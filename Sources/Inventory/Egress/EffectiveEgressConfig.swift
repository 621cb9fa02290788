/// Which egress configuration applies to a pod, after Calico's precedence rules.
public enum EffectiveEgressConfig: Hashable, Sendable {
    /// Which object's annotation the configuration came from.
    public enum Origin: String, Hashable, Sendable {
        /// The pod's own annotation.
        case pod
        /// The pod's namespace's annotation.
        case namespace
    }

    /// An existing EgressGatewayPolicy applies.
    case policy(EgressGatewayPolicy, origin: Origin)
    /// A policy is named (by the pod or namespace) but none of the named ones exists: every
    /// egress-marked packet is dropped.
    case missingPolicy(name: String, origin: Origin)
    /// Selector annotations apply: a one-rule policy `0.0.0.0/0` through the selected gateways.
    case selection(EgressGatewaySelection, origin: Origin)
    /// No egress gateway: traffic is routed normally.
    case none

    /// Works out the configuration for `pod` in `namespace` under `support`, exactly as Calico's
    /// precedence goes: a policy anywhere beats a selector anywhere; the pod beats its namespace
    /// only between annotations of the same kind; pod annotations count only in
    /// `EnabledPerNamespaceOrPerPod`.
    public static func resolve(pod: Pod, namespace: Namespace?, support: EgressIPSupport,
                               policies: [String: EgressGatewayPolicy]) -> EffectiveEgressConfig {
        if support == .disabled { return .none }
        return resolve(podSpec: support == .enabledPerNamespaceOrPerPod ? EgressAnnotations(pod.metadata.annotations) : .none,
                       namespaceSpec: namespace.map { EgressAnnotations($0.metadata.annotations) } ?? .none,
                       support: support, policies: policies)
    }

    /// The same precedence on annotations already reduced (pod annotations are passed as `.none`
    /// when the support mode ignores them).
    public static func resolve(podSpec: EgressAnnotations, namespaceSpec: EgressAnnotations, support: EgressIPSupport,
                               policies: [String: EgressGatewayPolicy]) -> EffectiveEgressConfig {
        if support == .disabled { return .none }
        if case .policy(let name) = podSpec, let policy = policies[name] { return .policy(policy, origin: .pod) }
        if case .policy(let name) = namespaceSpec, let policy = policies[name] { return .policy(policy, origin: .namespace) }
        if case .policy(let name) = podSpec { return .missingPolicy(name: name, origin: .pod) }
        if case .policy(let name) = namespaceSpec { return .missingPolicy(name: name, origin: .namespace) }
        if case .selection(let selection) = podSpec { return .selection(selection, origin: .pod) }
        if case .selection(let selection) = namespaceSpec { return .selection(selection, origin: .namespace) }
        return .none
    }

    /// The policy's name for policy configurations (existing or missing).
    public var policyName: String? {
        switch self {
        case .policy(let policy, _): return policy.name
        case .missingPolicy(let name, _): return name
        case .selection, .none: return nil
        }
    }
}
