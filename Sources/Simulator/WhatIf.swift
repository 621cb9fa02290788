import Inventory
import LPM

/// A group of pods whose effective egress configuration (before and after) and node give the same
/// trace outcomes, so one representative pod stands for all of them.
public struct WorkloadClass: Hashable, Sendable {
    /// The namespaces of its pods, sorted.
    public var namespaces: [String]
    /// How many pods it holds.
    public var podCount: Int
    /// The pod traced for the class.
    public var representative: String
    /// The node, when the outcome depends on it (PreferNodeLocal, or node-IP masquerading).
    public var node: String?

    /// `payments, checkout (12 pods) on node-a`.
    public var label: String {
        namespaces.joined(separator: ", ") + " (\(podCount) pod\(podCount == 1 ? "" : "s"))" + (node.map { " on \($0)" } ?? "")
    }
}

/// One outcome that differs between the current and the candidate configuration.
public struct WhatIfChange: Hashable, Sendable {
    /// Who sends.
    public var workloadClass: WorkloadClass
    /// The destination of interest.
    public var destination: IPPrefix
    /// The address traced for it.
    public var probe: IPAddress
    /// What changes, one phrase each (`gateway a → b`, `firewall permit line 7 → deny (implicit)`).
    public var differences: [String]
    /// The verdict before.
    public var before: TraceVerdict
    /// The verdict after.
    public var after: TraceVerdict
}

/// The result of a what-if: every changed outcome, and how much was compared.
public struct WhatIfReport: Hashable, Sendable {
    /// The workload classes compared.
    public var classes: [WorkloadClass]
    /// The destinations of interest.
    public var destinations: [IPPrefix]
    /// How many (class, destination) pairs were compared.
    public var comparisons: Int
    /// The changed outcomes, by class then destination.
    public var changes: [WhatIfChange]
}

/// Compares every (workload class × destination of interest) outcome before and after a change of
/// policies and/or firewall configuration, and reports only what changes.
public struct WhatIf: Sendable {
    let before: Tracer
    let after: Tracer

    /// Prepares a comparison of `before` and `after` (the same cluster with candidate policies or
    /// firewall configuration).
    public init(before: Snapshot, after: Snapshot) {
        let base = Simulation(snapshot: before)
        let candidate = Simulation(snapshot: after)
        // A candidate that only changes policies is prepared from the base, not from scratch.
        candidate.derive(from: base)
        self.init(before: base.tracer, after: candidate.tracer)
    }

    /// A comparison of two prepared tracers, each as it was prepared (see `Simulation.whatIf`,
    /// which prepares a policy-only candidate from its base).
    public init(before: Tracer, after: Tracer) {
        self.before = before
        self.after = after
    }

    /// Runs the comparison. Destinations of interest are every rule CIDR of both versions, every
    /// destination the firewalls' ACEs name, and `extraDestinations`.
    ///
    /// Incremental (the default): only the (class, destination) pairs the candidate can affect are
    /// traced on both sides — for a policy, the classes using it and the destinations whose rule
    /// changes; for a firewall configuration, AWS objects or lost gateways (`WhatIfFootprint`), the
    /// pairs whose current decision meets a changed firewall, security group, subnet ACL or route
    /// table, transit gateway route or gateway. `incremental: false` traces every pair; the
    /// changes are the same either way (only `comparisons` differs).
    public func compare(extraDestinations: [IPPrefix] = [], port: UInt16? = nil, ipProtocol: UInt8 = 6,
                        incremental: Bool = true) -> WhatIfReport {
        let classes = workloadClasses()
        let destinations = destinationsOfInterest(extra: extraDestinations)
        let probes = WhatIf.probes(for: destinations)
        // Candidate firewall configs, AWS objects (`whatif --aws`) or lost gateways (`--fail`).
        let footprint = WhatIfFootprint(before: before.snapshot, after: after.snapshot)
        let interfaces = before.snapshot.networkInterfacesByID
        var changes: [WhatIfChange] = []
        var comparisons = 0
        var ruleChanges: [String: [Int]] = [:]
        for entry in classes {
            let configBefore = before.snapshot.effectiveEgressConfig(for: entry.pod)
            let configAfter = after.snapshot.effectiveEgressConfig(for: entry.pod)
            let policyChanged = configBefore != configAfter
            // Only policies, firewall files, AWS objects and gateway readiness differ between the
            // two sides: a class whose configuration is the same on both sides cannot change
            // unless one of the others did.
            if incremental && !policyChanged && footprint.isEmpty { continue }
            var selected: [Int]
            if !incremental || footprint.everything {
                selected = Array(probes.indices)
            } else {
                var chosen = [Bool](repeating: false, count: probes.count)
                if policyChanged {
                    for index in changedProbes(configBefore, configAfter, probes: probes, cache: &ruleChanges)
                        ?? Array(probes.indices) { chosen[index] = true }
                }
                if !footprint.isEmpty {
                    // Where the rule is the same on both sides, the path up to the changed object is
                    // too: the current decision says whether the pair meets it. Where the packet
                    // departs from (the sender found once per class) rules most pairs out first,
                    // and settles them when only sources can meet the change.
                    let sender = try? before.resolveSender(entry.sender)
                    for index in probes.indices where !chosen[index] {
                        if let sender {
                            let departure = before.depart(sender, destination: probes[index]).1
                            guard footprint.mayTouch(departure, destination: probes[index], interfaces: interfaces) else {
                                continue
                            }
                            if footprint.touchesSourcesOnly {
                                chosen[index] = true
                                continue
                            }
                        }
                        let query = TraceQuery(sender: entry.sender, destination: probes[index], destinationPort: port,
                                               ipProtocol: ipProtocol)
                        if let decision = try? before.decide(query) {
                            chosen[index] = footprint.touches(decision, interfaces: interfaces)
                        } else {
                            chosen[index] = true
                        }
                    }
                }
                selected = probes.indices.filter { chosen[$0] }
            }
            for index in selected {
                let (destination, probe) = (destinations[index], probes[index])
                comparisons += 1
                let query = TraceQuery(sender: entry.sender, destination: probe, destinationPort: port, ipProtocol: ipProtocol)
                guard let old = try? before.trace(query), let new = try? after.trace(query) else { continue }
                let differences = WhatIf.differences(old, new, beforeHits: before.hitCount, afterHits: after.hitCount)
                if !differences.isEmpty {
                    changes.append(WhatIfChange(workloadClass: entry.workloadClass, destination: destination, probe: probe,
                                                differences: differences, before: old.verdict, after: new.verdict))
                }
            }
        }
        return WhatIfReport(classes: classes.map(\.workloadClass), destinations: destinations, comparisons: comparisons,
                            changes: WhatIf.grouped(changes))
    }

    /// The probes whose outcome can differ for a class that uses the same-named policy on both
    /// sides: those for which the two versions pick different rules (the cluster is the same on
    /// both sides, so the same rule means the same gateways, source and route). Nil when the class's
    /// configuration is not such a pair, and every probe must be traced.
    private func changedProbes(_ old: EffectiveEgressConfig, _ new: EffectiveEgressConfig, probes: [IPAddress],
                               cache: inout [String: [Int]]) -> [Int]? {
        guard case .policy(let oldPolicy, let oldOrigin) = old, case .policy(let newPolicy, let newOrigin) = new,
              oldOrigin == newOrigin, oldPolicy.name == newPolicy.name else { return nil }
        if let known = cache[oldPolicy.name] { return known }
        let oldTable = before.context.policies[oldPolicy.name]?.ruleTable
        let newTable = after.context.policies[newPolicy.name]?.ruleTable
        let changed = probes.indices.filter { index in
            let oldRule = oldTable?.value(for: probes[index]).map { oldPolicy.rules[$0] }
            let newRule = newTable?.value(for: probes[index]).map { newPolicy.rules[$0] }
            return oldRule != newRule
        }
        cache[oldPolicy.name] = changed
        return changed
    }

    // MARK: - Workload classes

    struct ClassEntry {
        var workloadClass: WorkloadClass
        var pod: Pod
        var sender: TraceQuery.Sender
    }

    private func workloadClasses() -> [ClassEntry] {
        let snapshot = before.snapshot
        /// A pod's configurations on both sides, named rather than held: within one Snapshot a
        /// policy name stands for one policy, so pods group as by the configurations themselves,
        /// without hashing policies 10,000 times.
        struct Resolved {
            var key: ConfigPair
            var prefersLocal: Bool
        }
        struct Key: Hashable {
            var configs: ConfigPair
            var node: String?
        }
        func resolve(_ pod: Pod) -> Resolved {
            let configBefore = snapshot.effectiveEgressConfig(for: pod)
            let configAfter = after.snapshot.effectiveEgressConfig(for: pod)
            return Resolved(key: ConfigPair(before: ConfigID(configBefore), after: ConfigID(configAfter)),
                            prefersLocal: WhatIf.prefersLocal(configBefore) || WhatIf.prefersLocal(configAfter))
        }
        // Pods without egress annotations of their own take their namespace's configuration.
        var byNamespace: [String: Resolved] = [:]
        var groups: [Key: [Pod]] = [:]
        var order: [Key] = []
        let pods = snapshot.cluster.pods
        let names = pods.map(\.qualifiedName)
        // In `namespace/name` order, sorting positions rather than pods.
        for position in names.indices.sorted(by: { names[$0] < names[$1] }) {
            let pod = pods[position]
            guard !pod.isFinished, !pod.hostNetwork, snapshot.gatewaysByQualifiedName[names[position]] == nil else { continue }
            let resolved: Resolved
            if pod.metadata.annotations.isEmpty || EgressAnnotations(pod.metadata.annotations) == .none {
                if let known = byNamespace[pod.namespace] {
                    resolved = known
                } else {
                    resolved = resolve(pod)
                    byNamespace[pod.namespace] = resolved
                }
            } else {
                resolved = resolve(pod)
            }
            let masquerades = pod.podIP.flatMap { before.context.pools.value(for: $0)?.natOutgoing } ?? false
            // The node, when the outcome depends on it: a PreferNodeLocal rule on either side, or
            // a pool that masquerades bypassing traffic to the node's address.
            let key = Key(configs: resolved.key, node: masquerades || resolved.prefersLocal ? pod.nodeName : nil)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(pod)
        }
        return order.compactMap { key in
            guard let pods = groups[key], let first = pods.first else { return nil }
            let namespaces = Array(Set(pods.map(\.namespace))).sorted()
            return ClassEntry(
                workloadClass: WorkloadClass(namespaces: namespaces, podCount: pods.count, representative: first.qualifiedName,
                                             node: key.node),
                pod: first, sender: .pod(namespace: first.namespace, name: first.name))
        }
    }

    /// True for a policy with a PreferNodeLocal rule.
    private static func prefersLocal(_ config: EffectiveEgressConfig) -> Bool {
        if case .policy(let policy, _) = config { return policy.rules.contains { $0.gatewayPreference == .preferNodeLocal } }
        return false
    }

    /// An egress configuration by name (see `workloadClasses`).
    private enum ConfigID: Hashable {
        case policy(String, EffectiveEgressConfig.Origin)
        case other(EffectiveEgressConfig)

        init(_ config: EffectiveEgressConfig) {
            if case .policy(let policy, let origin) = config { self = .policy(policy.name, origin) } else { self = .other(config) }
        }
    }

    /// The configurations of one pod before and after.
    private struct ConfigPair: Hashable {
        var before: ConfigID
        var after: ConfigID
    }

    // MARK: - Destinations

    private func destinationsOfInterest(extra: [IPPrefix]) -> [IPPrefix] {
        var set = Set(extra)
        for snapshot in [before.snapshot, after.snapshot] {
            for policy in snapshot.cluster.policies {
                for rule in policy.rules { set.insert(rule.effectiveDestination) }
            }
        }
        set.formUnion(before.firewalls.destinations)
        set.formUnion(after.firewalls.destinations)
        return set.filter { $0.family == .v4 }.sorted()
    }

    /// For each destination, an address inside it that no more specific destination covers (so the
    /// probe exercises that destination's own rule), or its first address when all are covered.
    public static func probes(for destinations: [IPPrefix]) -> [IPAddress] {
        // In table order (by network address, shorter first), the prefixes inside a destination
        // are the ones right after it up to the first that is not inside: one pass each, where
        // asking a prefix table for the prefixes inside every destination scanned them all.
        let sorted = Array(Set(destinations)).sorted()
        var position: [IPPrefix: Int] = [:]
        position.reserveCapacity(sorted.count)
        for (index, prefix) in sorted.enumerated() { position[prefix] = index }
        return destinations.map { destination in
            guard case .v4(let network) = destination.address, let at = position[destination] else {
                return destination.address
            }
            var stop = at + 1
            while stop < sorted.count, destination.contains(sorted[stop]) { stop += 1 }
            let inner = sorted[(at + 1)..<stop]
            let last = UInt64(network.value) + destination.addressCount - 1
            // Prefer a host address (.1) over the network address when the prefix allows.
            var candidate = UInt64(network.value) + (destination.length <= 30 ? 1 : 0)
            var guardCount = 0
            while candidate <= last, guardCount <= inner.count {
                let address = IPAddress.v4(IPv4Address(UInt32(candidate)))
                guard let covering = inner.first(where: { $0.contains(address) }),
                      case .v4(let end) = covering.lastAddress else { return address }
                candidate = UInt64(end.value) + 1
                guardCount += 1
            }
            return destination.address
        }
    }

    /// Merges the changes that read the same (destination and differences) across classes, so the
    /// report says "namespaces a, b → D: …" once.
    static func grouped(_ changes: [WhatIfChange]) -> [WhatIfChange] {
        struct Key: Hashable {
            var destination: IPPrefix
            var differences: [String]
        }
        var merged: [Key: WhatIfChange] = [:]
        var order: [Key] = []
        for change in changes {
            let key = Key(destination: change.destination, differences: change.differences)
            if var existing = merged[key] {
                existing.workloadClass.namespaces = Array(Set(existing.workloadClass.namespaces + change.workloadClass.namespaces)).sorted()
                existing.workloadClass.podCount += change.workloadClass.podCount
                if existing.workloadClass.node != change.workloadClass.node { existing.workloadClass.node = nil }
                merged[key] = existing
            } else {
                merged[key] = change
                order.append(key)
            }
        }
        return order.compactMap { merged[$0] }.sorted {
            ($0.workloadClass.namespaces.joined(separator: ","), $0.destination) < ($1.workloadClass.namespaces.joined(separator: ","), $1.destination)
        }
    }

    // MARK: - Differences

    /// What changes between two traces of one packet, one phrase each; a firewall line that
    /// decided carries its hit count when that side has a `show access-list` capture.
    static func differences(_ old: TraceResult, _ new: TraceResult,
                            beforeHits: (TraceFirewall) -> Int? = { _ in nil },
                            afterHits: (TraceFirewall) -> Int? = { _ in nil }) -> [String] {
        var result: [String] = []
        let ruleText = { (trace: TraceResult) -> String in
            guard let rule = trace.rule else { return trace.policy.map { "no rule of \($0)" } ?? "no policy" }
            return "\(trace.policy ?? "selector") #\(rule.index) \(rule.cidr)"
        }
        if ruleText(old) != ruleText(new) { result.append("rule \(ruleText(old)) → \(ruleText(new))") }
        let gateways = { (trace: TraceResult) -> String in
            guard !trace.gateways.isEmpty else { return "none" }
            // Name gateway sets by namespace: "corp-mainframe-egw ×2".
            let byNamespace = Dictionary(grouping: trace.gateways, by: \.namespace)
            return byNamespace.keys.sorted().map { namespace in
                let members = byNamespace[namespace] ?? []
                return members.count == 1 ? "\(namespace)/\(members[0].name)" : "\(namespace) ×\(members.count)"
            }.joined(separator: ", ")
        }
        if gateways(old) != gateways(new) { result.append("gateway \(gateways(old)) → \(gateways(new))") }
        let sources = { (trace: TraceResult) -> String in
            trace.paths.compactMap { $0.sourceIP?.description }.joined(separator: ", ")
        }
        if sources(old) != sources(new), !sources(old).isEmpty || !sources(new).isEmpty {
            result.append("source \(sources(old).isEmpty ? "none" : sources(old)) → \(sources(new).isEmpty ? "none" : sources(new))")
        }
        let firewall = { (trace: TraceResult) -> String in
            guard let fw = trace.firewall else { return "not inspected" }
            return fw.implicit ? "\(fw.action.rawValue) (implicit)" : "\(fw.action.rawValue) line \(fw.line.map(String.init) ?? "?")"
        }
        if firewall(old) != firewall(new) {
            let counted = { (trace: TraceResult, hits: (TraceFirewall) -> Int?) -> String in
                guard let fw = trace.firewall, let count = hits(fw) else { return firewall(trace) }
                return firewall(trace) + " (\(count) hit\(count == 1 ? "" : "s"))"
            }
            result.append("firewall \(counted(old, beforeHits)) → \(counted(new, afterHits))")
        }
        let awsPath = { (trace: TraceResult) -> String in
            trace.paths.compactMap { $0.dropCode?.rawValue }.first ?? "passes"
        }
        if awsPath(old) != awsPath(new) { result.append("AWS path \(awsPath(old)) → \(awsPath(new))") }
        if old.verdict != new.verdict { result.append("verdict \(old.verdict.rawValue) → \(new.verdict.rawValue)") }
        return result
    }
}
