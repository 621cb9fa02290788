import LPM

/// One EgressGatewayPolicy with, per rule, the gateways it selects, and who uses the policy.
public struct PolicySummary: Hashable, Sendable {
    /// The policy.
    public var policy: EgressGatewayPolicy
    /// Its rules, in spec order.
    public var rules: [RuleSummary]
    /// Who uses it: namespaces whose annotation names it, and `namespace/pod` for pods that name it
    /// themselves (outside such namespaces), sorted.
    public var usedBy: [String]
    /// How many pods use it.
    public var podCount: Int
}

/// One rule of a policy with the gateways its selectors choose.
public struct RuleSummary: Hashable, Sendable {
    /// The rule's position in the spec, from 0.
    public var index: Int
    /// The rule.
    public var rule: EgressGatewayRule
    /// The destination it routes (`0.0.0.0/0` when it has none).
    public var cidr: IPPrefix
    /// The gateways its selectors choose (`namespace/name`), ready or not; empty without a gateway.
    public var gateways: [String]
    /// How many of them are ready.
    public var readyCount: Int
    /// The selector error, when a selector does not parse.
    public var selectorError: String?

    /// A short text of the gateway selection: `ns: SEL / pods: SEL`, or nil without a gateway.
    public var gatewayText: String? {
        guard let gateway = rule.gateway else { return nil }
        return "ns: \(gateway.namespaceSelector ?? "-") / pods: \(gateway.selector ?? "-")"
    }
}
