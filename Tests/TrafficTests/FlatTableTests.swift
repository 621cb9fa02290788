import Testing
@testable import Traffic

/// The aggregator's open-addressing table against `Dictionary`: seeded random sets, lookups,
/// in-place updates, rebuilds and copies must leave both holding the same entries.
@Suite struct FlatTableTests {
    struct Value: FlatTableValue, Hashable {
        var n: UInt64
        var tag: Int32

        static var vacant: Value { Value(n: 0, tag: -1) }
    }

    typealias Key = FlatTable<Value>.Key

    /// Keys from a small space, so they repeat, with words at their extremes.
    static func key(_ rng: inout FastAggregationTests.Seeded) -> Key {
        let a: UInt64
        switch rng.below(8) {
        case 0: a = .max
        case 1: a = 0
        default: a = rng.below(3000) << 32 | rng.below(7)
        }
        let b: UInt64
        switch rng.below(8) {
        case 0: b = .max
        case 1: b = 1 << 63 | rng.below(3)
        default: b = rng.below(3)
        }
        // The vacant key is reserved; (.max, .max) becomes (.max, 0).
        return a == .max && b == .max ? Key(a: .max, b: 0) : Key(a: a, b: b)
    }

    static func entries(_ table: FlatTable<Value>) -> [Key: Value] {
        var entries: [Key: Value] = [:]
        table.forEach { key, value in
            #expect(entries[key] == nil, "\(key) held twice")
            entries[key] = value
        }
        return entries
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func holdsWhatADictionaryHolds(seed: UInt64) {
        var rng = FastAggregationTests.Seeded(state: seed)
        var table = FlatTable<Value>()
        var reference: [Key: Value] = [:]
        for step in 0..<40_000 {
            let key = Self.key(&rng)
            switch rng.below(10) {
            case 0..<5:
                let value = Value(n: rng.next(), tag: Int32(step))
                table.set(key, value)
                reference[key] = value
            case 5..<8:
                #expect(table[key] == reference[key])
                #expect((table.find(key) != nil) == (reference[key] != nil))
            case 8:
                if let slot = table.find(key) {
                    table[slot: slot].n &+= 1
                    reference[key]?.n &+= 1
                }
            default:
                break
            }
            if step % 4001 == 4000 {
                let bit = rng.below(2)
                table.removeAll { _, value in value.n & 1 == bit }
                reference = reference.filter { $0.value.n & 1 == bit }
            }
            #expect(table.count == reference.count)
        }
        #expect(Self.entries(table) == reference)
        #expect(reference.count > 1000)
    }

    @Test(arguments: [5, 6] as [UInt64])
    func theShardedTableHoldsWhatADictionaryHolds(seed: UInt64) {
        var rng = FastAggregationTests.Seeded(state: seed)
        var table = ShardedFlatTable<Value>()
        var reference: [Key: Value] = [:]
        for step in 0..<60_000 {
            // Keys from a space larger than one shard's first tables, so shards grow unevenly.
            let key = Key(a: rng.below(20_000) &* 0x1_0000_0001, b: rng.below(4))
            switch rng.below(10) {
            case 0..<5:
                let value = Value(n: rng.next(), tag: Int32(step))
                table.set(key, value)
                reference[key] = value
            case 5..<8:
                #expect(table[key] == reference[key])
            case 8:
                if let slot = table.find(key) {
                    table[slot: slot].n &+= 1
                    reference[key]?.n &+= 1
                }
            default:
                break
            }
            if step % 9001 == 9000 {
                table.removeAll { key, _ in key.b != 2 }
                reference = reference.filter { $0.key.b != 2 }
            }
            #expect(table.count == reference.count)
        }
        var entries: [Key: Value] = [:]
        table.forEach { key, value in entries[key] = value }
        #expect(entries == reference && reference.count > 10_000)
    }

    @Test func copiesChangeIndependently() {
        var table = FlatTable<Value>()
        for n in 0..<100 as Range<UInt64> { table.set(Key(a: n, b: 0), Value(n: n, tag: 0)) }
        var copy = table
        copy.set(Key(a: 1000, b: 0), Value(n: 1000, tag: 0))
        if let slot = copy.find(Key(a: 5, b: 0)) { copy[slot: slot] = Value(n: 55, tag: 1) }
        copy.removeAll { key, _ in key.a != 7 }
        #expect(table.count == 100 && copy.count == 100)
        #expect(table[Key(a: 5, b: 0)] == Value(n: 5, tag: 0) && copy[Key(a: 5, b: 0)] == Value(n: 55, tag: 1))
        #expect(table[Key(a: 1000, b: 0)] == nil && table[Key(a: 7, b: 0)] != nil && copy[Key(a: 7, b: 0)] == nil)
    }

    @Test(arguments: [false, true])
    func growsInPlaceAsAMappedTableAndKeepsEveryEntry(throughScratch: Bool) {
        var table = FlatTable<Value>()
        let scratch = throughScratch ? FlatTableScratch() : nil
        let count: UInt64 = 150_000
        for n in 0..<count {
            let key = Key(a: n &* 0x9E37_79B9, b: n & 3)
            table.set(key, Value(n: n, tag: 0), hash: FlatTable<Value>.hash(key), scratch: scratch)
            if n == 40_000 {
                // Past 2 MiB of slots the table is mapped; from here it doubles in place.
                #expect(table.capacity * (16 + MemoryLayout<Value>.stride) > 2 << 20)
            }
        }
        #expect(table.count == Int(count) && table.capacity == 1 << 19)
        var missing = 0
        for n in 0..<count where table[Key(a: n &* 0x9E37_79B9, b: n & 3)] != Value(n: n, tag: 0) { missing += 1 }
        #expect(missing == 0)
        var entries = 0
        table.forEach { key, value in if key.a == value.n &* 0x9E37_79B9 { entries += 1 } }
        #expect(entries == Int(count))
    }

    @Test func theVacantKeyIsNeverFound() {
        var table = FlatTable<Value>()
        #expect(table.find(.vacant) == nil)
        for n in 0..<7 as Range<UInt64> { table.set(Key(a: n, b: .max), Value(n: n, tag: 0)) }
        #expect(table.find(.vacant) == nil && table[.vacant] == nil && table.count == 7)
    }
}
