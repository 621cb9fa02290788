/// The egress annotations of one pod or namespace, reduced to one "egress spec" the way Calico
/// does: a policy name wins over selectors; selectors that fail to parse count as no annotations.
public enum EgressAnnotations: Hashable, Sendable {
    /// The object names an EgressGatewayPolicy.
    case policy(name: String)
    /// The object selects gateways itself.
    case selection(EgressGatewaySelection)
    /// No usable egress annotation.
    case none

    /// `egress.projectcalico.org/egressGatewayPolicy`.
    public static let policyKey = "egress.projectcalico.org/egressGatewayPolicy"
    /// `egress.projectcalico.org/selector`.
    public static let selectorKey = "egress.projectcalico.org/selector"
    /// `egress.projectcalico.org/namespaceSelector`.
    public static let namespaceSelectorKey = "egress.projectcalico.org/namespaceSelector"
    /// `egress.projectcalico.org/maxNextHops`.
    public static let maxNextHopsKey = "egress.projectcalico.org/maxNextHops"

    /// Reduces an object's annotations.
    public init(_ annotations: [String: String]) {
        if let policy = annotations[Self.policyKey], !policy.isEmpty {
            self = .policy(name: policy)
            return
        }
        let selector = annotations[Self.selectorKey]
        let namespaceSelector = annotations[Self.namespaceSelectorKey]
        guard selector != nil || namespaceSelector != nil else {
            self = .none
            return
        }
        // Calico ignores every egress annotation of the object when a selector does not parse.
        for text in [selector, namespaceSelector].compactMap({ $0 }) where (try? Selector(text)) == nil {
            self = .none
            return
        }
        var hops = 0
        if let text = annotations[Self.maxNextHopsKey], let value = Int32(text), value > 0 {
            hops = Int(value)
        }
        self = .selection(EgressGatewaySelection(namespaceSelector: namespaceSelector, selector: selector, maxNextHops: hops))
    }
}
