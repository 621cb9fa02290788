/// The gateways grouped by namespace, with each namespace's selector labels worked out once, so a
/// selection is matched namespace by namespace instead of gateway by gateway.
struct GatewayIndex {
    private let byNamespace: [(name: String, labels: [String: String], gateways: [(EgressGatewayRecord, [String: String])])]

    init(gateways: [EgressGatewayRecord], namespaces: [String: Namespace]) {
        let grouped = Dictionary(grouping: gateways, by: \.namespace)
        byNamespace = grouped.keys.sorted().map { name in
            let labels = namespaces[name]?.selectorLabels ?? ["projectcalico.org/name": name]
            return (name, labels, (grouped[name] ?? []).map { ($0, $0.pod.selectorLabels) })
        }
    }

    /// The gateways `matcher` selects, in namespace/name order.
    func selected(by matcher: GatewayMatcher) -> [EgressGatewayRecord] {
        var result: [EgressGatewayRecord] = []
        for namespace in byNamespace {
            if let selector = matcher.namespaceSelector {
                guard selector.matchesNamespace(namespace.labels) else { continue }
            } else if let client = matcher.clientNamespace, client != namespace.name {
                continue
            }
            for (gateway, labels) in namespace.gateways where matcher.selector?.matches(labels) ?? true {
                result.append(gateway)
            }
        }
        return result
    }
}
