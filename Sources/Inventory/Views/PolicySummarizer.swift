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

        return cluster.policies.map { policy in
            let rules = policy.rules.enumerated().map { index, rule in
                summarize(rule, index: index, namespaces: namespaces, gateways: gateways)
            }
            let users = (namespaceUsers[policy.name] ?? []).union(podUsers[policy.name] ?? [])
            return PolicySummary(policy: policy, rules: rules, usedBy: users.sorted(), podCount: podCounts[policy.name] ?? 0)
        }
        .sorted { $0.policy.name < $1.policy.name }
    }

    static func summarize(_ rule: EgressGatewayRule, index: Int, namespaces: [String: Namespace],
                          gateways: [EgressGatewayRecord]) -> RuleSummary {
        var summary = RuleSummary(index: index, rule: rule, cidr: rule.effectiveDestination, gateways: [], readyCount: 0,
                                  selectorError: nil)
        guard let selection = rule.gateway else { return summary }
        do {
            let matcher = try GatewayMatcher(selection)
            let selected = gateways.filter { matcher.matches($0.pod, in: namespaces[$0.namespace]) }
            summary.gateways = selected.map(\.qualifiedName)
            summary.readyCount = selected.filter(\.ready).count
        } catch {
            summary.selectorError = error.description
        }
        return summary
    }
}
