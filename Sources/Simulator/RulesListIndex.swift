import Firewall
import LPM

/// One applied access list prepared for the Rules index: its entries indexed by source and by
/// destination, what a class walk reads of each entry kept apart (so a walk never copies an
/// entry), and the *source signatures*.
///
/// A source's signature stands for every source member of the list that admits it: the source
/// prefixes covering it (each member's prefixes are in `bySource`) and the masked and interface
/// members that match it. Two sources with the same signature meet the same entries through the
/// same elements, so a class walk — which compares elements only by what they match, with the
/// source narrowed to the class's own host — gives the same entries for both: one walk serves
/// every source of a signature (the ~60 node addresses of a cluster, typically).
final class RulesListIndex {
    let name: String
    let expanded: ExpandedAccessList
    let interface: String
    /// The position of the list's first entry among all entries of the index.
    let offset: Int

    /// Source prefix → its number (into `sourceEntries`).
    private let bySource: PrefixTable<Int>
    /// Per source prefix number: the entries naming it (and admitting the interface), ascending.
    private let sourceEntries: [[Int]]
    /// Entries whose sources need a member-by-member check (masks, interfaces).
    private let otherSources: [Int]
    /// Destination prefixes of `host`/network members and `any` → the entries naming them
    /// (a region's holes cut these).
    private let byDestination: RulesDestinationIndex
    /// The prefixes of `range` destination members → the entries naming them (never cut).
    private let byDestinationRange: RulesDestinationIndex
    /// Entries with a destination no prefix stands for (masks, interfaces, names).
    private let otherDestinations: [Int]

    /// Per entry: its destinations.
    let destinations: [[AddressMember]]
    /// Per entry: no time range and no destination interface (it can cover later entries).
    let isUnconditional: [Bool]
    /// Per entry: it admits every packet to its destinations (`ip`, no ports, unconditional).
    let admitsAllTraffic: [Bool]
    /// Per entry: its number of elements.
    let elementCounts: [Int]

    /// Per source address: its signature number.
    private var signatureOf: [IPAddress: Int] = [:]
    /// Signature → its number.
    private var signatureNumbers: [[Int]: Int] = [:]
    /// Per signature number: the entries its sources admit.
    private var signatureCandidates: [RulesEntrySet] = []
    /// Per region (and its holes): the entries with a destination that may reach it.
    private var reaching: [RulesIndexBuilder.RegionKey: RulesEntrySet] = [:]

    init(name: String, expanded: ExpandedAccessList, interface: String, offset: Int) {
        self.name = name
        self.expanded = expanded
        self.interface = interface
        self.offset = offset
        var table = PrefixTable<Int>()
        var sourceEntries: [[Int]] = []
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
                        if let number = table[prefix] {
                            if sourceEntries[number].last != index { sourceEntries[number].append(index) }
                        } else {
                            table.insert(sourceEntries.count, for: prefix)
                            sourceEntries.append([index])
                        }
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
        self.sourceEntries = sourceEntries
        otherSources = others
        byDestination = RulesDestinationIndex(destinations)
        byDestinationRange = RulesDestinationIndex(ranges)
        self.otherDestinations = otherDestinations
        self.destinations = expanded.entries.map(\.destinations)
        isUnconditional = expanded.entries.map { $0.entry.timeRange == nil && $0.entry.destinationInterface == nil }
        admitsAllTraffic = expanded.entries.map { entry in
            entry.entry.timeRange == nil && entry.entry.destinationInterface == nil && entry.sourcePorts == nil
                && entry.destinationPorts == nil && entry.icmpTypes == nil
                && entry.services.contains { $0.protocolNumber == nil && $0.sourcePort == nil
                    && $0.destinationPort == nil && $0.icmp == nil }
        }
        elementCounts = expanded.entries.map(\.elementCount)
    }

    /// The number of entries.
    var count: Int { expanded.entries.count }

    /// The signature number of `source` (see the type's description).
    func signature(of source: IPAddress) -> Int {
        if let known = signatureOf[source] { return known }
        var key = [source.family == .v4 ? -4 : -6]
        var bits = RulesEntrySet.emptyBits(capacity: count)
        for match in bySource.matches(covering: source) {
            key.append(match.value)
            for index in sourceEntries[match.value] { RulesEntrySet.insert(index, into: &bits) }
        }
        key.append(-1)
        for (position, index) in otherSources.enumerated() {
            var admitted = false
            for (memberIndex, member) in expanded.entries[index].sources.enumerated() where member.matches(source) {
                switch member {
                case .maskedIPv4, .interface:
                    key.append(position)
                    key.append(memberIndex)
                default: break
                }
                admitted = true
            }
            if admitted { RulesEntrySet.insert(index, into: &bits) }
        }
        let number: Int
        if let known = signatureNumbers[key] {
            number = known
        } else {
            number = signatureCandidates.count
            signatureNumbers[key] = number
            signatureCandidates.append(RulesEntrySet(bits: bits))
        }
        signatureOf[source] = number
        return number
    }

    /// The entries whose sources admit the sources of signature `signature`.
    func candidates(signature: Int) -> RulesEntrySet {
        signatureCandidates[signature]
    }

    /// The entries with a destination that may reach `region` outside `holes`: every entry
    /// `RulesIndexBuilder.reaches` accepts, and a few it may still reject (ranges inside a
    /// hole, masks, interfaces).
    func candidates(reaching region: IPPrefix, holesKey: Int, holes: RulesIndexBuilder.Holes) -> RulesEntrySet {
        let key = RulesIndexBuilder.RegionKey(region: region, holes: holesKey)
        if let known = reaching[key] { return known }
        var bits = RulesEntrySet.emptyBits(capacity: count)
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

    /// True when some destination of entry `index` reaches `region` outside the `holes`.
    func reaches(_ index: Int, region: IPPrefix, holes: RulesIndexBuilder.Holes) -> Bool {
        destinations[index].contains { RulesIndexBuilder.reaches($0, region: region, holes: holes) }
    }

    /// True when entry `index` matches every packet to `region` (`ip`, no ports, no time range, no
    /// destination interface, a destination covering the region).
    func decidesAll(_ index: Int, region: IPPrefix) -> Bool {
        admitsAllTraffic[index] && destinations[index].contains { AccessListAudit.covers($0, .prefix(region)) }
    }
}
