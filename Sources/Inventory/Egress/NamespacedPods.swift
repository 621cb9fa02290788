/// Pods grouped by namespace, with each namespace's selector label set worked out once, so a
/// gateway selection is matched namespace by namespace: the namespace part once per namespace, the
/// pod selector only inside the namespaces it admits (pod label sets are built only there).
///
/// A namespace selector that requires a label value (`projectcalico.org/name == 'egw'`, alone or
/// inside `&&`) only looks at the namespaces with that value, found in an index, instead of all.
public struct NamespacedPods: Sendable {
    private struct Group: Sendable {
        var name: String
        var labels: [String: String]
        /// Positions in `pods`.
        var members: [Int]
    }

    /// The pods, shared with the caller's array (positions index it; nothing is copied).
    private var pods: [Pod]
    private var groups: [Group]
    /// Label key → value → the groups whose namespace has that label value.
    private let groupsByLabel: [String: [String: [Int]]]
    /// Namespace name → its group.
    private let groupByName: [String: Int]

    /// Groups `pods`; `namespaces` supplies the namespace labels (a namespace it lacks gets only the
    /// implicit `projectcalico.org/name`).
    public init(_ pods: [Pod], namespaces: [String: Namespace]) {
        self.init(pods, positions: Array(pods.indices), namespaces: namespaces)
    }

    /// Groups the pods at `positions` in `pods` (the others are not candidates).
    public init(_ pods: [Pod], positions: [Int], namespaces: [String: Namespace]) {
        self.pods = pods
        let groups = Dictionary(grouping: positions, by: { pods[$0].namespace }).map { name, members in
            Group(name: name, labels: namespaces[name]?.selectorLabels ?? ["projectcalico.org/name": name],
                  members: members)
        }
        var index: [String: [String: [Int]]] = [:]
        for (position, group) in groups.enumerated() {
            for (key, value) in group.labels { index[key, default: [:]][value, default: []].append(position) }
        }
        self.groups = groups
        groupsByLabel = index
        groupByName = Dictionary(groups.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// These groups over `pods`, which hold the same pods (names, namespaces) at the same positions,
    /// changed in place: a pod event's new pod values without grouping the cluster again.
    public func replacing(pods: [Pod]) -> NamespacedPods {
        var copy = self
        copy.pods = pods
        return copy
    }

    /// Makes the pod at `position` of the pods (given with `replacing(pods:)`) a member too: a pod
    /// that became a candidate, such as one given its address. False, changing nothing, when its
    /// namespace has no members yet (the label index would change): group the pods again then.
    public mutating func insert(position: Int) -> Bool {
        guard let group = groupByName[pods[position].namespace] else { return false }
        if !groups[group].members.contains(position) { groups[group].members.append(position) }
        return true
    }

    /// Takes the member at `position`, a pod of `namespace`, out: a pod removed, or one that is no
    /// longer a candidate (it lost its address). Its group stays, perhaps empty (an empty group
    /// selects nothing).
    public mutating func remove(position: Int, namespace: String) {
        guard let group = groupByName[namespace], let slot = groups[group].members.firstIndex(of: position) else { return }
        groups[group].members.remove(at: slot)
    }

    /// Records that the member at `from` is now at `to` of the pods (given with
    /// `replacing(pods:)`): a pod the store moved into a removed pod's position.
    public mutating func move(from: Int, to: Int) {
        guard let group = groupByName[pods[to].namespace], let slot = groups[group].members.firstIndex(of: from) else { return }
        groups[group].members[slot] = to
    }

    /// The pods `matcher` selects, sorted by `namespace/name`. An empty matcher selects nothing.
    public func selected(by matcher: GatewayMatcher) -> [Pod] {
        selectedPositions(by: matcher).map { pods[$0] }
    }

    /// The positions in the pods array of the pods `matcher` selects, sorted by `namespace/name`.
    func selectedPositions(by matcher: GatewayMatcher) -> [Int] {
        if matcher.isEmpty { return [] }
        var result: [(name: String, position: Int)] = []
        for index in candidateGroups(matcher) {
            let group = groups[index]
            if let selector = matcher.namespaceSelector {
                guard selector.matchesNamespace(group.labels) else { continue }
            } else if let client = matcher.clientNamespace, client != group.name {
                continue
            }
            for position in group.members where matcher.selector?.matches(pods[position].selectorLabels) ?? true {
                result.append((pods[position].qualifiedName, position))
            }
        }
        return result.sorted { $0.name < $1.name }.map(\.position)
    }

    /// The groups worth evaluating: those holding a label value the namespace selector requires
    /// (a superset of the matches, each still evaluated), else every group.
    private func candidateGroups(_ matcher: GatewayMatcher) -> [Int] {
        if let selector = matcher.namespaceSelector, let (label, value) = selector.expression.requiredLabelValue {
            return groupsByLabel[label]?[value] ?? []
        }
        if matcher.namespaceSelector == nil, let client = matcher.clientNamespace {
            return groupByName[client].map { [$0] } ?? []
        }
        return Array(groups.indices)
    }
}

extension SelectorExpression {
    /// A label value every match must have: the expression is `label == value`, or an `&&` with
    /// such an operand.
    var requiredLabelValue: (label: String, value: String)? {
        switch self {
        case .equals(let label, let value):
            return (label, value)
        case .and(let operands):
            for operand in operands {
                if let required = operand.requiredLabelValue { return required }
            }
            return nil
        default:
            return nil
        }
    }
}
