import LPM

/// The source or destination field of a compiled access list: for any address, the set of rules
/// whose members contain it.
///
/// Every member prefix goes into the shared LPM engine (`PrefixTable`, compiled to a poptrie);
/// each prefix carries the set of rules of itself *and every prefix containing it*, so one
/// longest-prefix match yields every rule that covers the address. Members with a
/// non-contiguous mask cannot be prefixes: they are kept aside and tested with their mask.
struct AddressFieldIndex: Sendable {
    /// A non-contiguous IPv4 member and the rules that use it.
    struct MaskedMember: Sendable {
        let address: UInt32
        let mask: UInt32
        let set: Int32
    }

    /// Longest match → rule-set id.
    let table: CompiledPrefixTable<Int32>
    /// Non-contiguous members (usually none).
    let masked: [MaskedMember]
    /// The id of the empty set (no prefix covers the address).
    let emptySet: Int32

    /// Builds the field from each rule's members.
    init(members: [[AddressMember]], pool: inout RuleSetPool) {
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
        emptySet = pool.intern(pool.emptySet())
        var table = PrefixTable<Int32>()
        var stack: [(prefix: IPPrefix, set: [UInt64])] = []
        for prefix in own.keys.sorted() {
            while let top = stack.last, !top.prefix.contains(prefix) { stack.removeLast() }
            var set = stack.last?.set ?? pool.emptySet()
            for rule in own[prefix] ?? [] { set.insertBit(rule) }
            table.insert(pool.intern(set), for: prefix)
            stack.append((prefix, set))
        }
        self.table = table.compiled()
        var masked: [MaskedMember] = []
        for key in maskedOwn.keys.sorted() {
            var set = pool.emptySet()
            for rule in maskedOwn[key] ?? [] { set.insertBit(rule) }
            masked.append(MaskedMember(address: UInt32(truncatingIfNeeded: key >> 32),
                                       mask: UInt32(truncatingIfNeeded: key), set: pool.intern(set)))
        }
        self.masked = masked
    }

    /// The rule set of the prefixes covering `address` (masked members not included).
    @inline(__always)
    func prefixSet(_ address: IPAddress) -> Int32 {
        switch address {
        case .v4(let a): return table.value(for: a) ?? emptySet
        case .v6(let a): return table.value(for: a) ?? emptySet
        }
    }

    /// The bytes of the compiled LPM structure.
    var byteCount: Int {
        table.trieByteCount(for: .v4) + table.trieByteCount(for: .v6) + table.entryByteCount(for: .v4)
            + table.entryByteCount(for: .v6) + masked.count * MemoryLayout<MaskedMember>.stride
    }
}
