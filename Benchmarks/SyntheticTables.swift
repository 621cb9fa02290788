import LPM
import TestSupport

/// Seeded synthetic routing tables with Internet-like prefix lengths.
enum SyntheticTables {
    /// Per mille of IPv4 prefixes of each length, after the real full table: mostly /24, the
    /// rest /8–/23, a few longer.
    private static let ipv4LengthMix: [(ClosedRange<Int>, Int)] = [
        (8...15, 5), (16...16, 15), (17...17, 9), (18...18, 15), (19...19, 28), (20...20, 47), (21...21, 56),
        (22...22, 120), (23...23, 107), (24...24, 596), (25...32, 2),
    ]

    /// Per mille of IPv6 prefixes of each length: mostly /32–/48.
    private static let ipv6LengthMix: [(ClosedRange<Int>, Int)] = [
        (20...28, 5), (29...29, 30), (30...31, 10), (32...32, 150), (33...35, 50), (36...36, 40), (37...39, 30),
        (40...40, 90), (41...43, 30), (44...44, 90), (45...47, 50), (48...48, 410), (49...64, 10), (65...128, 5),
    ]

    private static func length(_ mix: [(ClosedRange<Int>, Int)], _ rng: inout SplitMix64) -> Int {
        var roll = rng.below(1000)
        for (range, weight) in mix {
            if roll < weight { return range.lowerBound + rng.below(range.count) }
            roll -= weight
        }
        return mix[mix.count - 1].0.upperBound
    }

    /// `count` distinct IPv4 prefixes in 1.0.0.0–223.255.255.255.
    static func ipv4(count: Int, rng: inout SplitMix64) -> [IPPrefix] {
        var seen = Set<UInt64>()
        var result: [IPPrefix] = []
        result.reserveCapacity(count)
        while result.count < count {
            let length = length(ipv4LengthMix, &rng)
            let firstOctet = UInt32(1 + rng.below(223))
            let address = firstOctet << 24 | UInt32(truncatingIfNeeded: rng.next()) & 0x00FF_FFFF
            let network = length == 0 ? 0 : address & (UInt32.max << UInt32(32 - length))
            if seen.insert(UInt64(network) << 8 | UInt64(length)).inserted {
                result.append(IPPrefix(containing: .v4(IPv4Address(network)), length: length))
            }
        }
        return result
    }

    /// `count` distinct IPv6 prefixes in 2000::/3; about half of the ones from /36 on are
    /// carved out of a shorter prefix already in the table, as allocations are.
    static func ipv6(count: Int, rng: inout SplitMix64) -> [IPPrefix] {
        var seen = Set<IPPrefix>()
        var result: [IPPrefix] = []
        var parents: [IPPrefix] = []
        result.reserveCapacity(count)
        while result.count < count {
            let length = length(ipv6LengthMix, &rng)
            var high = 0x2000_0000_0000_0000 | rng.next() >> 3
            let low = rng.next()
            if length >= 36, !parents.isEmpty, rng.below(2) == 0 {
                let parent = parents[rng.below(parents.count)]
                if case .v6(let base) = parent.address {
                    high = base.high | high & (UInt64.max >> UInt64(parent.length))
                }
            }
            let prefix = IPPrefix(containing: .v6(IPv6Address(high: high, low: low)), length: length)
            if seen.insert(prefix).inserted {
                result.append(prefix)
                if length < 36 { parents.append(prefix) }
            }
        }
        return result
    }

    /// Lookup addresses for an IPv6 table: half inside a random table prefix (random host bits),
    /// half anywhere in 2000::/3 — uniformly random 128-bit addresses would almost all miss.
    static func ipv6Addresses(near prefixes: [IPPrefix], count: Int, rng: inout SplitMix64) -> [IPv6Address] {
        (0..<count).map { i in
            let high = rng.next()
            let low = rng.next()
            guard i % 2 == 0, !prefixes.isEmpty else {
                return IPv6Address(high: 0x2000_0000_0000_0000 | high >> 3, low: low)
            }
            // Inside a table prefix: its network bits, random host bits.
            let prefix = prefixes[rng.below(prefixes.count)]
            guard case .v6(let network) = prefix.address, case .v6(let last) = prefix.lastAddress else {
                return IPv6Address(high: high, low: low)
            }
            let hostHigh = network.high ^ last.high
            let hostLow = network.low ^ last.low
            return IPv6Address(high: network.high | high & hostHigh, low: network.low | low & hostLow)
        }
    }
}
