import LPM

/// The traffic classes of the Rules index, gathered from *hits*: a workload group's decision for
/// one of its destination regions. Every outcome of the decision (a placement and the source it
/// sees) with the region is a class; the first hit that meets a class gives its probe, sample
/// pod and rule, and every hit adds its group's pods and namespaces.
///
/// Regions, namespaces and sources are numbers. With the `indexed` strategy, hits of one
/// decision and region (a *slot*: a policy's shared gateways are met by every group of the
/// policy) are summed first and each slot's outcomes looked up once; with `reference`, each hit's
/// outcomes are looked up in turn. Both give the same classes in the same order.
struct RulesClassTable {
    /// A group's decision for one region.
    struct Hit {
        var group: Int
        /// The region with its holes (into `regions`).
        var region: Int
        /// The decision (into the outcomes `finish` is given).
        var decision: Int
        var probe: IPAddress
        var policy: String?
        var rule: Int?
    }

    /// One class: where it was first met and what its hits add up to.
    struct Found {
        var placement: Int
        var seen: IPAddress
        var region: Int
        var probe: IPAddress
        var group: Int
        var policy: String?
        var rule: Int?
        var podCount = 0
        /// Numbers into `namespaceSets`, possibly repeated.
        var namespaceSets: [Int] = []
        /// Gateway numbers (`RulesOutcomeNumbers`), each once.
        var gateways: [Int] = []
    }

    /// The hits of one decision and region, summed.
    struct Slot {
        var first: Hit
        var podCount = 0
        var namespaceSets: [Int] = []
    }

    /// The regions with their holes, by number.
    private(set) var regions: [RulesIndexBuilder.RegionKey] = []
    private var regionNumbers: [RulesIndexBuilder.RegionKey: Int] = [:]
    /// Every namespace name, sorted: a namespace's number is its rank.
    private let namespaceNames: [String]
    /// The distinct namespace sets of the groups, each as ascending ranks.
    private let namespaceSets: [[Int]]
    /// Per group: its namespace set (into `namespaceSets`).
    let groupNamespaceSets: [Int]
    private var groupPodCounts: [Int] = []

    private var slots: [Slot] = []
    /// Per decision: its slots, as (region, slot) pairs (a decision meets few regions).
    private var slotsOfDecision: [[PairKey]] = []
    /// The classes, in the order they were first met.
    private(set) var classes: [Found] = []
    private var classNumbers: [PairKey: Int] = [:]
    private var sourceNumbers: [SourceKey: Int] = [:]

    private struct PairKey: Hashable {
        var a: Int
        var b: Int
    }

    private struct SourceKey: Hashable {
        var placement: Int
        var seen: IPAddress
    }

    /// A table for groups with the given namespaces (in group order).
    init(namespaces: [Set<String>]) {
        namespaceNames = Set(namespaces.flatMap { $0 }).sorted()
        var rank: [String: Int] = [:]
        for (index, name) in namespaceNames.enumerated() { rank[name] = index }
        var sets: [[Int]] = []
        var setNumbers: [[Int]: Int] = [:]
        groupNamespaceSets = namespaces.map { names in
            let ranks = names.compactMap { rank[$0] }.sorted()
            if let known = setNumbers[ranks] { return known }
            setNumbers[ranks] = sets.count
            sets.append(ranks)
            return sets.count - 1
        }
        namespaceSets = sets
    }

    /// The number of `key`, adding it when new.
    mutating func region(_ key: RulesIndexBuilder.RegionKey) -> Int {
        if let known = regionNumbers[key] { return known }
        regionNumbers[key] = regions.count
        regions.append(key)
        return regions.count - 1
    }

    /// Records `hit` of a group of `podCount` pods; `outcomes` gives its decision's outcomes.
    mutating func hit(_ hit: Hit, podCount: Int, outcomes: () -> [RulesIndexBuilder.Outcome],
                      strategy: RulesIndexBuilder.Strategy) {
        let namespaceSet = groupNamespaceSets[hit.group]
        switch strategy {
        case .reference:
            add(hit, podCount: podCount, namespaceSets: [namespaceSet], outcomes: outcomes())
        case .indexed:
            while slotsOfDecision.count <= hit.decision { slotsOfDecision.append([]) }
            let number: Int
            if let known = slotsOfDecision[hit.decision].first(where: { $0.a == hit.region }) {
                number = known.b
            } else {
                number = slots.count
                slotsOfDecision[hit.decision].append(PairKey(a: hit.region, b: number))
                slots.append(Slot(first: hit))
            }
            slots[number].podCount += podCount
            if slots[number].namespaceSets.last != namespaceSet { slots[number].namespaceSets.append(namespaceSet) }
        }
    }

    /// Turns the slots into classes, in the order of their first hits (`indexed`; nothing to do
    /// for `reference`). `decisions` gives each decision's outcomes.
    mutating func finish(decisions: [[RulesIndexBuilder.Outcome]]) {
        let slots = slots
        self.slots = []
        slotsOfDecision = []
        // At least one class per slot in the clusters measured (a slot's outcomes are its classes).
        classNumbers.reserveCapacity(slots.count)
        for slot in slots {
            add(slot.first, podCount: slot.podCount, namespaceSets: slot.namespaceSets,
                outcomes: decisions[slot.first.decision])
        }
    }

    /// Adds the pods and namespaces of hits like `hit` to the classes of `outcomes`, creating
    /// those not met yet (up to `RulesIndexBuilder.maximumClasses`).
    private mutating func add(_ hit: Hit, podCount: Int, namespaceSets: [Int], outcomes: [RulesIndexBuilder.Outcome]) {
        for outcome in outcomes {
            let sourceKey = SourceKey(placement: outcome.placement, seen: outcome.seen)
            let source: Int
            if let known = sourceNumbers[sourceKey] {
                source = known
            } else {
                source = sourceNumbers.count
                sourceNumbers[sourceKey] = source
            }
            let key = PairKey(a: source, b: hit.region)
            let number: Int
            if let known = classNumbers[key] {
                number = known
            } else {
                guard classes.count < RulesIndexBuilder.maximumClasses else { continue }
                number = classes.count
                classNumbers[key] = number
                classes.append(Found(placement: outcome.placement, seen: outcome.seen, region: hit.region,
                                     probe: hit.probe, group: hit.group, policy: hit.policy, rule: hit.rule))
            }
            classes[number].podCount += podCount
            // A set just added again adds no namespace (`namespaces(of:)` merges them).
            for set in namespaceSets where classes[number].namespaceSets.last != set {
                classes[number].namespaceSets.append(set)
            }
            if outcome.gateway >= 0, !classes[number].gateways.contains(outcome.gateway) {
                classes[number].gateways.append(outcome.gateway)
            }
        }
    }

    /// The namespaces of class `number`, sorted.
    func namespaces(of number: Int) -> [String] {
        var sets = classes[number].namespaceSets
        if let first = sets.first, sets.allSatisfy({ $0 == first }) {
            return namespaceSets[first].map { namespaceNames[$0] }
        }
        // Groups of one policy on different nodes share a set: each set once.
        sets.sort()
        var ranks: [Int] = []
        var lastSet = -1
        for set in sets where set != lastSet {
            ranks += namespaceSets[set]
            lastSet = set
        }
        ranks.sort()
        var names: [String] = []
        var last = -1
        for rank in ranks where rank != last {
            names.append(namespaceNames[rank])
            last = rank
        }
        return names
    }

    /// The gateways of class `number` (`namespace/name`, from `names` by number), sorted.
    func gateways(of number: Int, names: [String]) -> [String] {
        classes[number].gateways.map { names[$0] }.sorted()
    }
}
