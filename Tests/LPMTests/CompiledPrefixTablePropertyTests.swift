import Testing
@testable import LPM
import TestSupport

/// Random tables and addresses: the compiled table, the mutable table and a linear scan must agree.
///
/// Everything is drawn from a seeded `SplitMix64`, so a failure names its seed and reproduces.
@Suite("CompiledPrefixTable properties")
struct CompiledPrefixTablePropertyTests {
    /// Generates prefixes that cluster around a few anchors, so nesting, adjacency and shared
    /// trie nodes are common rather than accidental.
    private struct Generator {
        var rng: SplitMix64
        let family: IPFamily
        let anchors: [IPAddress]

        init(seed: UInt64, family: IPFamily) {
            rng = SplitMix64(seed: seed)
            self.family = family
            var anchors: [IPAddress] = []
            for _ in 0..<4 { anchors.append(Generator.random(family, &rng)) }
            // The edges of the address space are where off-by-one mistakes live.
            anchors.append(family == .v4 ? .v4(IPv4Address(0)) : .v6(IPv6Address(high: 0, low: 0)))
            anchors.append(family == .v4 ? .v4(IPv4Address(.max)) : .v6(IPv6Address(high: .max, low: .max)))
            self.anchors = anchors
        }

        static func random(_ family: IPFamily, _ rng: inout SplitMix64) -> IPAddress {
            family == .v4
                ? .v4(IPv4Address(UInt32(truncatingIfNeeded: rng.next())))
                : .v6(IPv6Address(high: rng.next(), low: rng.next()))
        }

        /// An address near an anchor (sharing a random number of leading bits) or anywhere.
        mutating func address() -> IPAddress {
            let anchor = anchors[rng.below(anchors.count)]
            switch rng.below(4) {
            case 0: return Generator.random(family, &rng)
            case 1: return anchor
            default:
                let shared = rng.below(family.bitWidth + 1)
                let noise = Generator.random(family, &rng)
                return Generator.blend(anchor, noise, keeping: shared)
            }
        }

        /// The first `keeping` bits of `a`, the rest from `b`.
        static func blend(_ a: IPAddress, _ b: IPAddress, keeping bits: Int) -> IPAddress {
            let kept = IPPrefix(containing: a, length: bits)
            switch (kept.address, b) {
            case (.v4(let x), .v4(let y)):
                return .v4(IPv4Address(x.value | y.value & ~IPPrefix.v4NetMask(bits)))
            case (.v6(let x), .v6(let y)):
                let (h, l) = IPPrefix.v6NetMask(bits)
                return .v6(IPv6Address(high: x.high | y.high & ~h, low: x.low | y.low & ~l))
            default:
                return a
            }
        }

        /// A prefix length biased towards the ends and the usual routing lengths.
        mutating func length() -> Int {
            let width = family.bitWidth
            switch rng.below(8) {
            case 0: return 0
            case 1: return width
            case 2: return width - rng.below(4)
            default: return rng.below(width + 1)
            }
        }

        /// A new prefix: random, nested in an existing one, or adjacent to one.
        mutating func prefix(near existing: [IPPrefix]) -> IPPrefix {
            if !existing.isEmpty && rng.below(3) != 0 {
                let base = existing[rng.below(existing.count)]
                if rng.below(2) == 0 {
                    // Nested: longer, inside `base`.
                    let length = min(family.bitWidth, base.length + 1 + rng.below(12))
                    let inside = Generator.blend(base.address, address(), keeping: base.length)
                    return IPPrefix(containing: inside, length: length)
                }
                // Adjacent: the next prefix of the same length (wrapping at the top).
                let next = base.lastAddress.offset(by: 1)
                return IPPrefix(containing: next, length: base.length)
            }
            return IPPrefix(containing: address(), length: length())
        }
    }

    /// Builds a random table with inserts, replacing inserts and removals, mirrored in a dictionary.
    private func randomTable(_ generator: inout Generator, size: Int) -> (PrefixTable<Int>, [IPPrefix: Int]) {
        var table = PrefixTable<Int>()
        var model: [IPPrefix: Int] = [:]
        var prefixes: [IPPrefix] = []
        for step in 0..<size {
            switch generator.rng.below(10) {
            case 0 where !prefixes.isEmpty:
                // Duplicate insert: replaces the value.
                let prefix = prefixes[generator.rng.below(prefixes.count)]
                #expect(table.insert(step, for: prefix) == model[prefix])
                model[prefix] = step
            case 1 where !prefixes.isEmpty:
                // Removal, sometimes of a prefix already removed.
                let prefix = prefixes[generator.rng.below(prefixes.count)]
                #expect(table.removeValue(for: prefix) == model.removeValue(forKey: prefix))
            default:
                let prefix = generator.prefix(near: prefixes)
                prefixes.append(prefix)
                #expect(table.insert(step, for: prefix) == model[prefix])
                model[prefix] = step
            }
        }
        #expect(table.count == model.count)
        return (table, model)
    }

    /// The probe addresses for a table: each prefix's first and last address and their
    /// neighbours, plus random addresses.
    private func probes(_ model: [IPPrefix: Int], _ generator: inout Generator, random: Int) -> [IPAddress] {
        var result: [IPAddress] = []
        for prefix in model.keys {
            result.append(prefix.address)
            result.append(prefix.address.offset(by: -1))
            result.append(prefix.lastAddress)
            result.append(prefix.lastAddress.offset(by: 1))
        }
        for _ in 0..<random { result.append(generator.address()) }
        return result
    }

    private func check(family: IPFamily, seeds: Range<UInt64>, maxSize: Int) {
        for seed in seeds {
            var generator = Generator(seed: seed, family: family)
            let size = generator.rng.below(maxSize + 1)
            let (table, model) = randomTable(&generator, size: size)
            let maxBits = 18
            // Half the tables force a random direct-pointing width; the rest use the default.
            let bits = generator.rng.below(2) == 0 ? 1 + generator.rng.below(maxBits) : nil
            let compiled = family == .v4
                ? CompiledPrefixTable(table, ipv4DirectBits: bits, ipv6DirectBits: nil)
                : CompiledPrefixTable(table, ipv4DirectBits: nil, ipv6DirectBits: bits)
            #expect(compiled.entries == table.entries, "seed \(seed)")
            let addresses = probes(model, &generator, random: 40)
            checkBatch(compiled, addresses, seed: seed)
            for address in addresses {
                let expected = bruteForceLongestMatch(model, address)
                let mutable = table.longestMatch(address)
                let fast = compiled.longestMatch(address)
                guard mutable == expected, fast == expected else {
                    let message = "seed \(seed) \(family) \(address): brute force \(String(describing: expected)), "
                        + "mutable \(String(describing: mutable)), compiled \(String(describing: fast))"
                    Issue.record(Comment(rawValue: message))
                    return
                }
                #expect(compiled.value(for: address) == expected?.value)
            }
        }
    }

    /// The batch lookups give, address by address, what the single lookups give.
    private func checkBatch(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPAddress], seed: UInt64) {
        var v4: [IPv4Address] = []
        var v6: [IPv6Address] = []
        for address in addresses {
            switch address {
            case .v4(let a): v4.append(a)
            case .v6(let a): v6.append(a)
            }
        }
        var indexes = [Int32](repeating: 0, count: max(v4.count, v6.count))
        v4.withUnsafeBufferPointer { batch in
            indexes.withUnsafeMutableBufferPointer { compiled.longestMatchIndexes(batch, into: $0) }
        }
        #expect(indexes.prefix(v4.count) == ArraySlice(v4.map { Int32(compiled.longestMatchIndex($0) ?? -1) }),
                "seed \(seed)")
        v6.withUnsafeBufferPointer { batch in
            indexes.withUnsafeMutableBufferPointer { compiled.longestMatchIndexes(batch, into: $0) }
        }
        #expect(indexes.prefix(v6.count) == ArraySlice(v6.map { Int32(compiled.longestMatchIndex($0) ?? -1) }),
                "seed \(seed)")
    }

    @Test func compiledIPv4AgreesWithMutableAndLinearScan() {
        check(family: .v4, seeds: 0..<400, maxSize: 120)
    }

    @Test func compiledIPv6AgreesWithMutableAndLinearScan() {
        check(family: .v6, seeds: 10_000..<10_300, maxSize: 120)
    }

    /// The IPv4 batch path takes addresses 64 at a time, direct slots first, then first nodes,
    /// then the few that need deeper nodes: over many groups and a partial last group, with
    /// direct slots that hold leaves next to slots that hold nodes (prefixes at, just under and
    /// just past the direct-pointing width, /0, /32, nesting), it gives the linear scan's answer
    /// for every address.
    @Test func ipv4BatchGroupsAgreeWithLinearScan() {
        for seed: UInt64 in 30_000..<30_120 {
            var generator = Generator(seed: seed, family: .v4)
            var (table, model) = randomTable(&generator, size: generator.rng.below(200))
            let bits = 1 + generator.rng.below(18)
            // Prefixes on the direct-pointing boundary and around it, and the extremes.
            for length in [0, 32, bits - 1, bits, bits + 1, bits + 6, bits + 7] where (0...32).contains(length) {
                let prefix = IPPrefix(containing: generator.address(), length: length)
                table.insert(-length - 1, for: prefix)
                model[prefix] = -length - 1
            }
            let compiled = CompiledPrefixTable(table, ipv4DirectBits: bits, ipv6DirectBits: nil)
            let addresses = probes(model, &generator, random: 64 * 3 + generator.rng.below(64)).compactMap { address in
                if case .v4(let v4) = address { return v4 }
                return nil
            }
            var indexes = [Int32](repeating: -7, count: addresses.count)
            addresses.withUnsafeBufferPointer { batch in
                indexes.withUnsafeMutableBufferPointer { compiled.longestMatchIndexes(batch, into: $0) }
            }
            for (address, index) in zip(addresses, indexes) {
                let expected = bruteForceLongestMatch(model, .v4(address))
                let got = index < 0 ? nil : compiled.entry(at: Int(index))
                guard got == expected else {
                    let message = "seed \(seed) /\(bits) \(address): linear scan \(String(describing: expected)), "
                        + "batch \(String(describing: got))"
                    Issue.record(Comment(rawValue: message))
                    return
                }
            }
        }
    }

    @Test func compiledMixedFamilyTablesAgreeWithMutable() {
        for seed: UInt64 in 20_000..<20_060 {
            var v4 = Generator(seed: seed, family: .v4)
            var v6 = Generator(seed: seed &* 31, family: .v6)
            let (table4, model4) = randomTable(&v4, size: 60)
            var table = table4
            var model = model4
            for entry in randomTable(&v6, size: 60).0 {
                table.insert(entry.value + 1_000, for: entry.prefix)
                model[entry.prefix] = entry.value + 1_000
            }
            let compiled = table.compiled()
            #expect(compiled.entries == table.entries, "seed \(seed)")
            var probes = self.probes(model, &v4, random: 20)
            probes += (0..<20).map { _ in v6.address() }
            for address in probes {
                let expected = bruteForceLongestMatch(model, address)
                #expect(compiled.longestMatch(address) == expected, "seed \(seed) \(address)")
                #expect(table.longestMatch(address) == expected, "seed \(seed) \(address)")
            }
        }
    }

    @Test func largeRandomIPv4TableAgreesWithMutable() {
        // Big enough for the default 18-bit direct pointing and a full set of trie levels.
        var generator = Generator(seed: 77, family: .v4)
        var table = PrefixTable<Int>()
        for i in 0..<20_000 {
            let length = i % 10 == 0 ? generator.length() : 16 + generator.rng.below(17)
            table.insert(i, for: IPPrefix(containing: generator.address(), length: length))
        }
        let compiled = table.compiled()
        for _ in 0..<20_000 {
            let address = generator.address()
            #expect(compiled.longestMatch(address) == table.longestMatch(address))
        }
    }
}
