import Firewall
import Inventory
import LPM

/// Builds a `RulesIndex` (see there for what it means): workload groups → trace decisions per
/// destination region → traffic classes → the entries each class meets.
struct RulesIndexBuilder {
    let context: SimulationContext
    let firewalls: FirewallSet
    let tracer: Tracer
    /// How a class finds the entries it meets (the reference is for tests).
    var strategy: Strategy = .indexed

    /// How a class finds the entries it meets; both give the same index.
    enum Strategy {
        /// The entries its source admits intersected with those its destination region reaches,
        /// each side indexed once per list and cached per source address and per region.
        case indexed
        /// Every entry its source admits, each checked against the region: the straightforward
        /// form the indexed one is tested against.
        case reference
    }

    /// The most classes kept; past it the index says so through `RulesIndex.classes.count` only
    /// (a bound on memory, far above real clusters: classes are per gateway address and region).
    static let maximumClasses = 2_000_000

    // MARK: - Access lists

    /// One applied access list, with its entries indexed by source and by destination.
    final class ListIndex {
        let name: String
        let expanded: ExpandedAccessList
        /// Source prefix → the entries naming it (and admitting the interface), ascending.
        let bySource: PrefixTable<[Int]>
        /// Entries whose sources need a member-by-member check (masks, interfaces).
        let otherSources: [Int]
        /// Destination prefixes of `host`/network members and `any` → the entries naming them
        /// (a region's holes cut these).
        let byDestination: RulesDestinationIndex
        /// The prefixes of `range` destination members → the entries naming them (never cut).
        let byDestinationRange: RulesDestinationIndex
        /// Entries with a destination no prefix stands for (masks, interfaces, names).
        let otherDestinations: [Int]
        let interface: String
        /// Per source address: the candidate entries.
        var candidates: [IPAddress: RulesEntrySet] = [:]
        /// Per region (and its holes): the entries with a destination that may reach it.
        var reaching: [RegionKey: RulesEntrySet] = [:]
        /// Per entry: the decisions met so far.
        var decides: [[RulesIndex.Decision]]

        init(name: String, expanded: ExpandedAccessList, interface: String) {
            self.name = name
            self.expanded = expanded
            self.interface = interface
            var table = PrefixTable<[Int]>()
            var others: [Int] = []
            var destinations: [IPPrefix: [Int]] = [:]
            var ranges: [IPPrefix: [Int]] = [:]
            var otherDestinations: [Int] = []
            for (index, entry) in expanded.entries.enumerated() where entry.isActive && entry.admitsIngress(interface) {
                var needsCheck = false
                for member in entry.sources {
                    switch member {
                    case .maskedIPv4, .interface: needsCheck = true
                    default:
                        for prefix in member.prefixes {
                            var list = table[prefix] ?? []
                            if list.last != index { list.append(index) }
                            table.insert(list, for: prefix)
                        }
                    }
                }
                if needsCheck { others.append(index) }
                var unindexed = false
                for member in entry.destinations {
                    switch member {
                    case .any, .any4, .any6, .prefix:
                        for prefix in member.prefixes where destinations[prefix]?.last != index {
                            destinations[prefix, default: []].append(index)
                        }
                    case .range:
                        for prefix in member.prefixes where ranges[prefix]?.last != index {
                            ranges[prefix, default: []].append(index)
                        }
                    default: unindexed = true
                    }
                }
                if unindexed { otherDestinations.append(index) }
            }
            bySource = table
            otherSources = others
            byDestination = RulesDestinationIndex(destinations)
            byDestinationRange = RulesDestinationIndex(ranges)
            self.otherDestinations = otherDestinations
            decides = Array(repeating: [], count: expanded.entries.count)
        }

        /// The entries whose sources admit `source`.
        func candidates(for source: IPAddress) -> RulesEntrySet {
            if let known = candidates[source] { return known }
            var bits = RulesEntrySet.emptyBits(capacity: expanded.entries.count)
            for match in bySource.matches(covering: source) {
                for index in match.value { RulesEntrySet.insert(index, into: &bits) }
            }
            for index in otherSources where expanded.entries[index].sources.contains(where: { $0.matches(source) }) {
                RulesEntrySet.insert(index, into: &bits)
            }
            let found = RulesEntrySet(bits: bits)
            candidates[source] = found
            return found
        }

        /// The entries with a destination that may reach `region` outside `holes`: every entry
        /// `RulesIndexBuilder.reaches` accepts, and a few it may still reject (ranges inside a
        /// hole, masks, interfaces).
        func candidates(reaching region: IPPrefix, holesKey: Int, holes: Holes) -> RulesEntrySet {
            let key = RegionKey(region: region, holes: holesKey)
            if let known = reaching[key] { return known }
            var bits = RulesEntrySet.emptyBits(capacity: expanded.entries.count)
            byDestination.forEachOverlapping(region, isCut: { holes.contains($0) }) { list in
                for index in list { RulesEntrySet.insert(index, into: &bits) }
            }
            byDestinationRange.forEachOverlapping(region, isCut: { _ in false }) { list in
                for index in list { RulesEntrySet.insert(index, into: &bits) }
            }
            for index in otherDestinations { RulesEntrySet.insert(index, into: &bits) }
            let found = RulesEntrySet(bits: bits)
            reaching[key] = found
            return found
        }
    }

    /// A destination region with its holes (an index into the builder's hole sets).
    struct RegionKey: Hashable {
        var region: IPPrefix
        var holes: Int
    }

    /// A placement and its applied lists (inbound on its interface, then global).
    struct PlacementLists {
        let placement: FirewallPlacement
        let lists: [ListIndex]
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
    /// regions strictly inside each.
    struct Regions {
        var prefixes: [IPPrefix]
        var probes: [IPAddress]
        var holes: [Int]
    }

    /// What a decision's paths reach: the placement, the source seen, the gateway.
    struct Outcome {
        var placement: Int
        var seen: IPAddress
        var gateway: String?
    }

    /// What a decision depends on besides the probe.
    enum Dependency: Hashable {
        case bypass(IPAddress?)
        case gateways(ObjectIdentifier)
        case localGateways(ObjectIdentifier, node: String?)
        case selection(EgressGatewaySelection, namespace: String)
    }

    struct DecisionKey: Hashable {
        var dependency: Dependency
        var probe: IPAddress
    }

    struct ClassKey: Hashable {
        var placement: Int
        var source: IPAddress
        var region: IPPrefix
        var holes: Int
    }

    final class ClassAccumulator {
        let key: ClassKey
        let probe: IPAddress
        let representative: String
        var namespaces = Set<String>()
        var podCount = 0
        var gateways = Set<String>()
        var policy: String?
        var rule: Int?
        init(key: ClassKey, probe: IPAddress, representative: String) {
            self.key = key
            self.probe = probe
            self.representative = representative
        }
    }

    // MARK: - Building

    func build() -> RulesIndex {
        let snapshot = context.snapshot
        var placements: [PlacementLists] = []
        var placementIndex: [String: Int] = [:]
        for placement in snapshot.config.firewalls where placementIndex[placement.name] == nil {
            guard let classifier = firewalls.classifiers[placement.config] else { continue }
            let config = classifier.config
            var seen = Set<String>()
            var lists: [ListIndex] = []
            for group in [config.accessGroup(interface: placement.interface, direction: .in), config.globalAccessGroup] {
                guard let group, !seen.contains(group.accessList),
                      let compiled = classifier.accessList(named: group.accessList) else { continue }
                seen.insert(group.accessList)
                lists.append(ListIndex(name: group.accessList, expanded: compiled.expanded, interface: placement.interface))
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
            let key = GroupKey(identity: identity, bypassSource: sender.bypass?.path.sourceIP, node: node)
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

        // Regions: routes (VPC and transit gateway tables) and, per policy, its rules.
        var routeRegions = Set<IPPrefix>()
        for table in uniqueTables() {
            for entry in table.routes.entries {
                routeRegions.insert(entry.prefix)
                if case .table(_, let tgw)? = entry.value.transitGateway {
                    for route in tgw.routes.entries { routeRegions.insert(route.prefix) }
                }
            }
        }
        var holeSets: [[IPPrefix]: Int] = [:]
        var holeList: [Holes] = []
        func regions(_ prefixes: Set<IPPrefix>) -> Regions {
            let sorted = prefixes.filter { $0.family == .v4 }.sorted()
            var table = PrefixTable<Bool>()
            for prefix in sorted { table.insert(true, for: prefix) }
            let holes = sorted.map { prefix -> Int in
                let inner = table.entries(inside: prefix).map(\.prefix).filter { $0 != prefix }
                if let known = holeSets[inner] { return known }
                holeSets[inner] = holeList.count
                holeList.append(Holes(inner))
                return holeList.count - 1
            }
            return Regions(prefixes: sorted, probes: WhatIf.probes(for: sorted), holes: holes)
        }
        let plainRegions = regions(routeRegions)
        var policyRegions: [ObjectIdentifier: Regions] = [:]

        // Decisions, cached by what they depend on.
        var outcomes: [DecisionKey: [Outcome]] = [:]
        var decisionCount = 0
        var classes: [ClassKey: ClassAccumulator] = [:]
        var classOrder: [ClassKey] = []
        for key in groupOrder {
            guard let group = groups[key] else { continue }
            let sender = group.representative
            var prepared: PreparedPolicy?
            let groupRegions: Regions
            if case .policy(let prepared_) = sender.egress {
                prepared = prepared_
                let id = ObjectIdentifier(prepared_)
                if let known = policyRegions[id] {
                    groupRegions = known
                } else {
                    let made = regions(routeRegions.union(prepared_.policy.rules.map(\.effectiveDestination)))
                    policyRegions[id] = made
                    groupRegions = made
                }
            } else {
                groupRegions = plainRegions
            }
            for (index, region) in groupRegions.prefixes.enumerated() {
                let probe = groupRegions.probes[index]
                let local = context.pools.longestMatchIndex(probe) != nil || context.nodeAddresses.longestMatchIndex(probe) != nil
                var rule: Int?
                let dependency: Dependency
                switch key.identity {
                case .none:
                    dependency = .bypass(key.bypassSource)
                case .selection(let selection, let namespace):
                    dependency = local ? .bypass(key.bypassSource) : .selection(selection, namespace: namespace)
                case .policy(let id):
                    rule = local ? nil : prepared?.ruleTable.value(for: probe)
                    if let rule, let policyRule = prepared?.policy.rules[rule], policyRule.gateway != nil {
                        dependency = policyRule.gatewayPreference == .preferNodeLocal
                            ? .localGateways(id, node: key.node) : .gateways(id)
                    } else {
                        dependency = .bypass(key.bypassSource)
                    }
                }
                let decisionKey = DecisionKey(dependency: dependency, probe: probe)
                let reached: [Outcome]
                if let known = outcomes[decisionKey] {
                    reached = known
                } else {
                    reached = decide(sender, probe: probe, placements: placementIndex)
                    decisionCount += 1
                    outcomes[decisionKey] = reached
                }
                for outcome in reached {
                    let classKey = ClassKey(placement: outcome.placement, source: outcome.seen, region: region,
                                            holes: groupRegions.holes[index])
                    let accumulator: ClassAccumulator
                    if let known = classes[classKey] {
                        accumulator = known
                    } else {
                        guard classes.count < Self.maximumClasses else { continue }
                        accumulator = ClassAccumulator(key: classKey, probe: probe, representative: sender.label)
                        accumulator.policy = rule == nil ? nil : prepared?.policy.name
                        accumulator.rule = rule
                        classes[classKey] = accumulator
                        classOrder.append(classKey)
                    }
                    accumulator.podCount += group.podCount
                    accumulator.namespaces.formUnion(group.namespaces)
                    if let gateway = outcome.gateway { accumulator.gateways.insert(gateway) }
                }
            }
        }

        // Classes in a stable order, then the access lists they meet.
        classOrder.sort { a, b in
            if a.placement != b.placement { return a.placement < b.placement }
            if a.source != b.source { return a.source < b.source }
            if a.region != b.region { return a.region < b.region }
            return a.holes < b.holes
        }
        var result: [RulesIndex.TrafficClass] = []
        result.reserveCapacity(classOrder.count)
        for (classIndex, classKey) in classOrder.enumerated() {
            guard let accumulator = classes[classKey] else { continue }
            let placement = placements[classKey.placement]
            result.append(RulesIndex.TrafficClass(
                firewall: placement.placement.name, namespaces: accumulator.namespaces.sorted(),
                podCount: accumulator.podCount, representative: accumulator.representative,
                gateways: accumulator.gateways.sorted(), source: classKey.source, destination: classKey.region,
                probe: accumulator.probe, policy: accumulator.policy, rule: accumulator.rule))
            walk(placement, classIndex: classIndex, source: classKey.source, region: classKey.region,
                 holesKey: classKey.holes, holes: holeList[classKey.holes])
        }

        var entries: [RulesIndex.Entry] = []
        for placement in placements {
            let counts = firewalls.hitCounts[placement.placement.config]
            for list in placement.lists {
                for (index, entry) in list.expanded.entries.enumerated() {
                    entries.append(RulesIndex.Entry(
                        firewall: placement.placement.name, interface: placement.placement.interface,
                        accessList: list.name, line: entry.lineNumber, action: entry.entry.action, text: entry.entry.text,
                        isActive: entry.isActive, timeRange: entry.entry.timeRange,
                        hits: counts?.hits(accessList: list.name, line: entry.lineNumber), decides: list.decides[index]))
                }
            }
        }
        return RulesIndex(entries: entries, classes: result, decisionCount: decisionCount)
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

    /// Where a TCP/443 probe from `sender` to `probe` meets a placed firewall, per path.
    private func decide(_ sender: SenderInfo, probe: IPAddress, placements: [String: Int]) -> [Outcome] {
        let query = TraceQuery(sender: .pod(namespace: sender.namespace, name: sender.pod.name), destination: probe,
                               destinationPort: 443)
        guard let decision = try? tracer.decide(query) else { return [] }
        var reached: [Outcome] = []
        for path in decision.paths {
            guard case .decided(let placed, _, let seen) = path.firewall,
                  let index = placements[placed.placement.name] else { continue }
            let gateway = path.source.path.gateway.map { "\($0.namespace)/\($0.name)" }
            reached.append(Outcome(placement: index, seen: seen, gateway: gateway))
        }
        return reached
    }

    /// The most element comparisons spent on one class to find entries that earlier ones cover
    /// for it (past it, later entries are taken as reached).
    static let coverageBudget = 512
    /// Entries with more elements than this are never checked for coverage, nor cover others.
    static let maximumCheckedElements = 256

    /// The regions strictly inside a region, for "is this destination inside one of them": each
    /// hole is stored with the length of the shortest hole containing it, so one longest-prefix
    /// match answers.
    struct Holes {
        let table: CompiledPrefixTable<Int>
        let isEmpty: Bool

        init(_ holes: [IPPrefix]) {
            var table = PrefixTable<Int>()
            for hole in holes.sorted(by: { $0.length < $1.length }) {
                let shortest = table.longestMatch(hole.address).map { $0.value } ?? hole.length
                table.insert(min(shortest, hole.length), for: hole)
            }
            self.table = table.compiled()
            isEmpty = holes.isEmpty
        }

        /// True when `prefix` lies inside one of the holes.
        func contains(_ prefix: IPPrefix) -> Bool {
            guard !isEmpty, let shortest = table.value(for: prefix.address) else { return false }
            return shortest <= prefix.length
        }
    }

    /// Records the entries class `classIndex` meets, in order, until one decides all of it. An
    /// entry whose every element reaching the class is matched by an element of an earlier
    /// unconditional entry reaching it (the entry is shadowed for this class) decides none of it.
    private func walk(_ placement: PlacementLists, classIndex: Int, source: IPAddress, region: IPPrefix,
                      holesKey: Int, holes: Holes) {
        var state = ClassWalk(classIndex: classIndex, source: source, region: region, holes: holes)
        for list in placement.lists {
            let bySource = list.candidates(for: source)
            switch strategy {
            case .indexed:
                let met = bySource.intersection(list.candidates(reaching: region, holesKey: holesKey, holes: holes))
                for index in met where state.visit(list, index) { return }
            case .reference:
                for index in bySource.sorted where state.visit(list, index) { return }
            }
        }
    }

    /// One class's walk down the applied lists: the unconditional elements met so far (for
    /// coverage) and what is left of the coverage budget.
    struct ClassWalk {
        let classIndex: Int
        let source: IPAddress
        let region: IPPrefix
        let holes: Holes
        let host: AddressMember
        var earlier: [AccessListElement] = []
        var budget = RulesIndexBuilder.coverageBudget

        init(classIndex: Int, source: IPAddress, region: IPPrefix, holes: Holes) {
            self.classIndex = classIndex
            self.source = source
            self.region = region
            self.holes = holes
            host = .prefix(IPPrefix(host: source))
        }

        /// Meets entry `index` of `list` (its source admits the class's address): records the
        /// decision unless the entry does not reach the region or earlier entries cover it for
        /// the class. True when it decides all of the class (the walk ends).
        mutating func visit(_ list: ListIndex, _ index: Int) -> Bool {
            let entry = list.expanded.entries[index]
            guard RulesIndexBuilder.reaches(entry, region: region, holes: holes) else { return false }
            let whole = RulesIndexBuilder.decidesAll(entry, region: region)
            var relevant: [AccessListElement] = []
            if budget > 0, entry.elementCount <= RulesIndexBuilder.maximumCheckedElements {
                let (source, region, holes, host) = (source, region, holes, host)
                entry.forEachElement { element in
                    if element.source.matches(source),
                       RulesIndexBuilder.reaches(element.destination, region: region, holes: holes) {
                        relevant.append(AccessListElement(
                            service: element.service, source: host, sourcePort: element.sourcePort,
                            destination: RulesIndexBuilder.clip(element.destination, to: region),
                            destinationPort: element.destinationPort, icmp: element.icmp))
                    }
                    return false
                }
            }
            if !whole, !earlier.isEmpty, !relevant.isEmpty, budget > 0 {
                let earlier = earlier
                var budget = budget
                let covered = relevant.allSatisfy { element in
                    budget -= earlier.count
                    return earlier.contains { AccessListAudit.covers($0, element) }
                }
                self.budget = budget
                if covered { return false }
            }
            list.decides[index].append(RulesIndex.Decision(classIndex: classIndex, whole: whole))
            if whole { return true }
            if entry.entry.timeRange == nil, entry.entry.destinationInterface == nil, earlier.count < 64 {
                earlier += relevant
            }
            return false
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

    /// True when some destination of `entry` reaches `region` outside the `holes`.
    static func reaches(_ entry: ExpandedAccessControlEntry, region: IPPrefix, holes: Holes) -> Bool {
        entry.destinations.contains { reaches($0, region: region, holes: holes) }
    }

    /// True when `entry` matches every packet to `region` (`ip`, no ports, no time range, no
    /// destination interface, a destination covering the region).
    static func decidesAll(_ entry: ExpandedAccessControlEntry, region: IPPrefix) -> Bool {
        guard entry.entry.timeRange == nil, entry.entry.destinationInterface == nil, entry.sourcePorts == nil,
              entry.destinationPorts == nil, entry.icmpTypes == nil,
              entry.services.contains(where: { $0.protocolNumber == nil && $0.sourcePort == nil
                  && $0.destinationPort == nil && $0.icmp == nil }) else { return false }
        return entry.destinations.contains { AccessListAudit.covers($0, .prefix(region)) }
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
