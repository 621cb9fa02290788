import Testing
@testable import LPM

@Suite("IPPrefix")
struct IPPrefixTests {
    private func v4(_ text: String) -> IPAddress { .v4(IPv4Address(parsing: text) ?? IPv4Address(0)) }
    private func v6(_ text: String) -> IPAddress { .v6(IPv6Address(parsing: text) ?? IPv6Address(high: 0, low: 0)) }

    // MARK: Parsing

    @Test func strictParseReadsAddressAndLength() throws {
        let prefix = try IPPrefix("10.0.0.0/8")
        #expect(prefix.address == v4("10.0.0.0"))
        #expect(prefix.length == 8)
        #expect(prefix.family == .v4)
        #expect(try IPPrefix("2001:db8::/32").address == v6("2001:db8::"))
    }

    @Test func strictParseRejectsHostBitsNamingTheNormalizedPrefix() {
        #expect(throws: IPParseError(text: "10.0.0.1/8", reason: .hostBitsSet(normalized: "10.0.0.0/8"))) {
            try IPPrefix("10.0.0.1/8")
        }
        #expect(throws: IPParseError(text: "2001:db8::1/32", reason: .hostBitsSet(normalized: "2001:db8::/32"))) {
            try IPPrefix("2001:db8::1/32")
        }
    }

    @Test func strictParseRejectsABareAddress() {
        #expect(throws: IPParseError(text: "10.0.0.1", reason: .badPrefixLength)) { try IPPrefix("10.0.0.1") }
        #expect(throws: IPParseError(text: "::1", reason: .badPrefixLength)) { try IPPrefix("::1") }
    }

    @Test func lenientParseClearsHostBitsAndSaysSo() throws {
        let (prefix, normalized) = try IPPrefix.parseLenient("10.1.2.3/8")
        #expect(prefix == (try IPPrefix("10.0.0.0/8")))
        #expect(normalized)
        let (v6Prefix, v6Normalized) = try IPPrefix.parseLenient("2001:db8:ffff::1/32")
        #expect(v6Prefix == (try IPPrefix("2001:db8::/32")))
        #expect(v6Normalized)
    }

    @Test func lenientParseOfACleanPrefixIsNotNormalized() throws {
        let (prefix, normalized) = try IPPrefix.parseLenient("10.0.0.0/8")
        #expect(prefix.length == 8)
        #expect(!normalized)
    }

    @Test func lenientParseTakesABareAddressAsAHostPrefix() throws {
        let (v4Host, v4Normalized) = try IPPrefix.parseLenient("10.1.2.3")
        #expect(v4Host.description == "10.1.2.3/32")
        #expect(!v4Normalized)
        let (v6Host, v6Normalized) = try IPPrefix.parseLenient("2001:db8::1")
        #expect(v6Host.description == "2001:db8::1/128")
        #expect(!v6Normalized)
    }

    @Test func lenientParseStillRejectsMalformedText() {
        #expect(throws: IPParseError(text: "10.0.0.0/33", reason: .badPrefixLength)) {
            try IPPrefix.parseLenient("10.0.0.0/33")
        }
        #expect(throws: IPParseError(text: "10.0.0/8", reason: .wrongOctetCount)) {
            try IPPrefix.parseLenient("10.0.0/8")
        }
    }

    @Test func acceptsZeroAndFullLengths() throws {
        #expect(try IPPrefix("0.0.0.0/0").length == 0)
        #expect(try IPPrefix("::/0").length == 0)
        #expect(try IPPrefix("10.1.2.3/32").length == 32)
        #expect(try IPPrefix("2001:db8::1/128").length == 128)
    }

    @Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1", "10.0.0.0/1a",
                      "10.0.0.0/ 8", "10.0.0.0/8/9", "10.0.0.0/0008", "10.0.0.0/+8", "::/1000", "10.0.0.0/\u{0668}"])
    func rejectsBadLengths(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .badPrefixLength)) { try IPPrefix(text) }
    }

    @Test func addressErrorsNameTheWholeText() {
        #expect(throws: IPParseError(text: "10.0.0.256/8", reason: .octetOutOfRange)) { try IPPrefix("10.0.0.256/8") }
        #expect(throws: IPParseError(text: "fe80::%eth0/64", reason: .zoneNotAllowed)) { try IPPrefix("fe80::%eth0/64") }
        #expect(throws: IPParseError(text: "/8", reason: .empty)) { try IPPrefix("/8") }
        #expect(throws: IPParseError(text: "", reason: .empty)) { try IPPrefix("") }
    }

    @Test func printsCanonicalText() throws {
        #expect(try IPPrefix("2001:0DB8:0:0::/32").description == "2001:db8::/32")
        #expect(try IPPrefix("192.0.2.0/24").description == "192.0.2.0/24")
    }

    @Test func containingInitializerClearsHostBits() {
        #expect(IPPrefix(containing: v4("10.1.2.3"), length: 16).description == "10.1.0.0/16")
        #expect(IPPrefix(containing: v6("2001:db8:1:2::3"), length: 48).description == "2001:db8:1::/48")
        #expect(IPPrefix(containing: v6("ffff::1"), length: 0).description == "::/0")
    }

    @Test func hostInitializerMakesFullLengthPrefixes() {
        #expect(IPPrefix(host: v4("10.1.2.3")).length == 32)
        #expect(IPPrefix(host: v6("::1")).length == 128)
    }

    // MARK: Size and bounds

    @Test func countsAddresses() throws {
        #expect(try IPPrefix("10.0.0.0/24").addressCount == 256)
        #expect(try IPPrefix("0.0.0.0/0").addressCount == 1 << 32)
        #expect(try IPPrefix("10.0.0.1/32").addressCount == 1)
        #expect(try IPPrefix("2001:db8::/65").addressCount == 1 << 63)
        #expect(try IPPrefix("::1/128").addressCount == 1)
    }

    @Test func addressCountSaturatesForHugeIPv6Prefixes() throws {
        #expect(try IPPrefix("2001:db8::/64").addressCount == .max)
        #expect(try IPPrefix("::/0").addressCount == .max)
    }

    @Test func lastAddressSetsEveryHostBit() throws {
        #expect(try IPPrefix("10.0.0.0/24").lastAddress == v4("10.0.0.255"))
        #expect(try IPPrefix("0.0.0.0/0").lastAddress == v4("255.255.255.255"))
        #expect(try IPPrefix("10.0.0.7/32").lastAddress == v4("10.0.0.7"))
        #expect(try IPPrefix("2001:db8::/64").lastAddress == v6("2001:db8::ffff:ffff:ffff:ffff"))
        #expect(try IPPrefix("2001:db8::/127").lastAddress == v6("2001:db8::1"))
        #expect(try IPPrefix("2001:db8::/32").lastAddress == v6("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(try IPPrefix("::/0").lastAddress == v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(try IPPrefix("::1/128").lastAddress == v6("::1"))
    }

    // MARK: Containment

    @Test func containsAddressesFromFirstToLast() throws {
        let prefix = try IPPrefix("10.0.0.0/24")
        #expect(prefix.contains(v4("10.0.0.0")))
        #expect(prefix.contains(v4("10.0.0.255")))
        #expect(!prefix.contains(v4("9.255.255.255")))
        #expect(!prefix.contains(v4("10.0.1.0")))
    }

    @Test func containsIPv6AddressesAcrossTheHalves() throws {
        let prefix = try IPPrefix("2001:db8:0:0:8000::/65")
        #expect(prefix.contains(v6("2001:db8::8000:0:0:0")))
        #expect(prefix.contains(v6("2001:db8::ffff:ffff:ffff:ffff")))
        #expect(!prefix.contains(v6("2001:db8::7fff:ffff:ffff:ffff")))
    }

    @Test func neverContainsAddressesOfTheOtherFamily() throws {
        #expect(try !IPPrefix("0.0.0.0/0").contains(v6("::")))
        #expect(try !IPPrefix("::/0").contains(v4("0.0.0.0")))
        #expect(try !IPPrefix("::ffff:0:0/96").contains(v4("1.2.3.4")))
    }

    @Test func containsItselfAndLongerPrefixesInside() throws {
        let outer = try IPPrefix("10.0.0.0/8")
        #expect(outer.contains(outer))
        #expect(outer.contains(try IPPrefix("10.20.0.0/16")))
        #expect(outer.contains(try IPPrefix("10.255.255.255/32")))
        #expect(!outer.contains(try IPPrefix("0.0.0.0/0")))
        #expect(!outer.contains(try IPPrefix("11.0.0.0/16")))
        #expect(try !IPPrefix("10.0.0.0/16").contains(outer))
    }

    @Test func overlapsWhenOneContainsTheOther() throws {
        #expect(try IPPrefix("10.0.0.0/8").overlaps(IPPrefix("10.1.0.0/16")))
        #expect(try IPPrefix("10.1.0.0/16").overlaps(IPPrefix("10.0.0.0/8")))
        #expect(try IPPrefix("::/0").overlaps(IPPrefix("2001:db8::/32")))
    }

    @Test func adjacentAndDisjointPrefixesDoNotOverlap() throws {
        #expect(try !IPPrefix("10.0.0.0/25").overlaps(IPPrefix("10.0.0.128/25")))
        #expect(try !IPPrefix("10.0.0.0/8").overlaps(IPPrefix("11.0.0.0/8")))
        #expect(try !IPPrefix("0.0.0.0/0").overlaps(IPPrefix("::/0")))
    }

    // MARK: Ordering

    @Test func ordersByFamilyThenAddressThenShorterFirst() throws {
        let texts = ["2001:db8::/32", "10.0.0.0/16", "::/0", "10.0.0.0/8", "9.0.0.0/8", "10.0.0.0/32", "0.0.0.0/0",
                     "2001:db8::/48", "10.128.0.0/9"]
        let sorted = try texts.map { try IPPrefix($0) }.sorted().map(\.description)
        #expect(sorted == ["0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/32", "10.128.0.0/9",
                           "::/0", "2001:db8::/32", "2001:db8::/48"])
    }

    @Test func equalPrefixesAreNotOrdered() throws {
        #expect(try !(IPPrefix("10.0.0.0/8") < IPPrefix("10.0.0.0/8")))
        #expect(try IPPrefix("10.0.0.0/8") == IPPrefix.parseLenient("10.9.9.9/8").prefix)
    }
}
