/// Decides which pods a gateway selection picks, with selectors parsed once.
///
/// A gateway pod G in namespace NG matches when the namespace part matches NG and the pod selector
/// (if any) matches G's labels. The namespace part is the namespaceSelector evaluated on NG's labels
/// (`global()` selects no pod), or, for annotation configs without one, `NG == client namespace`.
public struct GatewayMatcher: Hashable, Sendable {
    /// The parsed namespace selector, or nil when none was given.
    public let namespaceSelector: Selector?
    /// The parsed pod selector, or nil when none was given (then every pod of the namespaces).
    public let selector: Selector?
    /// The client namespace gateways must live in when no namespaceSelector is given.
    public let clientNamespace: String?

    /// Parses a selection; throws the first selector error.
    public init(_ selection: EgressGatewaySelection, clientNamespace: String? = nil) throws(SelectorParseError) {
        namespaceSelector = try GatewayMatcher.parse(selection.namespaceSelector)
        selector = try GatewayMatcher.parse(selection.selector)
        self.clientNamespace = clientNamespace
    }

    private static func parse(_ text: String?) throws(SelectorParseError) -> Selector? {
        guard let text, !text.isEmpty else { return nil }
        return try Selector(text)
    }

    /// True when neither selector is set: Calico then has no gateway configuration.
    public var isEmpty: Bool { namespaceSelector == nil && selector == nil }

    /// True when a namespaceSelector is set with no pod selector: every pod in the selected
    /// namespaces becomes a gateway (a known misconfiguration).
    public var selectsWholeNamespaces: Bool { namespaceSelector != nil && selector == nil }

    /// True when `pod` (in `namespace`) is selected.
    public func matches(_ pod: Pod, in namespace: Namespace?) -> Bool {
        if isEmpty { return false }
        if let namespaceSelector {
            let labels = namespace?.selectorLabels ?? ["projectcalico.org/name": pod.namespace]
            guard namespaceSelector.matchesNamespace(labels) else { return false }
        } else if let clientNamespace, pod.namespace != clientNamespace {
            return false
        }
        return selector?.matches(pod.selectorLabels) ?? true
    }
}
