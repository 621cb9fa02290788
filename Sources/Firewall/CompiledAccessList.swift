import LPM

/// An access list compiled for fast first-match classification.
///
/// Each active entry becomes one rule per protocol-position member, numbered in evaluation
/// order. Every packet field — protocol, source address, destination address, and source and
/// destination port (or ICMP type and code) — maps to the set of rules that admit its value:
/// addresses through the shared LPM engine (with a separate exact path for non-contiguous
/// masks), ports through interval tables. The sets are bit sets with a summary level, so the
/// intersection is scanned word by word only where every field has a rule, and the lowest
/// common bit is the first matching rule. Entries with a time range or an `ifc` qualifier are
/// checked when their bit comes up; inactive entries have no rules.
///
/// Answers are exactly those of `LinearAccessList` on the same expanded access list.
public struct CompiledAccessList: Sendable {
    /// The expanded access list this was compiled from.
    public let expanded: ExpandedAccessList

    let rules: [CompiledRule]
    /// Rule → entry index.
    let ruleEntry: [Int32]
    /// Rule → needs a per-packet activity check.
    let ruleNeedsCheck: [Bool]
    let pool: RuleSetPool
    /// Protocol number → rule set.
    let protocolSets: [Int32]
    let sources: AddressFieldIndex
    let destinations: AddressFieldIndex
    let sourcePorts: PortFieldIndex
    let destinationPorts: PortFieldIndex
    /// ICMP type → rule set (for codes no rule names).
    let icmpTypeSets: [Int32]
    /// `type << 8 | code` → rule set, for codes some rule names.
    let icmpCodeSets: [UInt16: Int32]
    /// ICMP type → true when `icmpCodeSets` has entries for it.
    let icmpTypeHasCodes: [Bool]
    /// Rule set for packets with neither ports nor ICMP.
    let otherProtocolSet: Int32

    /// Compiles `expanded`.
    public init(_ expanded: ExpandedAccessList) {
        self.expanded = expanded
        var rules: [CompiledRule] = []
        for (index, entry) in expanded.entries.enumerated() where entry.isActive {
            rules.append(contentsOf: CompiledRule.rules(of: entry, index: index))
        }
        self.rules = rules
        ruleEntry = rules.map { Int32($0.entryIndex) }
        ruleNeedsCheck = rules.map(\.needsCheck)
        var pool = RuleSetPool(ruleCount: rules.count)

        // Protocol.
        var protocolSets: [Int32] = []
        var anyProtocol = pool.emptySet()
        var byProtocol: [UInt8: [Int]] = [:]
        for (rule, r) in rules.enumerated() {
            if let p = r.protocolNumber { byProtocol[p, default: []].append(rule) } else { anyProtocol.insertBit(rule) }
        }
        for p in 0...255 {
            var set = anyProtocol
            for rule in byProtocol[UInt8(p)] ?? [] { set.insertBit(rule) }
            protocolSets.append(pool.intern(set))
        }
        self.protocolSets = protocolSets

        // Addresses.
        sources = AddressFieldIndex(members: rules.map(\.sources), pool: &pool)
        destinations = AddressFieldIndex(members: rules.map(\.destinations), pool: &pool)

        // Ports (TCP, UDP, SCTP packets).
        var sourceBase = pool.emptySet()
        var destinationBase = pool.emptySet()
        var sourceCandidates: [Int] = []
        var destinationCandidates: [Int] = []
        var sourceOperators: Set<PortOperator> = []
        var destinationOperators: Set<PortOperator> = []
        for (rule, r) in rules.enumerated() where r.icmp.isEmpty {
            if r.sourcePorts.isEmpty { sourceBase.insertBit(rule) } else {
                sourceCandidates.append(rule)
                for list in r.sourcePorts { sourceOperators.formUnion(list) }
            }
            if r.destinationPorts.isEmpty { destinationBase.insertBit(rule) } else {
                destinationCandidates.append(rule)
                for list in r.destinationPorts { destinationOperators.formUnion(list) }
            }
        }
        sourcePorts = PortFieldIndex(base: sourceBase, candidates: sourceCandidates,
                                     operators: Array(sourceOperators), pool: &pool) { rules[$0].admitsSourcePort($1) }
        destinationPorts = PortFieldIndex(base: destinationBase, candidates: destinationCandidates,
                                          operators: Array(destinationOperators), pool: &pool) {
            rules[$0].admitsDestinationPort($1)
        }

        // ICMP.
        var icmpBase = pool.emptySet()
        var icmpCandidates: [Int] = []
        var codesOfType: [UInt8: Set<UInt8>] = [:]
        for (rule, r) in rules.enumerated() where r.sourcePorts.isEmpty && r.destinationPorts.isEmpty {
            if r.icmp.isEmpty { icmpBase.insertBit(rule); continue }
            icmpCandidates.append(rule)
            for list in r.icmp {
                for m in list { if let code = m.code { codesOfType[m.type, default: []].insert(code) } }
            }
        }
        let icmpSet = { (type: UInt8, code: UInt8, pool: inout RuleSetPool) -> Int32 in
            var set = icmpBase
            for rule in icmpCandidates where rules[rule].admitsICMP(type: type, code: code) { set.insertBit(rule) }
            return pool.intern(set)
        }
        var icmpTypeSets: [Int32] = []
        var icmpCodeSets: [UInt16: Int32] = [:]
        var icmpTypeHasCodes: [Bool] = []
        for t in 0...255 {
            let type = UInt8(t)
            let named = codesOfType[type] ?? []
            // A code no rule names stands for every such code.
            let unnamed = (0...255).first { !named.contains(UInt8($0)) }.map(UInt8.init)
            icmpTypeSets.append(unnamed.map { icmpSet(type, $0, &pool) } ?? pool.intern(pool.emptySet()))
            for code in named { icmpCodeSets[UInt16(type) << 8 | UInt16(code)] = icmpSet(type, code, &pool) }
            icmpTypeHasCodes.append(!named.isEmpty)
        }
        self.icmpTypeSets = icmpTypeSets
        self.icmpCodeSets = icmpCodeSets
        self.icmpTypeHasCodes = icmpTypeHasCodes

        var other = pool.emptySet()
        for (rule, r) in rules.enumerated() where r.admitsOtherProtocols { other.insertBit(rule) }
        otherProtocolSet = pool.intern(other)
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
    func firstMatchingEntry(_ packet: FirewallPacket, at time: LocalDateTime?) -> (index: Int, assumed: Bool)? {
        let protocolSet = Int(protocolSets[Int(packet.ipProtocol)])
        let sourceSet = Int(sources.prefixSet(packet.source))
        let destinationSet = Int(destinations.prefixSet(packet.destination))
        let l4a: Int
        let l4b: Int
        if packet.carriesPorts {
            l4a = Int(sourcePorts.set(packet.sourcePort))
            l4b = Int(destinationPorts.set(packet.destinationPort))
        } else if packet.isICMP {
            let type = packet.icmpType
            var set = icmpTypeSets[Int(type)]
            if icmpTypeHasCodes[Int(type)], let coded = icmpCodeSets[UInt16(type) << 8 | UInt16(packet.icmpCode)] {
                set = coded
            }
            l4a = Int(set)
            l4b = l4a
        } else {
            l4a = Int(otherProtocolSet)
            l4b = l4a
        }
        let wordCount = pool.wordCount
        let summaryCount = pool.summaryCount
        return pool.words.withUnsafeBufferPointer { words in
            pool.summaries.withUnsafeBufferPointer { summaries in
                guard let w = words.baseAddress, let s = summaries.baseAddress else { return nil }
                let operands = Operands(
                    words: (w + protocolSet * wordCount, w + sourceSet * wordCount, w + destinationSet * wordCount,
                            w + l4a * wordCount, w + l4b * wordCount),
                    summaries: (s + protocolSet * summaryCount, s + sourceSet * summaryCount,
                                s + destinationSet * summaryCount, s + l4a * summaryCount, s + l4b * summaryCount))
                if sources.masked.isEmpty && destinations.masked.isEmpty {
                    return search(operands, packet: packet, at: time)
                }
                return searchWithMasks(operands, packet: packet, at: time, words: w, summaries: s)
            }
        }
    }

    /// Five sets to intersect, as pointers to their words and summaries.
    struct Operands {
        typealias P = UnsafePointer<UInt64>
        var words: (P, P, P, P, P)
        var summaries: (P, P, P, P, P)
    }

    @inline(__always)
    private func search(_ o: Operands, packet: FirewallPacket, at time: LocalDateTime?) -> (index: Int, assumed: Bool)? {
        let (w0, w1, w2, w3, w4) = o.words
        let (s0, s1, s2, s3, s4) = o.summaries
        for si in 0..<pool.summaryCount {
            var m = s0[si] & s1[si] & s2[si] & s3[si] & s4[si]
            while m != 0 {
                let wi = si << 6 | m.trailingZeroBitCount
                var x = w0[wi] & w1[wi] & w2[wi] & w3[wi] & w4[wi]
                while x != 0 {
                    let rule = wi << 6 | x.trailingZeroBitCount
                    if !ruleNeedsCheck[rule] { return (Int(ruleEntry[rule]), false) }
                    if let found = check(rule, packet: packet, at: time) { return found }
                    x &= x &- 1
                }
                m &= m &- 1
            }
        }
        return nil
    }

    /// The slow path for non-contiguous masks: the address operands become the union of the
    /// prefix set and every masked member that matches, built in scratch space.
    private func searchWithMasks(_ operands: Operands, packet: FirewallPacket, at time: LocalDateTime?,
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
                let hits = field.masked.filter { a.value & $0.mask == $0.address }
                if hits.isEmpty { return false }
                for i in 0..<wordCount { out[i] = w[i] }
                for i in 0..<summaryCount { out[wordCount + i] = s[i] }
                for hit in hits {
                    let hw = words + Int(hit.set) * wordCount
                    let hs = summaries + Int(hit.set) * summaryCount
                    for i in 0..<wordCount { out[i] |= hw[i] }
                    for i in 0..<summaryCount { out[wordCount + i] |= hs[i] }
                }
                return true
            }
            if merge(sources, packet.source, o.words.1, o.summaries.1, into: base) {
                o.words.1 = UnsafePointer(base)
                o.summaries.1 = UnsafePointer(base + wordCount)
            }
            if merge(destinations, packet.destination, o.words.2, o.summaries.2, into: base + width) {
                o.words.2 = UnsafePointer(base + width)
                o.summaries.2 = UnsafePointer(base + width + wordCount)
            }
            return search(o, packet: packet, at: time)
        }
    }

    /// Whether the entry behind `rule` takes part (time range, `ifc`).
    private func check(_ rule: Int, packet: FirewallPacket, at time: LocalDateTime?) -> (index: Int, assumed: Bool)? {
        let index = Int(ruleEntry[rule])
        switch EntryActivity.state(of: expanded.entries[index], ingress: packet.ingressInterface, at: time) {
        case .skipped: return nil
        case .active: return (index, false)
        case .assumedActive: return (index, true)
        }
    }

    // MARK: - Figures

    /// The number of rules (active entries × protocol-position members).
    public var ruleCount: Int { rules.count }

    /// The number of distinct rule sets stored.
    public var ruleSetCount: Int { pool.count }

    /// The bytes of the compiled lookup structures (rule sets, LPM tries, port and ICMP
    /// tables), excluding the expanded access list it keeps for reporting.
    public var byteCount: Int {
        pool.byteCount + sources.byteCount + destinations.byteCount + sourcePorts.byteCount
            + destinationPorts.byteCount + protocolSets.count * 4 + icmpTypeSets.count * 4 + icmpCodeSets.count * 8
            + ruleEntry.count * 4 + ruleNeedsCheck.count
    }
}
