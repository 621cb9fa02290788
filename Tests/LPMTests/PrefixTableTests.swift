import Testing
@testable import LPM

@Suite("PrefixTable")
struct PrefixTableTests {
    @Test func startsEmpty() {
        let table = PrefixTable<Int>()
        #expect(table.isEmpty)
        #expect(table.count == 0)
        #expect(table.longestMatch(address("10.0.0.1")) == nil)
    }

    @Test func insertOfANewPrefixReturnsNilAndCounts() {
        var table = PrefixTable<Int>()
        #expect(table.insert(1, for: prefix("10.0.0.0/8")) == nil)
        #expect(table.count == 1)
        #expect(!table.isEmpty)
    }

    @Test func insertOfAnExistingPrefixReplacesAndReturnsTheOldValue() {
        var table = table([("10.0.0.0/8", 1)])
        #expect(table.insert(2, for: prefix("10.0.0.0/8")) == 1)
        #expect(table.count == 1)
        #expect(table[prefix("10.0.0.0/8")] == 2)
    }

    @Test func samePrefixOfDifferentLengthsAreDifferentKeys() {
        let table = table([("10.0.0.0/8", 1), ("10.0.0.0/16", 2), ("10.0.0.0/32", 3)])
        #expect(table.count == 3)
        #expect(table[prefix("10.0.0.0/16")] == 2)
    }

    @Test func removeReturnsTheValueAndUncounts() {
        var table = table([("10.0.0.0/8", 1), ("2001:db8::/32", 2)])
        #expect(table.removeValue(for: prefix("2001:db8::/32")) == 2)
        #expect(table.count == 1)
        #expect(table[prefix("2001:db8::/32")] == nil)
    }

    @Test func removeOfAnAbsentPrefixChangesNothing() {
        var table = table([("10.0.0.0/8", 1)])
        #expect(table.removeValue(for: prefix("10.0.0.0/9")) == nil)
        #expect(table.removeValue(for: prefix("::/0")) == nil)
        #expect(table.count == 1)
    }

    @Test func subscriptGetIsExactNotLongestMatch() {
        let table = table([("10.0.0.0/8", 1)])
        #expect(table[prefix("10.0.0.0/8")] == 1)
        #expect(table[prefix("10.0.0.0/16")] == nil)
        #expect(table[prefix("0.0.0.0/0")] == nil)
    }

    @Test func subscriptSetInsertsAndNilRemoves() {
        var table = PrefixTable<Int>()
        table[prefix("10.0.0.0/8")] = 7
        #expect(table.count == 1)
        table[prefix("10.0.0.0/8")] = nil
        #expect(table.isEmpty)
        table[prefix("10.0.0.0/8")] = nil
        #expect(table.count == 0)
    }

    @Test func initializerFromEntriesKeepsTheLastValueForAPrefix() {
        let table = PrefixTable([
            .init(prefix: prefix("10.0.0.0/8"), value: 1), .init(prefix: prefix("10.0.0.0/8"), value: 2),
        ])
        #expect(table.count == 1)
        #expect(table[prefix("10.0.0.0/8")] == 2)
    }

    @Test func longestMatchPicksTheMostSpecificPrefix() {
        let table = table([("0.0.0.0/0", 0), ("10.0.0.0/8", 8), ("10.1.0.0/16", 16), ("10.1.2.0/24", 24)])
        #expect(table.longestMatch(address("10.1.2.3")) == .init(prefix: prefix("10.1.2.0/24"), value: 24))
        #expect(table.longestMatch(address("10.1.3.3")) == .init(prefix: prefix("10.1.0.0/16"), value: 16))
        #expect(table.longestMatch(address("10.2.0.0")) == .init(prefix: prefix("10.0.0.0/8"), value: 8))
        #expect(table.longestMatch(address("11.0.0.0")) == .init(prefix: prefix("0.0.0.0/0"), value: 0))
    }

    @Test func longestMatchIsNilOutsideEveryPrefix() {
        let table = table([("10.0.0.0/8", 8), ("2001:db8::/32", 32)])
        #expect(table.longestMatch(address("11.0.0.0")) == nil)
        #expect(table.longestMatch(address("2001:db9::")) == nil)
    }

    @Test func longestMatchHonoursHostPrefixes() {
        let table = table([("10.0.0.0/8", 8), ("10.0.0.1/32", 32), ("2001:db8::1/128", 128), ("::/0", 0)])
        #expect(table.longestMatch(address("10.0.0.1"))?.value == 32)
        #expect(table.longestMatch(address("10.0.0.2"))?.value == 8)
        #expect(table.longestMatch(address("2001:db8::1"))?.value == 128)
        #expect(table.longestMatch(address("2001:db8::2"))?.value == 0)
    }

    @Test func longestMatchNeverCrossesFamilies() {
        let table = table([("0.0.0.0/0", 4), ("1.2.3.4/32", 32)])
        #expect(table.longestMatch(address("::ffff:1.2.3.4")) == nil)
        #expect(table.longestMatch(address("::")) == nil)
        let v6Only = LPMTests.table([("::/0", 6), ("::ffff:0:0/96", 96)])
        #expect(v6Only.longestMatch(address("1.2.3.4")) == nil)
    }

    @Test func longestMatchMatchesPrefixesAcrossTheIPv6Halves() {
        let table = table([("2001:db8::/63", 63), ("2001:db8::/65", 65), ("2001:db8:0:0:8000::/66", 66)])
        #expect(table.longestMatch(address("2001:db8::1"))?.value == 65)
        #expect(table.longestMatch(address("2001:db8::8000:0:0:1"))?.value == 66)
        #expect(table.longestMatch(address("2001:db8::c000:0:0:1"))?.value == 63)
        #expect(table.longestMatch(address("2001:db8:0:1::"))?.value == 63)
    }

    @Test func matchesCoveringListsShortestToLongest() {
        let table = table([("10.1.2.0/24", 24), ("0.0.0.0/0", 0), ("10.0.0.0/8", 8), ("10.2.0.0/16", 99),
                           ("::/0", 6)])
        let matches = table.matches(covering: address("10.1.2.3"))
        #expect(matches.map(\.value) == [0, 8, 24])
        #expect(matches.map(\.prefix.description) == ["0.0.0.0/0", "10.0.0.0/8", "10.1.2.0/24"])
    }

    @Test func matchesCoveringIsEmptyWhenNothingMatches() {
        #expect(table([("10.0.0.0/8", 8)]).matches(covering: address("::1")).isEmpty)
    }

    @Test func entriesInsideIncludeTheOuterPrefixItselfInTableOrder() {
        let table = table([("10.0.0.0/8", 8), ("10.128.0.0/9", 9), ("10.0.0.0/16", 16), ("11.0.0.0/8", 11),
                           ("0.0.0.0/0", 0), ("10.5.0.0/24", 24), ("2001:db8::/32", 32)])
        let inside = table.entries(inside: prefix("10.0.0.0/8"))
        #expect(inside.map(\.prefix.description) == ["10.0.0.0/8", "10.0.0.0/16", "10.5.0.0/24", "10.128.0.0/9"])
    }

    @Test func entriesInsideWorkForIPv6() {
        let table = table([("2001:db8::/32", 32), ("2001:db8:1::/48", 48), ("2001:db9::/32", 9), ("10.0.0.0/8", 8)])
        #expect(table.entries(inside: prefix("2001:db8::/32")).map(\.value) == [32, 48])
        #expect(table.entries(inside: prefix("::/0")).map(\.value) == [32, 48, 9])
    }

    @Test func entriesAreInTableOrderWithBothFamilies() {
        let table = table([("2001:db8::/48", 1), ("10.0.0.0/16", 2), ("::/0", 3), ("10.0.0.0/8", 4),
                           ("9.0.0.0/8", 5), ("2001:db8::/32", 6), ("0.0.0.0/0", 7)])
        #expect(table.entries.map(\.prefix.description) == [
            "0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "2001:db8::/32", "2001:db8::/48",
        ])
        #expect(table.count == 7)
    }

    @Test func iterationFollowsTableOrder() {
        let table = table([("2001:db8::/32", 1), ("10.0.0.0/8", 2), ("10.0.0.0/16", 3)])
        #expect(Array(table).map(\.value) == [2, 3, 1])
        #expect(Array(table).map(\.prefix) == table.entries.map(\.prefix))
    }

    @Test func countTracksBothFamiliesThroughInsertsReplacesAndRemoves() {
        var table = PrefixTable<Int>()
        table.insert(1, for: prefix("10.0.0.0/8"))
        table.insert(2, for: prefix("2001:db8::/32"))
        table.insert(3, for: prefix("10.0.0.0/8"))
        table.insert(4, for: prefix("::/0"))
        #expect(table.count == 3)
        table.removeValue(for: prefix("10.0.0.0/8"))
        table.removeValue(for: prefix("10.0.0.0/8"))
        #expect(table.count == 2)
        #expect(table.entries.count == 2)
    }
}
