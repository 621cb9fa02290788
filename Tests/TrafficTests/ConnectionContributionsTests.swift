import Testing
@testable import Traffic

/// The aggregator's chunked contribution store: numbers stay valid across chunk boundaries, entries
/// change in place, and a store emptied by `removeAll()` numbers from 0 again.
@Suite struct ConnectionContributionsTests {
    static func contribution(_ n: UInt64) -> ConnectionContributions.Contribution {
        .init(bytesOut: n, bytesIn: n &* 3, packets: n & 0xFFFF, cost: Double(n) / 7, attribution: Int32(truncatingIfNeeded: n) - 1)
    }

    static func same(_ a: ConnectionContributions.Contribution, _ b: ConnectionContributions.Contribution) -> Bool {
        a.bytesOut == b.bytesOut && a.bytesIn == b.bytesIn && a.packets == b.packets && a.cost == b.cost
            && a.attribution == b.attribution
    }

    @Test func numbersHoldTheirEntriesAcrossChunks() {
        let store = ConnectionContributions()
        let count = ConnectionContributions.chunkSize * 2 + 17
        for n in 0..<count { #expect(store.append(Self.contribution(UInt64(n))) == UInt32(n)) }
        #expect(store.count == count)
        for n in stride(from: 0, to: count, by: 997) { store[UInt32(n)].packets += 1 }
        var wrong = 0
        for n in 0..<count {
            var expected = Self.contribution(UInt64(n))
            if n % 997 == 0 { expected.packets += 1 }
            if !Self.same(store[UInt32(n)], expected) { wrong += 1 }
        }
        #expect(wrong == 0)
        store.removeAll()
        #expect(store.count == 0)
        #expect(store.append(Self.contribution(42)) == 0 && Self.same(store[0], Self.contribution(42)))
    }
}
