import Dispatch
import Firewall
import Inventory
import LPM
import Synchronization

/// Builds a `RulesIndex` (see there for what it means): workload groups → trace decisions per
/// destination region → traffic classes → the entries each class meets.
struct RulesIndexBuilder {
    let context: SimulationContext
    let firewalls: FirewallSet
    let tracer: Tracer
    /// How classes are gathered and walked (the reference is for tests).
    var strategy: Strategy = .indexed

    /// How classes are found, gathered and walked; both give the same index.
    enum Strategy {
        /// Firewall meetings of paths with the same environment found once
        /// (`Tracer.firewallMeetings`); hits summed per decision and region before their classes are looked up
        /// (`RulesClassTable`); a class meets the entries its source admits intersected with those
        /// its destination region reaches, each side indexed once per list; one walk serves every
        /// class of a placement, source signature and region (`RulesListIndex`).
        case indexed
        /// A trace decision per group and region; each hit's classes looked up in turn; each class walks every entry its source admits,
        /// each checked against the region: the straightforward form the indexed one is tested
        /// against.
        case reference
    }

    /// The most classes kept; past it the index says so through `RulesIndex.classes.count` only
    /// (a bound on memory, far above real clusters: classes are per gateway address and region).
    static let maximumClasses = 2_000_000

    // MARK: - Access lists

    /// A destination region with its holes (an index into the builder's hole sets).
    struct RegionKey: Hashable {
        var region: IPPrefix
        var holes: Int
    }

    /// A placement and its applied lists (inbound on its interface, then global).
    struct PlacementLists {
        let placement: FirewallPlacement
        let lists: [RulesListIndex]
        /// Per source address: the signature number of each list, interned (see `signature`).
        var signatureOf: [IPAddress: Int] = [:]
        var signatureNumbers: [[Int]: Int] = [:]

        init(placement: FirewallPlacement, lists: [RulesListIndex]) {
            self.placement = placement
            self.lists = lists
        }

        /// The number standing for `source`'s signatures in every list (sources with the same
        /// number meet the same entries), and those signatures.
        mutating func signature(of source: IPAddress) -> Int {
            if let known = signatureOf[source] { return known }
            let key = lists.map { $0.signature(of: source) }
            let number = signatureNumbers[key] ?? signatureNumbers.count
            signatureNumbers[key] = number
            signatureOf[source] = number
            return number
        }
    }

    // MARK: - Groups and regions

    /// How a group's egress is configured, by identity (prepared objects are shared).
    enum Identity: Hashable {
        case none
        case selection(EgressGatewaySelection, namespace: String)
        case policy(ObjectIdentifier)
    }

    struct GroupKey: Hashable {
        var identity: Identity
        var bypassSource: IPAddress?
        var node: String?
    }

    final class Group {
        let representative: SenderInfo
        var podCount = 0
        var namespaces = Set<String>()
        init(_ representative: SenderInfo) { self.representative = representative }
    }

    /// The destination regions of one identity: sorted prefixes, a probe for each, and the
    /// regions strictly inside each; per region, its number among all regions with holes (into
    /// `RulesClassTable.regions`), whether its probe is local (a pool's or a node's address), and
    /// for a policy, the rule covering the probe.
    struct Regions {
        var prefixes: [IPPrefix]
        var probes: [IPAddress]
        var holes: [Int]
        var slots: [Int]
        var local: [Bool]
        var rules: [Int?]
        /// Per region: its probe's number (probes are numbered across all regions).
        var probeNumbers: [Int]
    }

    /// What a decision's paths reach: the placement, the source seen, the gateway (a number of
    /// `RulesOutcomeNumbers`; -1 when the path bypasses the gateways).
    struct Outcome {
        var placement: Int
        var seen: IPAddress
        var gateway: Int
    }

    /// What a decision depends on besides the probe.
    enum Dependency: Hashable {
        case bypass(IPAddress?)
        case gateways(ObjectIdentifier)
        case localGateways(ObjectIdentifier, node: String?)
        case selection(EgressGatewaySelection, namespace: String)
    }

    // MARK: - Building

    func build() -> RulesIndex {
        let snapshot = context.snapshot
        var placements: [PlacementLists] = []
        var placementIndex: [String: Int] = [:]
        var entryCount = 0
        for placement in snapshot.config.firewalls where placementIndex[placement.name] == nil {
            guard let classifier = firewalls.classifiers[placement.config] else { continue }
            let config = classifier.config
            var seen = Set<String>()
            var lists: [RulesListIndex] = []
            for group in [config.accessGroup(interface: placement.interface, direction: .in), config.globalAccessGroup] {
                guard let group, !seen.contains(group.accessList),
                      let compiled = classifier.accessList(named: group.accessList) else { continue }
                seen.insert(group.accessList)
                let list = RulesListIndex(name: group.accessList, expanded: compiled.expanded,
                                          interface: placement.interface, offset: entryCount)
                entryCount += list.count
                lists.append(list)
            }
            placementIndex[placement.name] = placements.count
            placements.append(PlacementLists(placement: placement, lists: lists))
        }
        guard !placements.isEmpty else { return RulesIndex(entries: [], classes: [], decisionCount: 0) }

        // Workload groups: pods that decide alike.
        var groups: [GroupKey: Group] = [:]
        var groupOrder: [GroupKey] = []
        var prefersLocal: [ObjectIdentifier: Bool] = [:]
        for pod in snapshot.cluster.pods where pod.podIP != nil && !pod.isFinished && !pod.hostNetwork {
            guard let sender = context.senders[PodKey(namespace: pod.namespace, name: pod.name)],
                  snapshot.gatewaysByQualifiedName[sender.label] == nil else { continue }
            let identity: Identity
            var node: String?
            switch sender.egress {
            case .none: identity = .none
            case .missingPolicy: continue  // dropped before any path
            case .selection(let selection, _): identity = .selection(selection, namespace: pod.namespace)
            case .policy(let prepared):
                let id = ObjectIdentifier(prepared)
                identity = .policy(id)
                let local = prefersLocal[id] ?? prepared.policy.rules.contains { $0.gatewayPreference == .preferNodeLocal }
                prefersLocal[id] = local
                if local { node = pod.nodeName }
            }
            let key = GroupKey(identity: identity, bypassSource: sender.bypass?.sourceIP, node: node)
            let group: Group
            if let known = groups[key] {
                group = known
            } else {
                group = Group(sender)
                groups[key] = group
                groupOrder.append(key)
            }
            group.podCount += 1
            group.namespaces.insert(pod.namespace)
        }
        let orderedGroups = groupOrder.compactMap { groups[$0] }
        var table = RulesClassTable(namespaces: orderedGroups.map(\.namespaces))

        // Regions: routes (VPC and transit gateway tables) and, per policy, its rules.
        var routeRegions = Set<IPPrefix>()
        for routeTable in uniqueTables() {
            for entry in routeTable.routes.entries {
                routeRegions.insert(entry.prefix)
                if case .table(_, let tgw)? = entry.value.transitGateway {
                    for route in tgw.routes.entries { routeRegions.insert(route.prefix) }
                }
            }
        }
        var holeSets: [[IPPrefix]: Int] = [:]
        var holeList: [Holes] = []
        var probeNumbers: [IPAddress: Int] = [:]
        func probeNumber(_ probe: IPAddress) -> Int {
            if let known = probeNumbers[probe] { return known }
            probeNumbers[probe] = probeNumbers.count
            return probeNumbers.count - 1
        }
        func regions(_ prefixes: Set<IPPrefix>, policy: PreparedPolicy?) -> Regions {
            let sorted = prefixes.filter { $0.family == .v4 }.sorted()
            var prefixTable = PrefixTable<Bool>()
            for prefix in sorted { prefixTable.insert(true, for: prefix) }
            let holes = sorted.map { prefix -> Int in
                let inner = prefixTable.entries(inside: prefix).map(\.prefix).filter { $0 != prefix }
                if let known = holeSets[inner] { return known }
                holeSets[inner] = holeList.count
                holeList.append(Holes(inner))
                return holeList.count - 1
            }
            let probes = WhatIf.probes(for: sorted)
            let local = probes.map { context.egressExclusions.exclusion(for: $0) != nil }
            return Regions(prefixes: sorted, probes: probes, holes: holes,
                           slots: sorted.indices.map { table.region(RegionKey(region: sorted[$0], holes: holes[$0])) },
                           local: local,
                           rules: probes.indices.map { local[$0] ? nil : policy?.ruleTable.value(for: probes[$0]) },
                           probeNumbers: probes.map(probeNumber))
        }
        let plainRegions = regions(routeRegions, policy: nil)
        var policyRegions: [ObjectIdentifier: Regions] = [:]

        // Decisions, cached by what they depend on; a hit per group and region.
        var decisions: [[Outcome]] = []
        var decisionNumbers: [DecisionKey: Int] = [:]
        var dependencyNumbers: [Dependency: Int] = [:]
        var meetings = Tracer.MeetingMemo()
        var numbers = RulesOutcomeNumbers()
        // Per policy and rule: the nodes with a ready gateway of the rule (PreferNodeLocal keeps
        // those; a sender elsewhere uses every ready gateway, as without the preference).
        var localNodes: [ObjectIdentifier: [Set<String>]] = [:]
        func dependencyNumber(_ dependency: Dependency) -> Int {
            if let known = dependencyNumbers[dependency] { return known }
            dependencyNumbers[dependency] = dependencyNumbers.count
            return dependencyNumbers.count - 1
        }
        for (groupIndex, key) in groupOrder.enumerated() {
            let group = orderedGroups[groupIndex]
            let sender = group.representative
            var prepared: PreparedPolicy?
            let groupRegions: Regions
            var ruleLocalNodes: [Set<String>] = []
            if case .policy(let prepared_) = sender.egress {
                prepared = prepared_
                let id = ObjectIdentifier(prepared_)
                if strategy == .indexed, key.node != nil {
                    if let known = localNodes[id] {
                        ruleLocalNodes = known
                    } else {
                        ruleLocalNodes = prepared_.candidates.map { Set($0.filter(\.isActive).compactMap(\.nodeName)) }
                        localNodes[id] = ruleLocalNodes
                    }
                }
                if let known = policyRegions[id] {
                    groupRegions = known
                } else {
                    let made = regions(routeRegions.union(prepared_.policy.rules.map(\.effectiveDestination)),
                                       policy: prepared_)
                    policyRegions[id] = made
                    groupRegions = made
                }
            } else {
                groupRegions = plainRegions
            }
            // The dependencies this group's decisions can have.
            let bypass = dependencyNumber(.bypass(key.bypassSource))
            var remote = bypass
            var shared = bypass
            var nodeLocal = bypass
            switch key.identity {
            case .none: break
            case .selection(let selection, let namespace):
                remote = dependencyNumber(.selection(selection, namespace: namespace))
            case .policy(let id):
                shared = dependencyNumber(.gateways(id))
                nodeLocal = dependencyNumber(.localGateways(id, node: key.node))
            }
            for index in groupRegions.prefixes.indices {
                let probe = groupRegions.probes[index]
                let local = groupRegions.local[index]
                let rule = groupRegions.rules[index]
                let dependency: Int
                switch key.identity {
                case .none:
                    dependency = bypass
                case .selection:
                    dependency = local ? bypass : remote
                case .policy:
                    if let rule, let policyRule = prepared?.policy.rules[rule], policyRule.gateway != nil {
                        if policyRule.gatewayPreference == .preferNodeLocal {
                            // `indexed`: a node without a ready gateway of the rule decides as
                            // the policy's shared gateways do (the reference decides per node).
                            let keepsLocal = strategy == .reference
                                || (key.node.map { ruleLocalNodes.indices.contains(rule) && ruleLocalNodes[rule].contains($0) }
                                    ?? false)
                            dependency = keepsLocal ? nodeLocal : shared
                        } else {
                            dependency = shared
                        }
                    } else {
                        dependency = bypass
                    }
                }
                let decisionKey = DecisionKey(dependency: dependency, probe: groupRegions.probeNumbers[index])
                let decision: Int
                if let known = decisionNumbers[decisionKey] {
                    decision = known
                } else {
                    decision = decisions.count
                    decisionNumbers[decisionKey] = decision
                    decisions.append(decide(sender, probe: probe, placements: placementIndex, memo: &meetings,
                                            numbers: &numbers))
                }
                table.hit(RulesClassTable.Hit(
                    group: groupIndex, region: groupRegions.slots[index], decision: decision, probe: probe,
                    policy: rule == nil ? nil : prepared?.policy.name, rule: rule),
                    podCount: group.podCount, outcomes: { decisions[decision] }, strategy: strategy)
            }
        }
        table.finish(decisions: decisions)

        // Classes in a stable order, then the access lists they meet.
        let order = table.classes.indices.sorted { a, b in
            let (x, y) = (table.classes[a], table.classes[b])
            if x.placement != y.placement { return x.placement < y.placement }
            if x.seen != y.seen { return x.seen < y.seen }
            let (p, q) = (table.regions[x.region], table.regions[y.region])
            if p.region != q.region { return p.region < q.region }
            return p.holes < q.holes
        }
        // The class records are built on another thread while this one walks (2 cores; the
        // index is built off the UI thread); both read only values fixed by now.
        let records = Mutex<[RulesIndex.TrafficClass]>([])
        let recordsDone = DispatchGroup()
        let finished = table
        let firewallNames = placements.map(\.placement.name)
        let representatives = orderedGroups.map(\.representative.label)
        let gatewayNames = numbers.gatewayNames
        DispatchQueue.global().async(group: recordsDone) {
            let made = order.map { position in
                let found = finished.classes[position]
                return RulesIndex.TrafficClass(
                    firewall: firewallNames[found.placement], namespaces: finished.namespaces(of: position),
                    podCount: found.podCount, representative: representatives[found.group],
                    gateways: finished.gateways(of: position, names: gatewayNames), source: found.seen,
                    destination: finished.regions[found.region].region, probe: found.probe, policy: found.policy,
                    rule: found.rule)
            }
            records.withLock { $0 = made }
        }
        var walks: [WalkKey: Int] = [:]
        walks.reserveCapacity(order.count)
        var walkEntries: [[Int32]] = []
        var classWalks: [Int] = []
        classWalks.reserveCapacity(order.count)
        for position in order {
            let found = table.classes[position]
            let regionKey = table.regions[found.region]
            let signature = placements[found.placement].signature(of: found.seen)
            let walkKey = WalkKey(placement: found.placement, signature: signature, region: found.region)
            let walk: Int
            if strategy == .indexed, let known = walks[walkKey] {
                walk = known
            } else {
                let lists = placements[found.placement].lists
                walk = walkEntries.count
                walkEntries.append(RulesClassWalk.entries(
                    of: lists, source: found.seen, signatures: lists.map { $0.signature(of: found.seen) },
                    region: regionKey.region, holesKey: regionKey.holes, holes: holeList[regionKey.holes],
                    strategy: strategy))
                walks[walkKey] = walk
            }
            classWalks.append(walk)
        }
        var decides: [RulesIndex.Decisions]
        switch strategy {
        case .indexed:
            decides = Self.links(classWalks: classWalks, walkEntries: walkEntries, entryCount: entryCount)
        case .reference:
            var lists = [[RulesIndex.Decision]](repeating: [], count: entryCount)
            for (classIndex, walk) in classWalks.enumerated() {
                for code in walkEntries[walk] {
                    lists[Int(code >> 1)].append(RulesIndex.Decision(classIndex: classIndex, whole: code & 1 == 1))
                }
            }
            decides = lists.map(RulesIndex.Decisions.init)
        }
        recordsDone.wait()
        let result = records.withLock { $0 }

        var entries: [RulesIndex.Entry] = []
        entries.reserveCapacity(entryCount)
        for placement in placements {
            let counts = firewalls.hitCounts[placement.placement.config]
            for list in placement.lists {
                for (index, entry) in list.expanded.entries.enumerated() {
                    entries.append(RulesIndex.Entry(
                        firewall: placement.placement.name, interface: placement.placement.interface,
                        accessList: list.name, line: entry.lineNumber, action: entry.entry.action, text: entry.entry.text,
                        isActive: entry.isActive, timeRange: entry.entry.timeRange,
                        hits: counts?.hits(accessList: list.name, line: entry.lineNumber),
                        decides: decides[list.offset + index]))
                }
            }
        }
        return RulesIndex(entries: entries, classes: result, decisionCount: decisions.count)
    }

    /// Per entry, the classes it decides in class order, from each class's walk (`walkEntries`
    /// codes: entry times 2, plus 1 when it decides all of the class): counted per entry first,
    /// then laid out in two buffers (the entries before and after the middle link, one per
    /// thread), each entry's links a range of its buffer.
    static func links(classWalks: [Int], walkEntries: [[Int32]], entryCount: Int) -> [RulesIndex.Decisions] {
        // Each walk counted once, times the classes sharing it.
        var sharing = [Int](repeating: 0, count: walkEntries.count)
        for walk in classWalks { sharing[walk] += 1 }
        var starts = [Int](repeating: 0, count: entryCount + 1)
        for (walk, codes) in walkEntries.enumerated() where sharing[walk] > 0 {
            for code in codes { starts[Int(code >> 1) + 1] += sharing[walk] }
        }
        for entry in 0..<entryCount { starts[entry + 1] += starts[entry] }
        let middle = starts.firstIndex { $0 >= starts[entryCount] / 2 }.map { min($0, entryCount) } ?? entryCount
        let parts = [0..<middle, middle..<entryCount]
        let laid = Mutex<[[RulesIndex.Decision]]>([[], []])
        let fixedStarts = starts
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            let made = layOut(classWalks: classWalks, walkEntries: walkEntries, starts: fixedStarts, entries: parts[part])
            laid.withLock { $0[part] = made }
        }
        let buffers = laid.withLock { $0 }
        return (0..<entryCount).map { entry in
            let part = entry < middle ? 0 : 1
            let base = starts[parts[part].lowerBound]
            return RulesIndex.Decisions(storage: buffers[part], range: (starts[entry] - base)..<(starts[entry + 1] - base))
        }
    }

    /// The links of `entries` (see `links`), entry after entry from `starts[entries.lowerBound]`.
    /// A walk meets entries in ascending order (lists in order, each in line order), so its codes
    /// for `entries` are one run, found once per walk.
    private static func layOut(classWalks: [Int], walkEntries: [[Int32]], starts: [Int], entries: Range<Int>)
        -> [RulesIndex.Decision] {
        let base = starts[entries.lowerBound]
        let total = starts[entries.upperBound] - base
        var next = starts[entries.lowerBound..<entries.upperBound].map { $0 - base }
        let first = entries.lowerBound
        let runs = walkEntries.map { codes in
            firstCode(in: codes, atLeast: entries.lowerBound)..<firstCode(in: codes, atLeast: entries.upperBound)
        }
        return [RulesIndex.Decision](unsafeUninitializedCapacity: total) { buffer, initialized in
            next.withUnsafeMutableBufferPointer { next in
                for (classIndex, walk) in classWalks.enumerated() {
                    walkEntries[walk].withUnsafeBufferPointer { codes in
                        for code in codes[runs[walk]] {
                            let entry = Int(code >> 1) - first
                            buffer[next[entry]] = RulesIndex.Decision(classIndex: classIndex, whole: code & 1 == 1)
                            next[entry] += 1
                        }
                    }
                }
            }
            initialized = total
        }
    }

    /// The position of the first code in `codes` (ascending by entry) whose entry is `entry` or
    /// later.
    private static func firstCode(in codes: [Int32], atLeast entry: Int) -> Int {
        var low = 0
        var high = codes.count
        while low < high {
            let middle = (low + high) / 2
            if Int(codes[middle] >> 1) < entry { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A decision: what it depends on and the probe (numbers).
    struct DecisionKey: Hashable {
        var dependency: Int
        var probe: Int
    }

    /// A class walk's inputs: the placement, the source's signature and the region (numbers).
    struct WalkKey: Hashable {
        var placement: Int
        var signature: Int
        var region: Int
    }

    /// The route tables in use, each once.
    private func uniqueTables() -> [PreparedRouteTable] {
        var seen = Set<ObjectIdentifier>()
        var tables: [PreparedRouteTable] = []
        for subnet in context.routeTables.keys.sorted() {
            guard let table = context.routeTables[subnet], seen.insert(ObjectIdentifier(table)).inserted else { continue }
            tables.append(table)
        }
        return tables
    }

    /// Where a TCP/443 probe from `sender` to `probe` meets a placed firewall, per path: with
    /// paths of one environment followed once (`indexed`, see `Tracer.MeetingMemo`), or from a
    /// whole trace decision (`reference`).
    private func decide(_ sender: SenderInfo, probe: IPAddress, placements: [String: Int],
                        memo: inout Tracer.MeetingMemo, numbers: inout RulesOutcomeNumbers) -> [Outcome] {
        switch strategy {
        case .indexed:
            let meetings = tracer.firewallMeetings(sender, destination: probe, memo: &memo)
            var reached: [Outcome] = []
            reached.reserveCapacity(meetings.count)
            for meeting in meetings {
                guard let index = numbers.placement(of: meeting.firewall, in: placements) else { continue }
                reached.append(Outcome(placement: index, seen: meeting.seen, gateway: numbers.gateway(of: meeting.source)))
            }
            return reached
        case .reference:
            let query = TraceQuery(sender: .pod(namespace: sender.namespace, name: sender.name), destination: probe,
                                   destinationPort: 443)
            guard let decision = try? tracer.decide(query) else { return [] }
            var reached: [Outcome] = []
            for path in decision.paths {
                guard case .decided(let placed, _, let seen) = path.firewall,
                      let index = placements[placed.placement.name] else { continue }
                reached.append(Outcome(placement: index, seen: seen, gateway: numbers.gateway(of: path.source)))
            }
            return reached
        }
    }

    /// The most element comparisons spent on one class to find entries that earlier ones cover
    /// for it (past it, later entries are taken as reached).
    static let coverageBudget = 512
    /// Entries with more elements than this are never checked for coverage, nor cover others.
    static let maximumCheckedElements = 256

    /// The regions strictly inside a region, for "is this destination inside one of them": the
    /// outermost holes (those no other hole contains) are disjoint, so kept sorted, the only one
    /// that can contain a prefix is the last starting at or before its address.
    struct Holes {
        /// The holes no other hole contains, sorted.
        private let outermost: [IPPrefix]

        init(_ holes: [IPPrefix]) {
            // Sorted, a prefix comes right after the prefixes containing it: a hole inside an
            // earlier one is inside the last one kept.
            var kept: [IPPrefix] = []
            for hole in holes.sorted() {
                if let last = kept.last, last.contains(hole) { continue }
                kept.append(hole)
            }
            outermost = kept
        }

        /// True when there are no holes.
        var isEmpty: Bool { outermost.isEmpty }

        /// True when `prefix` lies inside one of the holes.
        func contains(_ prefix: IPPrefix) -> Bool {
            var low = 0
            var high = outermost.count
            while low < high {
                let middle = (low + high) / 2
                if outermost[middle].address <= prefix.address { low = middle + 1 } else { high = middle }
            }
            return low > 0 && outermost[low - 1].contains(prefix)
        }
    }

    /// `member` narrowed to `region` when it contains it (so coverage is judged within the class).
    static func clip(_ member: AddressMember, to region: IPPrefix) -> AddressMember {
        switch member {
        case .any: return .prefix(region)
        case .any4 where region.family == .v4: return .prefix(region)
        case .any6 where region.family == .v6: return .prefix(region)
        case .prefix(let prefix) where prefix.contains(region): return .prefix(region)
        default: return member
        }
    }

    /// True when `member` reaches `region` outside the `holes`.
    static func reaches(_ member: AddressMember, region: IPPrefix, holes: Holes) -> Bool {
        guard overlaps(member, region) else { return false }
        if case .prefix(let prefix) = member, holes.contains(prefix) { return false }
        return true
    }

    /// True when `member` and `prefix` share an address.
    static func overlaps(_ member: AddressMember, _ prefix: IPPrefix) -> Bool {
        AccessListAudit.overlaps(member, prefix)
    }

    /// A port the filter admits (the lowest), for sample packets.
    static func firstPort(_ filter: PortOperator) -> UInt16 {
        filter.ranges.first?.lowerBound ?? 443
    }

    /// The expanded entry behind `entry` in `simulation`'s firewalls.
    static func expandedEntry(_ entry: RulesIndex.Entry, in simulation: Simulation) -> ExpandedAccessControlEntry? {
        guard let placement = simulation.snapshot.config.firewalls.first(where: { $0.name == entry.firewall }),
              let classifier = simulation.firewalls.classifiers[placement.config],
              let list = classifier.accessList(named: entry.accessList) else { return nil }
        return list.expanded.entries.first { $0.lineNumber == entry.line }
    }
}
