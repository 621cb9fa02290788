import LPM

/// One partition of a compiled access list: some of its rules, in evaluation order, with every
/// packet field mapped to the set of rules admitting its value.
///
/// Addresses go through the shared LPM engine (with a separate exact path for non-contiguous
/// masks), ports through interval tables. The sets are bit sets with a summary level, so the
/// intersection is scanned word by word only where every field has a rule, and the lowest
/// common bit is the first matching rule. Rules are split into chunks of at most 2,048, searched
/// in order; each field value also maps to a mask of the chunks holding a rule that admits it,
/// so a packet visits only the chunks where every field has a candidate. Entries with a time
/// range or an `ifc` qualifier are checked when their bit comes up.
///
/// A partition whose rules are narrow on one address field also has candidate buckets on that
/// field (`CandidateBuckets`): an IPv4 packet whose longest match there has a bucket is decided
/// by the bucket's few rules alone.
internal final class RulePartition: Sendable {
    /// The entries of the expanded access list (for per-packet activity checks).
    internal let entries: [ExpandedAccessControlEntry]
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
    /// Chunk → the entry index of its first rule (chunks past a known answer are skipped).
    internal let chunkFirstEntry: [Int32]
    /// True when the destination field is the narrow one (looked up first).
    internal let destinationFirst: Bool
    /// Candidate buckets on the narrow field (the destination with `destinationFirst`), when
    /// the partition's rules are narrow there.
    internal let buckets: CandidateBuckets?
    /// Words per chunk mask (one bit per chunk).
    internal let chunkWords: Int
    /// Protocol number → chunk mask, `chunkWords` wide.
    internal let protocolChunks: [UInt64]
    /// Source prefix number → chunk mask (all chunks when the field has non-contiguous masks).
    internal let sourceChunks: [UInt64]
    /// Destination prefix number → chunk mask, as `sourceChunks`.
    internal let destinationChunks: [UInt64]
    /// Source-port interval → chunk mask.
    internal let sourcePortChunks: [UInt64]
    /// Destination-port interval → chunk mask.
    internal let destinationPortChunks: [UInt64]

    /// Compiles `rules` (a subsequence of the access list's rules, in evaluation order) in chunks
    /// of at most `maximumChunkSize`; `destinationFirst` when their destinations are the narrow
    /// field; with `maximumBucketSize`, the narrow field also gets candidate buckets of at most
    /// that many rules.
    internal init(rules: [CompiledRule], entries: [ExpandedAccessControlEntry], maximumChunkSize: Int,
                  destinationFirst: Bool = false, maximumBucketSize: Int? = nil) {
        self.entries = entries
        self.destinationFirst = destinationFirst
        ruleEntry = rules.map { Int32($0.entryIndex) }
        ruleNeedsCheck = rules.map(\.needsCheck)

        let chunking = RuleChunking(ruleCount: rules.count, maximumSize: maximumChunkSize)
        chunkFirstEntry = (0..<chunking.count).map { chunk in
            let first = chunk * chunking.size
            return first < rules.count ? Int32(rules[first].entryIndex) : Int32.max
        }
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
        var candidates: [[Int]?] = []
        sources = AddressFieldIndex(members: rules.map(\.sources), chunking: chunking, pool: &pool,
                                    candidateLimit: destinationFirst ? nil : maximumBucketSize, candidates: &candidates)
        destinations = AddressFieldIndex(members: rules.map(\.destinations), chunking: chunking, pool: &pool,
                                         candidateLimit: destinationFirst ? maximumBucketSize : nil,
                                         candidates: &candidates)
        buckets = maximumBucketSize == nil
            ? nil
            : CandidateBuckets(candidates: candidates, rules: rules,
                               other: destinationFirst ? rules.map(\.sources) : rules.map(\.destinations))

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

        // Chunk masks: for each field value, the chunks where some rule admits it.
        let empty = pool.intern(pool.emptySet())
        let chunkWords = (chunking.count + 63) / 64
        self.chunkWords = chunkWords
        func masks(rows: Int, unfiltered: Bool, _ set: (_ chunk: Int, _ row: Int) -> Int32) -> [UInt64] {
            var result = [UInt64](repeating: 0, count: rows * chunkWords)
            for row in 0..<rows {
                for chunk in 0..<chunking.count where unfiltered || set(chunk, row) != empty {
                    result[row * chunkWords + chunk >> 6] |= 1 << UInt64(chunk & 63)
                }
            }
            return result
        }
        protocolChunks = masks(rows: 256, unfiltered: false) { chunk, row in protocolSets[chunk << 8 | row] }
        let sourceIndex = sources
        let destinationIndex = destinations
        let sourcePortIndex = sourcePorts
        let destinationPortIndex = destinationPorts
        sourceChunks = masks(rows: sourceIndex.prefixCount + 1, unfiltered: !sourceIndex.masked.isEmpty) {
            sourceIndex.set(chunk: $0, prefixNumber: $1)
        }
        destinationChunks = masks(rows: destinationIndex.prefixCount + 1,
                                  unfiltered: !destinationIndex.masked.isEmpty) {
            destinationIndex.set(chunk: $0, prefixNumber: $1)
        }
        sourcePortChunks = masks(rows: sourcePortIndex.intervalCount, unfiltered: false) {
            sourcePortIndex.set(chunk: $0, interval: $1)
        }
        destinationPortChunks = masks(rows: destinationPortIndex.intervalCount, unfiltered: false) {
            destinationPortIndex.set(chunk: $0, interval: $1)
        }
        self.pool = pool
    }

    // MARK: - Classification

    /// The first entry of this partition that decides `packet` at `time`, when its index is
    /// below `bound` (an answer already known elsewhere); nil otherwise.
    internal func firstMatchingEntry(_ packet: FirewallPacket, at time: LocalDateTime?, below bound: Int)
        -> (index: Int, assumed: Bool)?
    {
        if ruleEntry.isEmpty { return nil }
        if chunking.count == 1 && buckets == nil { return firstMatchInOnlyChunk(packet, at: time, below: bound) }
        // The narrow address field first: most packets meet no chunk there and stop, or are
        // decided by its bucket.
        let sourcePrefix: Int
        let destinationPrefix: Int
        if destinationFirst {
            destinationPrefix = destinations.prefixNumber(packet.destination)
            if let buckets, case .v4(let other) = packet.source, case .v4 = packet.destination,
               let answer = bucketSearch(buckets, prefixNumber: destinationPrefix, other: other.value, packet: packet,
                                         at: time, below: bound) {
                return answer
            }
            if chunkWords == 1, destinationChunks[destinationPrefix] == 0 { return nil }
            sourcePrefix = sources.prefixNumber(packet.source)
        } else {
            sourcePrefix = sources.prefixNumber(packet.source)
            if let buckets, case .v4(let other) = packet.destination, case .v4 = packet.source,
               let answer = bucketSearch(buckets, prefixNumber: sourcePrefix, other: other.value, packet: packet,
                                         at: time, below: bound) {
                return answer
            }
            if chunkWords == 1, sourceChunks[sourcePrefix] == 0 { return nil }
            destinationPrefix = destinations.prefixNumber(packet.destination)
        }
        let ports = packet.carriesPorts
        let sourceInterval = ports ? sourcePorts.interval(packet.sourcePort) : 0
        let destinationInterval = ports ? destinationPorts.interval(packet.destinationPort) : 0
        let fields = FieldValues(sourcePrefix: sourcePrefix, destinationPrefix: destinationPrefix,
                                 sourceInterval: sourceInterval, destinationInterval: destinationInterval, ports: ports,
                                 isICMP: !ports && packet.isICMP)
        return pool.words.withUnsafeBufferPointer { words in
            pool.summaries.withUnsafeBufferPointer { summaries in
                guard let w = words.baseAddress, let s = summaries.baseAddress else { return nil }
                for word in 0..<chunkWords {
                    var candidates = protocolChunks[Int(packet.ipProtocol) * chunkWords + word]
                        & sourceChunks[sourcePrefix * chunkWords + word]
                        & destinationChunks[destinationPrefix * chunkWords + word]
                    if ports {
                        candidates &= sourcePortChunks[sourceInterval * chunkWords + word]
                            & destinationPortChunks[destinationInterval * chunkWords + word]
                    }
                    while candidates != 0 {
                        let chunk = word << 6 | candidates.trailingZeroBitCount
                        candidates &= candidates &- 1
                        if Int(chunkFirstEntry[chunk]) >= bound { return nil }
                        if let found = searchChunk(chunk, fields, packet: packet, at: time, words: w, summaries: s) {
                            return found
                        }
                    }
                }
                return nil
            }
        }
    }

    /// The first match of a partition of one chunk without buckets (every list of a few thousand
    /// rules): the chunk is searched at once, its search finding nothing as quickly as chunk
    /// masks would. Kept apart from the search over many chunks, whose code it would share
    /// registers with.
    @inline(never)
    private func firstMatchInOnlyChunk(_ packet: FirewallPacket, at time: LocalDateTime?, below bound: Int)
        -> (index: Int, assumed: Bool)?
    {
        if Int(chunkFirstEntry[0]) >= bound { return nil }
        let ports = packet.carriesPorts
        let fields = FieldValues(sourcePrefix: sources.prefixNumber(packet.source),
                                 destinationPrefix: destinations.prefixNumber(packet.destination),
                                 sourceInterval: ports ? sourcePorts.interval(packet.sourcePort) : 0,
                                 destinationInterval: ports ? destinationPorts.interval(packet.destinationPort) : 0,
                                 ports: ports, isICMP: !ports && packet.isICMP)
        return pool.words.withUnsafeBufferPointer { words in
            pool.summaries.withUnsafeBufferPointer { summaries in
                guard let w = words.baseAddress, let s = summaries.baseAddress else { return nil }
                return searchChunk(0, fields, packet: packet, at: time, words: w, summaries: s)
            }
        }
    }

    /// A packet's field values as the partition's tables number them.
    internal struct FieldValues {
        var sourcePrefix: Int
        var destinationPrefix: Int
        var sourceInterval: Int
        var destinationInterval: Int
        var ports: Bool
        var isICMP: Bool
    }

    /// The first match within chunk `chunk`: its five sets intersected.
    @inline(__always)
    private func searchChunk(_ chunk: Int, _ fields: FieldValues, packet: FirewallPacket, at time: LocalDateTime?,
                             words w: UnsafePointer<UInt64>, summaries s: UnsafePointer<UInt64>)
        -> (index: Int, assumed: Bool)?
    {
        let wordCount = pool.wordCount
        let summaryCount = pool.summaryCount
        let protocolSet = Int(protocolSets[chunk << 8 | Int(packet.ipProtocol)])
        let sourceSet = Int(sources.set(chunk: chunk, prefixNumber: fields.sourcePrefix))
        let destinationSet = Int(destinations.set(chunk: chunk, prefixNumber: fields.destinationPrefix))
        let l4a: Int
        let l4b: Int
        if fields.ports {
            l4a = Int(sourcePorts.set(chunk: chunk, interval: fields.sourceInterval))
            l4b = Int(destinationPorts.set(chunk: chunk, interval: fields.destinationInterval))
        } else if fields.isICMP {
            var set = icmpTypeSets[chunk << 8 | Int(packet.icmpType)]
            if icmpTypeHasCodes[Int(packet.icmpType)],
               let coded = icmpCodeSets[UInt32(chunk) << 16 | UInt32(packet.icmpType) << 8 | UInt32(packet.icmpCode)] {
                set = coded
            }
            l4a = Int(set)
            l4b = l4a
        } else {
            l4a = Int(otherProtocolSets[chunk])
            l4b = l4a
        }
        let operands = Operands(
            words: (w + protocolSet * wordCount, w + sourceSet * wordCount, w + destinationSet * wordCount,
                    w + l4a * wordCount, w + l4b * wordCount),
            summaries: (s + protocolSet * summaryCount, s + sourceSet * summaryCount,
                        s + destinationSet * summaryCount, s + l4a * summaryCount, s + l4b * summaryCount))
        return sources.masked.isEmpty && destinations.masked.isEmpty
            ? search(operands, chunk: chunk, packet: packet, at: time)
            : searchWithMasks(operands, chunk: chunk, packet: packet, at: time, words: w, summaries: s)
    }

    /// The answer of the bucket for `prefixNumber` on the narrow field: nil when that prefix has
    /// no bucket, else the first of its rules below `bound` that decides `packet` (nil if none).
    @inline(__always)
    private func bucketSearch(_ buckets: CandidateBuckets, prefixNumber: Int, other: UInt32, packet: FirewallPacket,
                              at time: LocalDateTime?, below bound: Int) -> (index: Int, assumed: Bool)??
    {
        let span = buckets.bounds[prefixNumber]
        if span == CandidateBuckets.noBucket { return nil }
        let start = Int(truncatingIfNeeded: span >> 32)
        let end = Int(truncatingIfNeeded: span & 0xFFFF_FFFF)
        if start == end { return .some(nil) }
        let ipProtocol = packet.ipProtocol
        let ports = packet.carriesPorts
        let sourcePort = packet.sourcePort
        let destinationPort = packet.destinationPort
        return buckets.rules.withUnsafeBufferPointer { rules in
            buckets.alternatives.withUnsafeBufferPointer { alternatives in
                guard let r = rules.baseAddress, let a = alternatives.baseAddress else { return .some(nil) }
                for index in start..<end {
                    let rule = r[index]
                    if Int(rule.entryIndex) >= bound { return .some(nil) }
                    guard rule.admits(other: other, ipProtocol: ipProtocol, carriesPorts: ports,
                                      sourcePort: sourcePort, destinationPort: destinationPort, alternatives: a)
                    else { continue }
                    if rule.flags & BucketRule.needsCheck == 0 { return .some((Int(rule.entryIndex), false)) }
                    if let found = check(Int(rule.rule), packet: packet, at: time) { return .some(found) }
                }
                return .some(nil)
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
        switch EntryActivity.state(of: entries[index], packet: packet, at: time) {
        case .skipped: return nil
        case .active: return (index, false)
        case .assumedActive: return (index, true)
        }
    }

    // MARK: - Figures

    /// The number of rules.
    internal var ruleCount: Int { ruleEntry.count }

    /// The bytes of the lookup structures.
    internal var byteCount: Int {
        pool.byteCount + (buckets?.byteCount ?? 0) + sources.byteCount + destinations.byteCount
            + sourcePorts.byteCount + destinationPorts.byteCount + protocolSets.count * 4 + icmpTypeSets.count * 4 + icmpCodeSets.count * 8
            + otherProtocolSets.count * 4 + ruleEntry.count * 4 + ruleNeedsCheck.count + chunkFirstEntry.count * 4
            + (protocolChunks.count + sourceChunks.count + destinationChunks.count + sourcePortChunks.count
               + destinationPortChunks.count) * 8
    }
}
