import LPM

/// Splits an inclusive address range into the fewest prefixes that cover exactly that range, so
/// `range A B` objects can go into the LPM engine.
internal enum RangeSplitter {
    /// The prefixes covering `first...last` exactly, ascending; empty when the bounds are of
    /// different families or reversed.
    internal static func prefixes(from first: IPAddress, through last: IPAddress) -> [IPPrefix] {
        switch (first, last) {
        case (.v4(let a), .v4(let b)):
            return split(UInt128(a.value), UInt128(b.value), bits: 32).map {
                IPPrefix(containing: .v4(IPv4Address(UInt32(truncatingIfNeeded: $0.start))), length: $0.length)
            }
        case (.v6(let a), .v6(let b)):
            let lo = UInt128(a.high) << 64 | UInt128(a.low)
            let hi = UInt128(b.high) << 64 | UInt128(b.low)
            return split(lo, hi, bits: 128).map {
                IPPrefix(containing: .v6(IPv6Address(high: UInt64(truncatingIfNeeded: $0.start >> 64),
                                                     low: UInt64(truncatingIfNeeded: $0.start))),
                         length: $0.length)
            }
        default:
            return []
        }
    }

    private static func split(_ low: UInt128, _ high: UInt128, bits: Int) -> [(start: UInt128, length: Int)] {
        guard low <= high else { return [] }
        var result: [(UInt128, Int)] = []
        var start = low
        while true {
            // The largest aligned block starting at `start` that does not pass `high`.
            var size = start == 0 ? bits : min(start.trailingZeroBitCount, bits)
            while size > 0 {
                let last = start &+ ((UInt128(1) << UInt128(size)) &- 1)
                if last >= start && last <= high { break }
                size -= 1
            }
            result.append((start, bits - size))
            let last = start &+ (size == 0 ? 0 : (UInt128(1) << UInt128(size)) &- 1)
            if last >= high { break }
            start = last &+ 1
        }
        return result
    }
}
