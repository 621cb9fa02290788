import Firewall
import LPM

/// One class's walk down the applied lists of a placement: the entries it meets, in order, until
/// one decides all of it. An entry whose every element reaching the class is matched by an
/// element of an earlier unconditional entry reaching it (the entry is shadowed for this class)
/// decides none of it. Keeps the unconditional elements met so far (for coverage) and what is
/// left of the coverage budget.
///
/// The walk reads the source only through what its members match (`RulesListIndex.signature`)
/// and compares elements with the source narrowed to the class's own host, so its answer is the
/// same for every source of one signature.
struct RulesClassWalk {
    let source: IPAddress
    let region: IPPrefix
    let holes: RulesIndexBuilder.Holes
    let host: AddressMember
    var earlier: [AccessListElement] = []
    var budget = RulesIndexBuilder.coverageBudget
    /// The entries met: position among all entries of the index, times 2, plus 1 when the entry
    /// decides all of the class.
    private(set) var met: [Int32] = []

    init(source: IPAddress, region: IPPrefix, holes: RulesIndexBuilder.Holes) {
        self.source = source
        self.region = region
        self.holes = holes
        host = .prefix(IPPrefix(host: source))
    }

    /// Walks `lists` with the given strategy and returns the entries met (see `met`).
    static func entries(of lists: [RulesListIndex], source: IPAddress, signatures: [Int], region: IPPrefix,
                        holesKey: Int, holes: RulesIndexBuilder.Holes, strategy: RulesIndexBuilder.Strategy) -> [Int32] {
        var walk = RulesClassWalk(source: source, region: region, holes: holes)
        for (list, signature) in zip(lists, signatures) {
            let bySource = list.candidates(signature: signature)
            switch strategy {
            case .indexed:
                let reached = bySource.intersection(list.candidates(reaching: region, holesKey: holesKey, holes: holes))
                for index in reached where walk.visit(list, index) { return walk.met }
            case .reference:
                for index in bySource.sorted where walk.visit(list, index) { return walk.met }
            }
        }
        return walk.met
    }

    /// Meets entry `index` of `list` (its source admits the class's address): records it unless
    /// it does not reach the region or earlier entries cover it for the class. True when it
    /// decides all of the class (the walk ends).
    mutating func visit(_ list: RulesListIndex, _ index: Int) -> Bool {
        guard list.reaches(index, region: region, holes: holes) else { return false }
        let whole = list.decidesAll(index, region: region)
        var relevant: [AccessListElement] = []
        if budget > 0, list.elementCounts[index] <= RulesIndexBuilder.maximumCheckedElements {
            let (source, region, holes, host) = (source, region, holes, host)
            _ = list.expanded.entries.withUnsafeBufferPointer { entries in
                entries[index].forEachElement { element in
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
        met.append(Int32(list.offset + index) << 1 | (whole ? 1 : 0))
        if whole { return true }
        if list.isUnconditional[index], earlier.count < 64 {
            earlier += relevant
        }
        return false
    }
}
