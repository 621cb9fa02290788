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
        for pod in cluster.pods {
            guard let use = usage(of: pod, namespaces: namespaces, support: support, policies: policies) else { continue }
            podCounts[use.policy, default: 0] += 1
            if use.origin == .pod && !(namespaceUsers[use.policy]?.contains(pod.namespace) ?? false) {
                podUsers[use.policy, default: []].insert(pod.qualifiedName)
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

    /// The policy `pod` counts for, and where its configuration comes from (its own annotation or
    /// its namespace's); nil when the pod counts for no policy (finished, or not sending through a
    /// policy).
    static func usage(of pod: Pod, namespaces: [String: Namespace], support: EgressIPSupport,
                      policies: [String: EgressGatewayPolicy]) -> (policy: String, origin: EffectiveEgressConfig.Origin)? {
        guard !pod.isFinished else { return nil }
        let config = EffectiveEgressConfig.resolve(pod: pod, namespace: namespaces[pod.namespace], support: support,
                                                   policies: policies)
        guard case .policy(let policy, let origin) = config else { return nil }
        return (policy.name, origin)
    }

    /// `summaries` with `pod` counted once more (`added`) or once less: the same as summarizing
    /// the cluster with the pod added or removed.
    static func counting(_ pod: Pod, added: Bool, in summaries: [PolicySummary], namespaces: [String: Namespace],
                         support: EgressIPSupport, policies: [String: EgressGatewayPolicy]) -> [PolicySummary] {
        guard let use = usage(of: pod, namespaces: namespaces, support: support, policies: policies),
              let position = summaries.firstIndex(where: { $0.policy.name == use.policy }) else { return summaries }
        var summaries = summaries
        summaries[position].podCount += added ? 1 : -1
        // A pod is listed by name when its own annotation names the policy and its namespace is
        // not listed (namespace names have no "/", so they never equal a pod's).
        var users = summaries[position].usedBy
        guard use.origin == .pod, !users.contains(pod.namespace) else { return summaries }
        let name = pod.qualifiedName
        let slot = users.firstIndex { $0 >= name } ?? users.endIndex
        let present = slot < users.endIndex && users[slot] == name
        if added, !present { users.insert(name, at: slot) }
        if !added, present { users.remove(at: slot) }
        summaries[position].usedBy = users
        return summaries
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
