extension PrefixTable {
    /// The IPv4 entries in table order (by network address, then shorter first).
    ///
    /// The same order as `entries`, but it sorts plain integer keys instead of generic entries,
    /// which is an order of magnitude faster on large tables; `compiled()` depends on it.
    internal func sortedIPv4() -> SortedPrefixes<UInt32, Value> {
        var raw: [Value] = []
        var keys: [(key: UInt64, position: Int)] = []
        for length in 0...32 {
            for (network, value) in v4[length] {
                keys.append((UInt64(network) << 8 | UInt64(length), raw.count))
                raw.append(value)
            }
        }
        keys.sort { $0.key < $1.key }
        var result = SortedPrefixes<UInt32, Value>()
        result.networks = keys.map { UInt32(truncatingIfNeeded: $0.key >> 8) }
        result.lengths = keys.map { UInt8(truncatingIfNeeded: $0.key) }
        result.values = keys.map { raw[$0.position] }
        return result
    }

    /// The IPv6 entries in table order (by network address, then shorter first).
    internal func sortedIPv6() -> SortedPrefixes<IPv6Address, Value> {
        var raw: [Value] = []
        var keys: [(high: UInt64, low: UInt64, length: UInt8, position: Int)] = []
        for length in 0...128 {
            for (network, value) in v6[length] {
                keys.append((network.high, network.low, UInt8(length), raw.count))
                raw.append(value)
            }
        }
        keys.sort { ($0.high, $0.low, $0.length) < ($1.high, $1.low, $1.length) }
        var result = SortedPrefixes<IPv6Address, Value>()
        result.networks = keys.map { IPv6Address(high: $0.high, low: $0.low) }
        result.lengths = keys.map(\.length)
        result.values = keys.map { raw[$0.position] }
        return result
    }
}
