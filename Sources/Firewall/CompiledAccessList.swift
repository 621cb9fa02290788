import LPM

/// An access list compiled for fast first-match classification.
///
/// Each active entry becomes one rule per protocol-position member, numbered in evaluation
/// order. Every packet field — protocol, source address, destination address, and source and
/// destination port (or ICMP type and code) — maps to the set of rules that admit its value:
/// addresses through the shared LPM engine (with a separate exact path for non-contiguous
/// masks), ports through interval tables. The sets are bit sets with a summary level, so the
/// intersection is scanned word by word only where every field has a rule, and the lowest
/// common bit is the first matching rule. Rules are split into chunks of at most 2,048, searched
/// in order, so memory and compile time stay linear in the size of the list. Entries with a time
/// range or an `ifc` qualifier are checked when their bit comes up; inactive entries have no
/// rules.
///
/// Answers are exactly those of `LinearAccessList` on the same expanded access list.
public struct CompiledAccessList: Sendable {
    /// The expanded access list this was compiled from.
    public let expanded: ExpandedAccessList

    internal let rules: [CompiledRule]
    /// Rule → entry index.
    internal let ruleEntry: [Int32]
    /// Rule → needs a per-packet activity check.
    internal let ruleNeedsCheck: [Bool]
    internal let chunking: RuleChunking
    internal let pool: RuleSetPool
    /// Chunk × protocol number → rule set, 256 wide.
    internal let protocolSets: [Int32]
    internal let sources: AddressFieldIndex
    internal let destinations: AddressFieldIndex
    internal let sourcePorts: PortFieldIndex
    internal let destinationPorts: PortFieldIndex
    /// Chunk × ICMP type → rule set (for codes no rule names), 256 wide.
    internal let icmpTypeSets: [Int32]
    /// `chunk << 16 | type << 8 | code` → rule set, for codes some rule names.
    internal let icmpCodeSets: [UInt32: Int32]
    /// ICMP type → true when some rule names a code for it.
    internal let icmpTypeHasCodes: [Bool]
    /// Chunk → rule set for packets with neither ports nor ICMP.
    internal let otherProtocolSets: [Int32]

    /// Compiles `expanded`.
    public init(_ expanded: ExpandedAccessList) {
        self.init(expanded, maximumChunkSize: RuleChunking.maximumSize)
    }

    /// Compiles `expanded` with chunks of at most `maximumChunkSize` rules (small sizes let tests
    /// exercise the search across chunks).
    internal init(_ expanded: ExpandedAccessList, maximumChunkSize: Int) {
        self.expanded = expanded
        var rules: [CompiledRule] = []
        for (index, entry) in expanded.entries.enumerated() where entry.isActive {
            rules.append(contentsOf: CompiledRule.rules(of: entry, index: index))
        }
        self.rules = rules
        ruleEntry = rules.map { Int32($0.entryIndex) }
        ruleNeedsCheck = rules.map(\.needsCheck)
        let chunking = RuleChunking(ruleCount: rules.count, maximumSize: maximumChunkSize)
        self.chunking = chunking
        var pool = RuleSetPool(chunkSize: chunking.size)

        /// Chunk-local bit sets of `members`, one per chunk.
        func localSets(_ members: [Int]) -> [[UInt64]] {
            var sets = [[UInt64]](repeating: pool.emptySet(), count: chunking.count)
            for rule in members { sets[chunking.chunk(of: rule)].insertBit(chunking.bit(of: rule)) }
            return sets
        }

        // Protocol.
        var anyProtocol: [Int] = []
        var byProtocol: [UInt8: [Int]] = [:]
        for (rule, r) in rules.enumerated() {
            if let p = r.protocolNumber { byProtocol[p, default: []].append(rule) } else { anyProtocol.append(rule) }
        }
        let anyProtocolSets = localSets(anyProtocol)
        var protocolSets: [Int32] = []
        protocolSets.reserveCapacity(256 * chunking.count)
        for chunk in 0..<chunking.count {
            let anyID = pool.intern(anyProtocolSets[chunk])
            for p in 0...255 {
                let specific = (byProtocol[UInt8(p)] ?? []).filter { chunking.chunk(of: $0) == chunk }
                if specific.isEmpty {
                    protocolSets.append(anyID)
                    continue
                }
                var set = anyProtocolSets[chunk]
                for rule in specific { set.insertBit(chunking.bit(of: rule)) }
                protocolSets.append(pool.intern(set))
            }
        }
        self.protocolSets = protocolSets

        // Addresses.
        sources = AddressFieldIndex(members: rules.map(\.sources), chunking: chunking, pool: &pool)
        destinations = AddressFieldIndex(members: rules.map(\.destinations), chunking: chunking, pool: &pool)

        // Ports (TCP, UDP, SCTP packets); rules with an ICMP filter never admit them.
        var sourceUnfiltered: [Int] = []
        var destinationUnfiltered: [Int] = []
        var sourceCandidates: [(rule: Int, ranges: [ClosedRange<UInt16>])] = []
        var destinationCandidates: [(rule: Int, ranges: [ClosedRange<UInt16>])] = []
        for (rule, r) in rules.enumerated() where r.icmp.isEmpty {
            if r.sourcePorts.isEmpty {
                sourceUnfiltered.append(rule)
            } else {
                sourceCandidates.append((rule, r.admittedSourcePorts))
            }
            if r.destinationPorts.isEmpty {
                destinationUnfiltered.append(rule)
            } else {
                destinationCandidates.append((rule, r.admittedDestinationPorts))
            }
        }
        sourcePorts = PortFieldIndex(unfiltered: sourceUnfiltered, candidates: sourceCandidates, chunking: chunking,
                                     pool: &pool)
        destinationPorts = PortFieldIndex(unfiltered: destinationUnfiltered, candidates: destinationCandidates,
                                          chunking: chunking, pool: &pool)

        // ICMP; rules with a port filter never admit ICMP packets.
        var icmpUnfiltered: [Int] = []
        var icmpCandidates: [Int] = []
        var codesOfType: [UInt8: Set<UInt8>] = [:]
        for (rule, r) in rules.enumerated() where r.sourcePorts.isEmpty && r.destinationPorts.isEmpty {
            if r.icmp.isEmpty { icmpUnfiltered.append(rule); continue }
            icmpCandidates.append(rule)
            for list in r.icmp {
                for m in list { if let code = m.code { codesOfType[m.type, default: []].insert(code) } }
            }
        }
        var icmpTypeSets: [Int32] = []
        var icmpCodeSets: [UInt32: Int32] = [:]
        let icmpTypeHasCodes = (0...255).map { codesOfType[UInt8($0)]?.isEmpty == false }
        let icmpBases = localSets(icmpUnfiltered)
        for chunk in 0..<chunking.count {
            let baseID = pool.intern(icmpBases[chunk])
            let candidates = icmpCandidates.filter { chunking.chunk(of: $0) == chunk }
            func set(type: UInt8, code: UInt8, pool: inout RuleSetPool) -> Int32 {
                let admitted = candidates.filter { rules[$0].admitsICMP(type: type, code: code) }
                if admitted.isEmpty { return baseID }
                var set = icmpBases[chunk]
                for rule in admitted { set.insertBit(chunking.bit(of: rule)) }
                return pool.intern(set)
            }
            for t in 0...255 {
                let type = UInt8(t)
                let named = codesOfType[type] ?? []
                // A code no rule names stands for every such code.
                if let unnamed = (0...255).first(where: { !named.contains(UInt8($0)) }) {
                    icmpTypeSets.append(set(type: type, code: UInt8(unnamed), pool: &pool))
                } else {
                    icmpTypeSets.append(pool.intern(pool.emptySet()))
                }
                for code in named {
                    icmpCodeSets[UInt32(chunk) << 16 | UInt32(type) << 8 | UInt32(code)] =
                        set(type: type, code: code, pool: &pool)
                }
            }
        }
        self.icmpTypeSets = icmpTypeSets
        self.icmpCodeSets = icmpCodeSets
        self.icmpTypeHasCodes = icmpTypeHasCodes

        let others = localSets(rules.indices.filter { rules[$0].admitsOtherProtocols })
        otherProtocolSets = others.map { pool.intern($0) }
        self.pool = pool
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

    /// The deciding entry and whether its time range was assumed active.
    internal func firstMatchingEntry(_ packet: FirewallPacket, at time: LocalDateTime?)
        -> (index: Int, assumed: Bool)?
    {
        if rules.isEmpty { return nil }
        let sourcePrefix = sources.prefixNumber(packet.source)
        let destinationPrefix = destinations.prefixNumber(packet.destination)
        let ports = packet.carriesPorts
        let isICMP = !ports && packet.isICMP
        let sourceInterval = ports ? sourcePorts.interval(packet.sourcePort) : 0
        let destinationInterval = ports ? destinationPorts.interval(packet.destinationPort) : 0
        let icmpHasCodes = isICMP && icmpTypeHasCodes[Int(packet.icmpType)]
        let masks = !sources.masked.isEmpty || !destinations.masked.isEmpty
        let wordCount = pool.wordCount
        let summaryCount = pool.summaryCount
        return pool.words.withUnsafeBufferPointer { words in
            pool.summaries.withUnsafeBufferPointer { summaries in
                guard let w = words.baseAddress, let s = summaries.baseAddress else { return nil }
                for chunk in 0..<chunking.count {
                    let protocolSet = Int(protocolSets[chunk << 8 | Int(packet.ipProtocol)])
                    let sourceSet = Int(sources.set(chunk: chunk, prefixNumber: sourcePrefix))
                    let destinationSet = Int(destinations.set(chunk: chunk, prefixNumber: destinationPrefix))
                    let l4a: Int
                    let l4b: Int
                    if ports {
                        l4a = Int(sourcePorts.set(chunk: chunk, interval: sourceInterval))
                        l4b = Int(destinationPorts.set(chunk: chunk, interval: destinationInterval))
                    } else if isICMP {
                        var set = icmpTypeSets[chunk << 8 | Int(packet.icmpType)]
                        if icmpHasCodes, let coded = icmpCodeSets[UInt32(chunk) << 16 | UInt32(packet.icmpType) << 8
                                                                  | UInt32(packet.icmpCode)] {
                            set = coded
                        }
                        l4a = Int(set)
                        l4b = l4a
                    } else {
                        l4a = Int(otherProtocolSets[chunk])
                        l4b = l4a
                    }
                    let operands = Operands(
                        words: (w + protocolSet * wordCount, w + sourceSet * wordCount,
                                w + destinationSet * wordCount, w + l4a * wordCount, w + l4b * wordCount),
                        summaries: (s + protocolSet * summaryCount, s + sourceSet * summaryCount,
                                    s + destinationSet * summaryCount, s + l4a * summaryCount,
                                    s + l4b * summaryCount))
                    let found = masks
                        ? searchWithMasks(operands, chunk: chunk, packet: packet, at: time, words: w, summaries: s)
                        : search(operands, chunk: chunk, packet: packet, at: time)
                    if let found { return found }
                }
                return nil
            }
        }
    }

    /// Five sets to intersect, as pointers to their words and summaries.
    internal struct Operands {
        typealias P = UnsafePointer<UInt64>
        var words: (P, P, P, P, P)
        var summaries: (P, P, P, P, P)
    }

    @inline(__always)
    private func search(_ o: Operands, chunk: Int, packet: FirewallPacket, at time: LocalDateTime?)
        -> (index: Int, assumed: Bool)?
    {
        let (w0, w1, w2, w3, w4) = o.words
        let (s0, s1, s2, s3, s4) = o.summaries
        let base = chunk * chunking.size
        for si in 0..<pool.summaryCount {
            var m = s0[si] & s1[si] & s2[si] & s3[si] & s4[si]
            while m != 0 {
                let wi = si << 6 | m.trailingZeroBitCount
                var x = w0[wi] & w1[wi] & w2[wi] & w3[wi] & w4[wi]
                while x != 0 {
                    let rule = base + (wi << 6 | x.trailingZeroBitCount)
                    if !ruleNeedsCheck[rule] { return (Int(ruleEntry[rule]), false) }
                    if let found = check(rule, packet: packet, at: time) { return found }
                    x &= x &- 1
                }
                m &= m &- 1
            }
        }
        return nil
    }

    /// The path for non-contiguous masks: an address operand becomes the union of its prefix set
    /// and the sets of every masked member that matches, built in scratch space.
    private func searchWithMasks(_ operands: Operands, chunk: Int, packet: FirewallPacket, at time: LocalDateTime?,
                                 words: UnsafePointer<UInt64>, summaries: UnsafePointer<UInt64>)
        -> (index: Int, assumed: Bool)?
    {
        let wordCount = pool.wordCount
        let summaryCount = pool.summaryCount
        let width = wordCount + summaryCount
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * width) { scratch in
            guard let base = scratch.baseAddress else { return nil }
            var o = operands
            func merge(_ field: AddressFieldIndex, _ address: IPAddress, _ w: UnsafePointer<UInt64>,
                       _ s: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) -> Bool {
                guard case .v4(let a) = address else { return false }
                var merged = false
                for (column, member) in field.masked.enumerated() where a.value & member.mask == member.address {
                    if !merged {
                        for i in 0..<wordCount { out[i] = w[i] }
                        for i in 0..<summaryCount { out[wordCount + i] = s[i] }
                        merged = true
                    }
                    let set = Int(field.maskedSets[chunk * field.masked.count + column])
                    let hw = words + set * wordCount
                    let hs = summaries + set * summaryCount
                    for i in 0..<wordCount { out[i] |= hw[i] }
                    for i in 0..<summaryCount { out[wordCount + i] |= hs[i] }
                }
                return merged
            }
            if merge(sources, packet.source, o.words.1, o.summaries.1, into: base) {
                o.words.1 = UnsafePointer(base)
                o.summaries.1 = UnsafePointer(base + wordCount)
            }
            if merge(destinations, packet.destination, o.words.2, o.summaries.2, into: base + width) {
                o.words.2 = UnsafePointer(base + width)
                o.summaries.2 = UnsafePointer(base + width + wordCount)
            }
            return search(o, chunk: chunk, packet: packet, at: time)
        }
    }

    /// Whether the entry behind `rule` takes part (time range, `ifc`).
    private func check(_ rule: Int, packet: FirewallPacket, at time: LocalDateTime?) -> (index: Int, assumed: Bool)? {
        let index = Int(ruleEntry[rule])
        switch EntryActivity.state(of: expanded.entries[index], packet: packet, at: time) {
        case .skipped: return nil
        case .active: return (index, false)
        case .assumedActive: return (index, true)
        }
    }

    // MARK: - Figures

    /// The number of rules (active entries × protocol-position members).
    public var ruleCount: Int { rules.count }

    /// The number of rule chunks (at most 2,048 rules each).
    public var chunkCount: Int { chunking.count }

    /// The number of distinct rule sets stored.
    public var ruleSetCount: Int { pool.count }

    /// The bytes of the compiled lookup structures (rule sets, LPM tries, port and ICMP
    /// tables), excluding the expanded access list it keeps for reporting.
    public var byteCount: Int {
        pool.byteCount + sources.byteCount + destinations.byteCount + sourcePorts.byteCount
            + destinationPorts.byteCount + protocolSets.count * 4 + icmpTypeSets.count * 4 + icmpCodeSets.count * 8
            + otherProtocolSets.count * 4 + ruleEntry.count * 4 + ruleNeedsCheck.count
    }
}
