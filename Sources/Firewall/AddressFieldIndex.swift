import LPM

/// The source or destination field of a compiled access list: for any address and chunk, the set
/// of the chunk's rules whose members contain the address.
///
/// Every member prefix goes into the shared LPM engine (`PrefixTable`, compiled to a poptrie) once;
/// a lookup gives the most specific prefix containing the address. Per chunk, each prefix maps to
/// the set of rules of itself *and every prefix containing it*, so one longest-prefix match yields
/// every rule that covers the address. Members with a non-contiguous mask cannot be prefixes:
/// they are kept aside and tested with their mask.
internal struct AddressFieldIndex: Sendable {
    /// A non-contiguous IPv4 member; its rule sets per chunk are in `maskedSets`.
    internal struct MaskedMember: Sendable {
        let address: UInt32
        let mask: UInt32
    }

    /// Longest match → prefix number.
    internal let table: CompiledPrefixTable<Int32>
    /// The number of distinct prefixes; prefix number `prefixCount` stands for "none".
    internal let prefixCount: Int
    /// Chunk × (prefix number or none) → rule-set id, row `chunk`, `prefixCount + 1` wide.
    internal let setOfPrefix: [Int32]
    /// Non-contiguous members (usually none).
    internal let masked: [MaskedMember]
    /// Chunk × masked member → rule-set id, row `chunk`, `masked.count` wide.
    internal let maskedSets: [Int32]

    /// Builds the field from each rule's members.
    internal init(members: [[AddressMember]], chunking: RuleChunking, pool: inout RuleSetPool) {
        var unused: [[Int]?] = []
        self.init(members: members, chunking: chunking, pool: &pool, candidateLimit: nil, candidates: &unused)
    }

    /// Builds the field and, with a `candidateLimit`, gives in `candidates` each prefix number's
    /// rules (see `CandidateBuckets.candidates`); all nil when the field has non-contiguous masks.
    internal init(members: [[AddressMember]], chunking: RuleChunking, pool: inout RuleSetPool, candidateLimit: Int?,
                  candidates: inout [[Int]?]) {
        var own: [IPPrefix: [Int]] = [:]
        var maskedOwn: [UInt64: [Int]] = [:]
        for (rule, list) in members.enumerated() {
            for member in list {
                if case .maskedIPv4(let address, let mask) = member {
                    maskedOwn[UInt64(address) << 32 | UInt64(mask), default: []].append(rule)
                    continue
                }
                for prefix in member.prefixes { own[prefix, default: []].append(rule) }
            }
        }
        // Sorted so that a prefix comes right after every prefix containing it.
        let prefixes = own.keys.sorted()
        var table = PrefixTable<Int32>()
        var parent = [Int](repeating: -1, count: prefixes.count)
        var stack: [Int] = []
        for (index, prefix) in prefixes.enumerated() {
            while let top = stack.last, !prefixes[top].contains(prefix) { stack.removeLast() }
            parent[index] = stack.last ?? -1
            stack.append(index)
            table.insert(Int32(index), for: prefix)
        }
        self.table = table.compiled()
        prefixCount = prefixes.count
        let ownLists = prefixes.map { own[$0] ?? [] }
        if let candidateLimit {
            candidates = maskedOwn.isEmpty
                ? CandidateBuckets.candidates(own: ownLists, parent: parent, limit: candidateLimit)
                : [[Int]?](repeating: nil, count: prefixes.count + 1)
        }

        let empty = pool.intern(pool.emptySet())
        let width = prefixes.count + 1
        var setOfPrefix = [Int32](repeating: empty, count: chunking.count * width)
        // Own rules of each prefix, ascending, consumed chunk by chunk through a cursor.
        var cursor = [Int](repeating: 0, count: prefixes.count)
        for chunk in 0..<chunking.count {
            let row = chunk * width
            for index in prefixes.indices {
                let inherited = parent[index] < 0 ? empty : setOfPrefix[row + parent[index]]
                let list = ownLists[index]
                var end = cursor[index]
                while end < list.count, chunking.chunk(of: list[end]) == chunk { end += 1 }
                if end == cursor[index] {
                    setOfPrefix[row + index] = inherited
                    continue
                }
                var set = pool.set(inherited)
                for rule in list[cursor[index]..<end] { set.insertBit(chunking.bit(of: rule)) }
                cursor[index] = end
                setOfPrefix[row + index] = pool.intern(set)
            }
        }
        self.setOfPrefix = setOfPrefix

        var masked: [MaskedMember] = []
        var maskedSets: [Int32] = []
        let keys = maskedOwn.keys.sorted()
        for key in keys {
            masked.append(MaskedMember(address: UInt32(truncatingIfNeeded: key >> 32),
                                       mask: UInt32(truncatingIfNeeded: key)))
        }
        maskedSets = [Int32](repeating: empty, count: chunking.count * keys.count)
        for (column, key) in keys.enumerated() {
            var byChunk: [Int: [UInt64]] = [:]
            for rule in maskedOwn[key] ?? [] {
                byChunk[chunking.chunk(of: rule), default: pool.emptySet()].insertBit(chunking.bit(of: rule))
            }
            for (chunk, set) in byChunk { maskedSets[chunk * keys.count + column] = pool.intern(set) }
        }
        self.masked = masked
        self.maskedSets = maskedSets
    }

    /// The prefix number of the most specific prefix containing `address` (`prefixCount` if none).
    @inline(__always)
    internal func prefixNumber(_ address: IPAddress) -> Int {
        let found: Int32?
        switch address {
        case .v4(let a): found = table.value(for: a)
        case .v6(let a): found = table.value(for: a)
        }
        return found.map(Int.init) ?? prefixCount
    }

    /// The rule set of chunk `chunk` for prefix number `number` (masked members not included).
    @inline(__always)
    internal func set(chunk: Int, prefixNumber number: Int) -> Int32 {
        setOfPrefix[chunk * (prefixCount + 1) + number]
    }

    /// The bytes of the compiled LPM structure and the per-chunk tables.
    internal var byteCount: Int {
        table.trieByteCount(for: .v4) + table.trieByteCount(for: .v6) + table.entryByteCount(for: .v4)
            + table.entryByteCount(for: .v6) + setOfPrefix.count * 4 + masked.count * 8 + maskedSets.count * 4
    }
}
