/// Pods grouped by namespace, with each namespace's selector label set worked out once, so a
/// gateway selection is matched namespace by namespace: the namespace part once per namespace, the
/// pod selector only inside the namespaces it admits (pod label sets are built only there).
public struct NamespacedPods: Sendable {
    private struct Group: Sendable {
        var name: String
        var labels: [String: String]
        var members: [Pod]
    }

    private let groups: [Group]

    /// Groups `pods`; `namespaces` supplies the namespace labels (a namespace it lacks gets only the
    /// implicit `projectcalico.org/name`).
    public init(_ pods: [Pod], namespaces: [String: Namespace]) {
        groups = Dictionary(grouping: pods, by: \.namespace).map { name, members in
            Group(name: name, labels: namespaces[name]?.selectorLabels ?? ["projectcalico.org/name": name],
                  members: members)
        }
    }

    /// The pods `matcher` selects, sorted by `namespace/name`. An empty matcher selects nothing.
    public func selected(by matcher: GatewayMatcher) -> [Pod] {
        if matcher.isEmpty { return [] }
        var result: [Pod] = []
        for group in groups {
            if let selector = matcher.namespaceSelector {
                guard selector.matchesNamespace(group.labels) else { continue }
            } else if let client = matcher.clientNamespace, client != group.name {
                continue
            }
            for pod in group.members where matcher.selector?.matches(pod.selectorLabels) ?? true {
                result.append(pod)
            }
        }
        return result.sorted { $0.qualifiedName < $1.qualifiedName }
    }
}
