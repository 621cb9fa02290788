/// A read-only form of a `PrefixTable`, compiled for millions of longest-prefix-match lookups.
///
/// Each address family is compiled into a poptrie (Asai & Ohara, "Poptrie: A Compressed Trie
/// with Population Count for Fast and Scalable Software IP Routing Table Lookup", SIGCOMM 2015):
/// direct pointing on the top 18 bits of the address (fewer for small tables), then nodes that
/// consume 6 bits each and find their children and leaves with a population count over a 64-bit
/// bitmap, with runs of equal leaves stored once. A lookup reads two contiguous arrays, allocates
/// nothing, and returns exactly what `PrefixTable.longestMatch` returns. (The node layout departs
/// from the paper's where that saves cache misses and instructions on large tables; `Poptrie`
/// documents how.)
///
/// Entries are numbered `0..<count` in table order (IPv4 before IPv6, then by network address,
/// then shorter prefixes first); `longestMatchIndex` returns such a number, and `entry(at:)`,
/// `prefix(at:)` and `value(at:)` read it back. Hot callers that only need a value or an index
/// use `value(for:)` and `longestMatchIndex(_:)`, which are inlinable into the caller, or, for
/// many addresses at once, `longestMatchIndexes(_:into:)`, which also spares them a "matched?"
/// branch per address.
public struct CompiledPrefixTable<Value> {
    /// The IPv4 lookup structure; its leaves are entry indexes plus one.
    @usableFromInline internal let ipv4: Poptrie
    /// The IPv6 lookup structure; its leaves are entry indexes plus one.
    @usableFromInline internal let ipv6: Poptrie
    /// The value of every entry, in table order.
    @usableFromInline internal let values: [Value]
    /// The prefix length of every entry, in table order.
    internal let lengths: [UInt8]
    /// The network addresses of the IPv4 entries (entries `0..<ipv4Networks.count`).
    internal let ipv4Networks: [UInt32]
    /// The network addresses of the IPv6 entries (the entries after the IPv4 ones).
    internal let ipv6Networks: [IPv6Address]

    /// Compiles `table`. Later changes to `table` do not affect the compiled form.
    public init(_ table: PrefixTable<Value>) {
        self.init(table, ipv4DirectBits: nil, ipv6DirectBits: nil)
    }

    /// Compiles `table`, optionally forcing the direct-pointing widths (for tests).
    internal init(_ table: PrefixTable<Value>, ipv4DirectBits: Int?, ipv6DirectBits: Int?) {
        let v4 = table.sortedIPv4()
        let v6 = table.sortedIPv6()
        let ipv4Count = v4.networks.count
        let ipv6Count = v6.networks.count
        // Table order puts every IPv4 entry first: IPv4 entry i is entry i, IPv6 entry j is
        // entry ipv4Count + j.
        ipv4 = PoptrieBuilder.build(
            high: v4.networks.map { UInt64($0) << 32 },
            low: [UInt64](repeating: 0, count: ipv4Count),
            lengths: v4.lengths,
            leafBase: 0,
            directBits: ipv4DirectBits ?? PoptrieBuilder.directBits(forCount: ipv4Count, maximum: 18))
        ipv6 = PoptrieBuilder.build(
            high: v6.networks.map(\.high),
            low: v6.networks.map(\.low),
            lengths: v6.lengths,
            leafBase: ipv4Count,
            directBits: ipv6DirectBits ?? PoptrieBuilder.directBits(forCount: ipv6Count, maximum: 18))
        values = v4.values + v6.values
        lengths = v4.lengths + v6.lengths
        ipv4Networks = v4.networks
        ipv6Networks = v6.networks
    }

    /// The number of prefixes in the table.
    public var count: Int { values.count }

    /// True when the table holds no prefix.
    public var isEmpty: Bool { values.isEmpty }

    // MARK: - Longest match

    /// The most specific prefix containing `address`, with its value; the same answer as
    /// `PrefixTable.longestMatch` on the table this was compiled from.
    public func longestMatch(_ address: IPAddress) -> PrefixTable<Value>.Entry? {
        guard let index = longestMatchIndex(address) else { return nil }
        return PrefixTable<Value>.Entry(
            prefix: IPPrefix(containing: address, length: Int(lengths[index])), value: values[index])
    }

    /// The most specific IPv4 prefix containing `address`, with its value.
    public func longestMatch(_ address: IPv4Address) -> PrefixTable<Value>.Entry? {
        longestMatch(.v4(address))
    }

    /// The most specific IPv6 prefix containing `address`, with its value.
    public func longestMatch(_ address: IPv6Address) -> PrefixTable<Value>.Entry? {
        longestMatch(.v6(address))
    }

    /// The index (see `entry(at:)`) of the most specific prefix containing `address`, or nil.
    @inlinable
    public func longestMatchIndex(_ address: IPAddress) -> Int? {
        switch address {
        case .v4(let v4): return longestMatchIndex(v4)
        case .v6(let v6): return longestMatchIndex(v6)
        }
    }

    /// The index (see `entry(at:)`) of the most specific IPv4 prefix containing `address`, or
    /// nil. Allocation-free; `IPv4Address(rawValue)` costs nothing, so callers holding a raw
    /// `UInt32` pass `IPv4Address(raw)`.
    @inlinable @inline(__always)
    public func longestMatchIndex(_ address: IPv4Address) -> Int? {
        // Leaves are indexes plus one: the index, or -1 for "no match", then the optional. A
        // caller's `?? -1` still compiles to a "matched?" branch (Swift 6.1 does not see that both
        // sides give the leaf minus one, however this is written), which random addresses
        // mispredict; callers with many addresses use `longestMatchIndexes`, which has none. The
        // subtraction is done in 32 bits and sign-extended, as when the firewall's realistic list
        // measured 6.6 M packets/s; the `Int(leaf) &- 1` form gave 4.1–5.4 in two runs (a weak
        // signal: runs on the 2-core VM vary by up to 40 %).
        let index = Int(Int32(bitPattern: ipv4.leaf(ipv4: address.value) &- 1))
        return index < 0 ? nil : index
    }

    /// The index (see `entry(at:)`) of the most specific IPv6 prefix containing `address`, or
    /// nil. Allocation-free.
    @inlinable @inline(__always)
    public func longestMatchIndex(_ address: IPv6Address) -> Int? {
        let index = Int(Int32(bitPattern: ipv6.leaf(high: address.high, low: address.low) &- 1))
        return index < 0 ? nil : index
    }

    /// The value of the most specific prefix containing `address`, or nil.
    @inlinable
    public func value(for address: IPAddress) -> Value? {
        longestMatchIndex(address).map { values[$0] }
    }

    /// The value of the most specific IPv4 prefix containing `address`, or nil. Allocation-free.
    @inlinable @inline(__always)
    public func value(for address: IPv4Address) -> Value? {
        guard let index = longestMatchIndex(address) else { return nil }
        return values[index]
    }

    /// The value of the most specific IPv6 prefix containing `address`, or nil. Allocation-free.
    @inlinable @inline(__always)
    public func value(for address: IPv6Address) -> Value? {
        guard let index = longestMatchIndex(address) else { return nil }
        return values[index]
    }

    // MARK: - Batches

    /// Looks up every address in `addresses`, writing to the same position of `indexes` the
    /// index (see `entry(at:)`) of the most specific prefix containing it, or -1.
    ///
    /// Allocation-free and branch-free per address: callers with many addresses (log scans,
    /// matrices) get the most lookups per second this way, since no mispredicted "matched?"
    /// branch discards the lookups the processor has started ahead, and the addresses go
    /// through each step of the lookup 64 at a time, so that their cache misses overlap.
    ///
    /// - Precondition: `indexes.count >= addresses.count`.
    @inlinable
    public func longestMatchIndexes(
        _ addresses: UnsafeBufferPointer<IPv4Address>, into indexes: UnsafeMutableBufferPointer<Int32>
    ) {
        precondition(indexes.count >= addresses.count, "one index per address")
        guard let output = indexes.baseAddress, let input = addresses.baseAddress else { return }
        // `IPv4Address` is a `UInt32` (`value`) and nothing else, so its buffer is one of words.
        input.withMemoryRebound(to: UInt32.self, capacity: addresses.count) { words in
            ipv4.indexes(ipv4: words, count: addresses.count, into: output)
        }
    }

    /// Looks up every address in `addresses`, writing to the same position of `indexes` the
    /// index (see `entry(at:)`) of the most specific prefix containing it, or -1.
    ///
    /// - Precondition: `indexes.count >= addresses.count`.
    @inlinable
    public func longestMatchIndexes(
        _ addresses: UnsafeBufferPointer<IPv6Address>, into indexes: UnsafeMutableBufferPointer<Int32>
    ) {
        precondition(indexes.count >= addresses.count, "one index per address")
        guard let output = indexes.baseAddress else { return }
        for position in addresses.indices {
            let address = addresses[position]
            output[position] = Int32(bitPattern: ipv6.leaf(high: address.high, low: address.low)) &- 1
        }
    }

    // MARK: - Entries by index

    /// The entry at `index`, in table order.
    ///
    /// - Precondition: `0 <= index < count`.
    public func entry(at index: Int) -> PrefixTable<Value>.Entry {
        PrefixTable<Value>.Entry(prefix: prefix(at: index), value: values[index])
    }

    /// The prefix of the entry at `index`, in table order.
    ///
    /// - Precondition: `0 <= index < count`.
    public func prefix(at index: Int) -> IPPrefix {
        let length = Int(lengths[index])
        if index < ipv4Networks.count {
            return IPPrefix(containing: .v4(IPv4Address(ipv4Networks[index])), length: length)
        }
        return IPPrefix(containing: .v6(ipv6Networks[index - ipv4Networks.count]), length: length)
    }

    /// The value of the entry at `index`, in table order.
    ///
    /// - Precondition: `0 <= index < count`.
    @inlinable
    public func value(at index: Int) -> Value {
        values[index]
    }

    /// Every entry in table order: the same sequence as the source table's `entries`.
    public var entries: [PrefixTable<Value>.Entry] {
        (0..<count).map(entry(at:))
    }

    // MARK: - Memory

    /// The bytes of the lookup structure of `family` (direct array, nodes, leaves), excluding
    /// the per-entry arrays counted by `entryByteCount(for:)`.
    public func trieByteCount(for family: IPFamily) -> Int {
        family == .v4 ? ipv4.byteCount : ipv6.byteCount
    }

    /// The bytes of the per-entry arrays of `family`: network addresses, lengths and values.
    public func entryByteCount(for family: IPFamily) -> Int {
        let perEntry = MemoryLayout<UInt8>.stride + MemoryLayout<Value>.stride
        switch family {
        case .v4: return ipv4Networks.count * (perEntry + MemoryLayout<UInt32>.stride)
        case .v6: return ipv6Networks.count * (perEntry + MemoryLayout<IPv6Address>.stride)
        }
    }
}

extension CompiledPrefixTable: Sendable where Value: Sendable {}
