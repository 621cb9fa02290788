import Testing
@testable import LPM

@Suite("CompiledPrefixTable")
struct CompiledPrefixTableTests {
    private let mixed = table([
        ("0.0.0.0/0", 0), ("10.0.0.0/8", 8), ("10.1.0.0/16", 16), ("10.1.2.0/24", 24), ("10.1.2.3/32", 32),
        ("192.0.2.0/25", 25), ("192.0.2.128/25", 125),
        ("2001:db8::/32", 632), ("2001:db8:1::/48", 648), ("2001:db8::1/128", 6128), ("::ffff:0:0/96", 696),
    ])

    /// The addresses the fixtures care about, with both families.
    private let probes = [
        "10.1.2.3", "10.1.2.4", "10.1.3.0", "10.2.0.0", "11.0.0.0", "0.0.0.0", "255.255.255.255", "192.0.2.127",
        "192.0.2.128", "192.0.1.255", "2001:db8::1", "2001:db8::2", "2001:db8:1::5", "2001:db9::", "::",
        "::ffff:10.1.2.3", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]

    @Test func answersExactlyLikeTheMutableTable() {
        let compiled = mixed.compiled()
        for text in probes {
            #expect(compiled.longestMatch(address(text)) == mixed.longestMatch(address(text)), "\(text)")
        }
    }

    @Test func emptyTableMatchesNothing() {
        let compiled = PrefixTable<Int>().compiled()
        #expect(compiled.isEmpty)
        #expect(compiled.count == 0)
        #expect(compiled.longestMatch(address("10.0.0.1")) == nil)
        #expect(compiled.longestMatchIndex(IPv4Address(0)) == nil)
        #expect(compiled.longestMatchIndex(IPv6Address(high: 0, low: 0)) == nil)
    }

    @Test func defaultRoutesMatchEveryAddressOfTheirFamilyOnly() {
        let compiled = table([("0.0.0.0/0", 4)]).compiled()
        #expect(compiled.value(for: IPv4Address(0)) == 4)
        #expect(compiled.value(for: IPv4Address(.max)) == 4)
        #expect(compiled.value(for: IPv6Address(high: 0, low: 0)) == nil)
        let v6 = table([("::/0", 6)]).compiled()
        #expect(v6.value(for: IPv6Address(high: .max, low: .max)) == 6)
        #expect(v6.value(for: IPv4Address(0)) == nil)
    }

    @Test func hostPrefixesMatchOnlyTheirAddress() {
        let compiled = table([("10.0.0.1/32", 1), ("2001:db8::ffff/128", 2)]).compiled()
        #expect(compiled.value(for: address("10.0.0.1")) == 1)
        #expect(compiled.value(for: address("10.0.0.0")) == nil)
        #expect(compiled.value(for: address("10.0.0.2")) == nil)
        #expect(compiled.value(for: address("2001:db8::ffff")) == 2)
        #expect(compiled.value(for: address("2001:db8::fffe")) == nil)
        #expect(compiled.value(for: address("2001:db8::1:0")) == nil)
    }

    @Test func indexesFollowTableOrder() {
        let compiled = mixed.compiled()
        #expect(compiled.count == mixed.count)
        #expect(compiled.entries == mixed.entries)
        for (index, entry) in mixed.entries.enumerated() {
            #expect(compiled.entry(at: index) == entry)
            #expect(compiled.prefix(at: index) == entry.prefix)
            #expect(compiled.value(at: index) == entry.value)
        }
    }

    @Test func fastPathIndexAndValueAgreeWithLongestMatch() {
        let compiled = mixed.compiled()
        for text in probes {
            let expected = mixed.longestMatch(address(text))
            let index = compiled.longestMatchIndex(address(text))
            #expect(index.map(compiled.entry(at:)) == expected, "\(text)")
            #expect(compiled.value(for: address(text)) == expected?.value, "\(text)")
            switch address(text) {
            case .v4(let a):
                #expect(compiled.longestMatchIndex(a) == index)
                #expect(compiled.value(for: a) == expected?.value)
                #expect(compiled.longestMatch(a) == expected)
            case .v6(let a):
                #expect(compiled.longestMatchIndex(a) == index)
                #expect(compiled.value(for: a) == expected?.value)
                #expect(compiled.longestMatch(a) == expected)
            }
        }
    }

    @Test func batchLookupsAgreeWithSingleLookupsAndMarkMissesWithMinusOne() {
        let compiled = mixed.compiled()
        var v4: [IPv4Address] = []
        var v6: [IPv6Address] = []
        for text in probes {
            switch address(text) {
            case .v4(let a): v4.append(a)
            case .v6(let a): v6.append(a)
            }
        }
        var v4Indexes = [Int32](repeating: 7, count: v4.count)
        v4.withUnsafeBufferPointer { addresses in
            v4Indexes.withUnsafeMutableBufferPointer { compiled.longestMatchIndexes(addresses, into: $0) }
        }
        #expect(v4Indexes == v4.map { Int32(compiled.longestMatchIndex($0) ?? -1) })
        var v6Indexes = [Int32](repeating: 7, count: v6.count + 1)
        v6.withUnsafeBufferPointer { addresses in
            v6Indexes.withUnsafeMutableBufferPointer { compiled.longestMatchIndexes(addresses, into: $0) }
        }
        #expect(v6Indexes.dropLast() == ArraySlice(v6.map { Int32(compiled.longestMatchIndex($0) ?? -1) }))
        #expect(v6Indexes.contains(-1), "'::' matches no IPv6 prefix of the fixture")
        #expect(v6Indexes.last == 7, "positions past the addresses are left alone")
    }

    @Test func compiledFormIsASnapshot() {
        var source = table([("10.0.0.0/8", 1)])
        let compiled = source.compiled()
        source.insert(2, for: prefix("10.1.0.0/16"))
        source.removeValue(for: prefix("10.0.0.0/8"))
        #expect(compiled.value(for: address("10.1.0.1")) == 1)
        #expect(compiled.count == 1)
    }

    @Test(arguments: [1, 2, 5, 8, 12, 16, 17, 18])
    func everyDirectPointingWidthGivesTheSameAnswers(_ bits: Int) {
        let compiled = CompiledPrefixTable(mixed, ipv4DirectBits: bits, ipv6DirectBits: bits)
        for text in probes {
            #expect(compiled.longestMatch(address(text)) == mixed.longestMatch(address(text)), "\(text) /\(bits)")
        }
    }

    @Test func nodeWhoseSixtyFourPositionsAreAllChildren() {
        // With 8 direct bits, 10.0.0.0/8 becomes one node over bits 8..<14; a /24 in each of its
        // 64 positions makes every position a child node, so the node holds no leaf of its own.
        var source = table([("10.0.0.0/8", 8)])
        for slot in 0..<64 { source.insert(slot, for: prefix("10.\(slot << 2).1.0/24")) }
        let compiled = CompiledPrefixTable(source, ipv4DirectBits: 8, ipv6DirectBits: nil)
        for slot in 0..<64 {
            #expect(compiled.value(for: address("10.\(slot << 2).1.9")) == slot)
            #expect(compiled.value(for: address("10.\(slot << 2).2.9")) == 8)
            #expect(compiled.value(for: address("10.\((slot << 2) + 3).255.255")) == 8)
        }
    }

    @Test func deepIPv6PrefixesResolveToTheLastBit() {
        let source = table([("2001:db8::/126", 126), ("2001:db8::2/127", 127), ("2001:db8::3/128", 128),
                            ("2001:db8::/64", 64)])
        for bits in [1, 16, 18] {
            let compiled = CompiledPrefixTable(source, ipv4DirectBits: nil, ipv6DirectBits: bits)
            #expect(compiled.value(for: address("2001:db8::")) == 126)
            #expect(compiled.value(for: address("2001:db8::1")) == 126)
            #expect(compiled.value(for: address("2001:db8::2")) == 127)
            #expect(compiled.value(for: address("2001:db8::3")) == 128)
            #expect(compiled.value(for: address("2001:db8::4")) == 64)
        }
    }

    @Test func deepIPv4PrefixesResolveToTheLastBit() {
        let source = table([("10.0.0.0/30", 30), ("10.0.0.2/31", 31), ("10.0.0.3/32", 32), ("10.0.0.0/24", 24)])
        for bits in [1, 14, 18] {
            let compiled = CompiledPrefixTable(source, ipv4DirectBits: bits, ipv6DirectBits: nil)
            #expect(compiled.value(for: address("10.0.0.0")) == 30)
            #expect(compiled.value(for: address("10.0.0.1")) == 30)
            #expect(compiled.value(for: address("10.0.0.2")) == 31)
            #expect(compiled.value(for: address("10.0.0.3")) == 32)
            #expect(compiled.value(for: address("10.0.0.4")) == 24)
        }
    }

    @Test func reportsTheMemoryOfEachFamily() {
        let compiled = mixed.compiled()
        #expect(compiled.trieByteCount(for: .v4) > 0)
        #expect(compiled.trieByteCount(for: .v6) > 0)
        #expect(compiled.entryByteCount(for: .v4) == 7 * (4 + 1 + MemoryLayout<Int>.stride))
        #expect(compiled.entryByteCount(for: .v6) == 4 * (16 + 1 + MemoryLayout<Int>.stride))
    }

    @Test func smallTablesGetASmallDirectArray() {
        let compiled = table([("10.0.0.0/8", 1)]).compiled()
        #expect(compiled.trieByteCount(for: .v4) < 1024)
        #expect(compiled.trieByteCount(for: .v6) < 1024)
    }

    @Test func valuesNeedNotBeEquatable() {
        struct Opaque { let name: String }
        var source = PrefixTable<Opaque>()
        source.insert(Opaque(name: "gw"), for: prefix("10.0.0.0/8"))
        #expect(source.compiled().value(for: IPv4Address(10, 9, 9, 9))?.name == "gw")
    }
}
