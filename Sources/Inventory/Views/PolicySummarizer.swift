import LPM

/// Summarizes each policy: the gateways each rule selects and the workloads that use it.
enum PolicySummarizer {
    static func summaries(cluster: ClusterState, namespaces: [String: Namespace], policies: [String: EgressGatewayPolicy],
                          gateways: [EgressGatewayRecord]) -> [PolicySummary] {
        let support = cluster.egressIPSupport
        var namespaceUsers: [String: Set<String>] = [:]
        var podUsers: [String: Set<String>] = [:]
        var podCounts: [String: Int] = [:]
        for namespace in cluster.namespaces where support != .disabled {
            if case .policy(let name) = EgressAnnotations(namespace.metadata.annotations) {
                namespaceUsers[name, default: []].insert(namespace.name)
            }
        }
        for pod in cluster.pods where !pod.isFinished {
            let config = EffectiveEgressConfig.resolve(pod: pod, namespace: namespaces[pod.namespace],
                                                       support: support, policies: policies)
            guard case .policy(let policy, let origin) = config else { continue }
            podCounts[policy.name, default: 0] += 1
            if origin == .pod && !(namespaceUsers[policy.name]?.contains(pod.namespace) ?? false) {
                podUsers[policy.name, default: []].insert(pod.qualifiedName)
            }
        }

        var matched: [EgressGatewaySelection: (gateways: [String], ready: Int, error: String?)] = [:]
        let index = GatewaySet(gateways: gateways, namespaces: namespaces)
        return cluster.policies.map { policy in
            let rules = policy.rules.enumerated().map { position, rule in
                summarize(rule, index: position, gateways: index, cache: &matched)
            }
            let users = (namespaceUsers[policy.name] ?? []).union(podUsers[policy.name] ?? [])
            return PolicySummary(policy: policy, rules: rules, usedBy: users.sorted(), podCount: podCounts[policy.name] ?? 0)
        }
        .sorted { $0.policy.name < $1.policy.name }
    }

    /// One rule's summary; `cache` holds the gateways of selections already matched (many rules
    /// share a selection, and maxNextHops does not change which pods match).
    static func summarize(_ rule: EgressGatewayRule, index: Int, gateways: GatewaySet,
                          cache: inout [EgressGatewaySelection: (gateways: [String], ready: Int, error: String?)]) -> RuleSummary {
        var summary = RuleSummary(index: index, rule: rule, cidr: rule.effectiveDestination, gateways: [], readyCount: 0,
                                  selectorError: nil)
        guard let selection = rule.gateway else { return summary }
        let key = EgressGatewaySelection(namespaceSelector: selection.namespaceSelector, selector: selection.selector)
        if cache[key] == nil {
            do {
                let selected = gateways.selected(by: try GatewayMatcher(key))
                cache[key] = (selected.map(\.qualifiedName), selected.filter(\.ready).count, nil)
            } catch {
                cache[key] = ([], 0, error.description)
            }
        }
        if let known = cache[key] {
            summary.gateways = known.gateways
            summary.readyCount = known.ready
            summary.selectorError = known.error
        }
        return summary
    }
}

/// The discovered gateways as `NamespacedPods`, so a rule's selection yields its gateway records.
struct GatewaySet {
    /// The gateways' pods, at the gateways' positions.
    private let pods: NamespacedPods
    private let records: [EgressGatewayRecord]

    init(gateways: [EgressGatewayRecord], namespaces: [String: Namespace]) {
        pods = NamespacedPods(gateways.map(\.pod), namespaces: namespaces)
        records = gateways
    }

    /// The gateways `matcher` selects, in namespace/name order.
    func selected(by matcher: GatewayMatcher) -> [EgressGatewayRecord] {
        pods.selectedPositions(by: matcher).map { records[$0] }
    }
}
