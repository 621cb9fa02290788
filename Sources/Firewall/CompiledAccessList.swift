import LPM

/// An access list compiled for fast first-match classification.
///
/// Each active entry becomes one rule per protocol-position member, numbered in evaluation
/// order. Every packet field — protocol, source address, destination address, and source and
/// destination port (or ICMP type and code) — maps to the set of rules that admit its value
/// (see `RulePartition`), and the lowest rule in the intersection of the five sets is the first
/// match.
///
/// Large lists are partitioned first (tuple-space style, by how wide the address fields are):
/// rules whose sources are all narrow (IPv4 /16 or longer, IPv6 /48 or longer), rules whose
/// destinations are, and the rest, each partition compiled on its own in evaluation order. A
/// plain list mixes `any` with host and subnet entries, so in one set of chunks every chunk holds
/// some rule admitting any address; within a narrow partition only the few chunks holding a rule
/// for the packet's address are visited. The answer is the lowest entry among the partitions'
/// first matches, and a partition stops at chunks that start past an answer already found.
/// The narrow partitions also keep candidate buckets on their narrow field (`CandidateBuckets`):
/// an IPv4 packet whose most specific prefix there is named by few rules is decided by checking
/// those rules in order.
/// Entries with a time range or an `ifc` qualifier are checked when their bit comes up; inactive
/// entries have no rules.
///
/// Answers are exactly those of `LinearAccessList` on the same expanded access list.
public struct CompiledAccessList: Sendable {
    /// The expanded access list this was compiled from.
    public let expanded: ExpandedAccessList

    /// The partitions, each searched for its first match.
    internal let partitions: [RulePartition]
    /// The indices of the entries naming an FQDN object, ascending (the classifier notes those
    /// before the decision without walking every entry).
    internal let fqdnEntryIndices: [Int]

    /// Lists with more rules than this many chunks' worth are partitioned; smaller ones are one
    /// partition (a few chunks are cheaper to scan than extra field lookups).
    internal static let partitionChunks = 4

    /// The shortest IPv4 prefix (and IPv6, `narrowIPv6Length`) a narrow address field has.
    internal static let narrowIPv4Length = 16
    internal static let narrowIPv6Length = 48

    /// Compiles `expanded`.
    public init(_ expanded: ExpandedAccessList) {
        self.init(expanded, maximumChunkSize: RuleChunking.maximumSize)
    }

    /// Compiles `expanded` as one partition whatever its size (what the benchmark compares the
    /// partitioned form with; the answers are the same).
    public init(unpartitioned expanded: ExpandedAccessList) {
        self.init(expanded, maximumChunkSize: RuleChunking.maximumSize, partitioned: false)
    }

    /// Compiles `expanded` with chunks of at most `maximumChunkSize` rules and candidate buckets of
    /// at most `maximumBucketSize` (small sizes let tests exercise the search across chunks and
    /// partitions, and buckets that are full).
    internal init(_ expanded: ExpandedAccessList, maximumChunkSize: Int, partitioned: Bool = true,
                  maximumBucketSize: Int = CandidateBuckets.maximumSize) {
        self.expanded = expanded
        fqdnEntryIndices = expanded.entries.indices.filter { expanded.entries[$0].hasFQDN }
        var rules: [CompiledRule] = []
        for (index, entry) in expanded.entries.enumerated() where entry.isActive {
            rules.append(contentsOf: CompiledRule.rules(of: entry, index: index))
        }
        guard partitioned, rules.count > Self.partitionChunks * maximumChunkSize else {
            partitions = [RulePartition(rules: rules, entries: expanded.entries, maximumChunkSize: maximumChunkSize)]
            return
        }
        var narrowSources: [CompiledRule] = []
        var narrowDestinations: [CompiledRule] = []
        var wide: [CompiledRule] = []
        for rule in rules {
            if Self.isNarrow(rule.sources) {
                narrowSources.append(rule)
            } else if Self.isNarrow(rule.destinations) {
                narrowDestinations.append(rule)
            } else {
                wide.append(rule)
            }
        }
        var partitions: [RulePartition] = []
        for (group, destinationFirst, narrow) in [(narrowSources, false, true), (narrowDestinations, true, true),
                                                  (wide, false, false)]
        where !group.isEmpty {
            partitions.append(RulePartition(rules: group, entries: expanded.entries,
                                            maximumChunkSize: maximumChunkSize, destinationFirst: destinationFirst,
                                            maximumBucketSize: narrow ? maximumBucketSize : nil))
        }
        self.partitions = partitions
    }

    /// True when every member covers few addresses: a prefix of at least `narrowIPv4Length`
    /// (`narrowIPv6Length`), a range made of such prefixes, an interface's own addresses, or a
    /// name that matches nothing.
    internal static func isNarrow(_ members: [AddressMember]) -> Bool {
        func narrow(_ prefix: IPPrefix) -> Bool {
            prefix.length >= (prefix.family == .v4 ? narrowIPv4Length : narrowIPv6Length)
        }
        return members.allSatisfy { member in
            switch member {
            case .any, .any4, .any6, .maskedIPv4: return false
            case .prefix(let prefix): return narrow(prefix)
            case .range: return member.prefixes.allSatisfy(narrow)
            case .interface, .fqdn, .unresolved: return true
            }
        }
    }

    // MARK: - Classification

    /// The deciding line for `packet` at `time` (device clock; nil assumes time ranges active),
    /// or nil when no line matches. The same answer as `LinearAccessList.firstMatch`.
    public func firstMatch(_ packet: FirewallPacket, at time: LocalDateTime?) -> AccessListMatch? {
        guard let (index, assumed) = firstMatchingEntry(packet, at: time) else { return nil }
        let entry = expanded.entries[index]
        guard let (elementIndex, element) = entry.firstMatchingElement(packet) else { return nil }
        return AccessListMatch(accessList: expanded.name, lineNumber: entry.lineNumber, entry: entry.entry,
                               entryIndex: index, elementIndex: elementIndex, element: element,
                               timeRangeAssumedActive: assumed)
    }

    /// The index of the deciding entry only, or nil: the hot path (no allocation when the
    /// access list has no non-contiguous masks).
    public func firstMatchingEntryIndex(_ packet: FirewallPacket, at time: LocalDateTime?) -> Int? {
        firstMatchingEntry(packet, at: time)?.index
    }

    /// The deciding entry and whether its time range was assumed active: the lowest entry among
    /// the partitions' first matches.
    internal func firstMatchingEntry(_ packet: FirewallPacket, at time: LocalDateTime?)
        -> (index: Int, assumed: Bool)?
    {
        if partitions.count == 1 { return partitions[0].firstMatchingEntry(packet, at: time, below: Int.max) }
        var best: (index: Int, assumed: Bool)?
        for index in partitions.indices {
            let bound = best?.index ?? Int.max
            if let found = partitions[index].firstMatchingEntry(packet, at: time, below: bound), found.index < bound {
                best = found
            }
        }
        return best
    }

    // MARK: - Figures

    /// The number of rules (active entries × protocol-position members).
    public var ruleCount: Int { partitions.reduce(0) { $0 + $1.ruleCount } }

    /// The number of rule chunks (at most 2,048 rules each), over all partitions.
    public var chunkCount: Int { partitions.reduce(0) { $0 + $1.chunking.count } }

    /// The number of partitions (1 for lists of up to a few chunks).
    public var partitionCount: Int { partitions.count }

    /// The number of candidate buckets holding rules (prefixes of a narrow field decided by their
    /// few rules), over all partitions.
    public var bucketCount: Int {
        partitions.reduce(0) { $0 + ($1.buckets?.filledCount ?? 0) }
    }

    /// The number of distinct rule sets stored, over all partitions.
    public var ruleSetCount: Int { partitions.reduce(0) { $0 + $1.pool.count } }

    /// The bytes of the compiled lookup structures (rule sets, LPM tries, port and ICMP
    /// tables), excluding the expanded access list it keeps for reporting.
    public var byteCount: Int { partitions.reduce(0) { $0 + $1.byteCount } }
}
