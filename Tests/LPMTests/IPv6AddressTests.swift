import Testing
@testable import LPM
import TestSupport

@Suite("IPv6Address")
struct IPv6AddressTests {
    @Test func parsesFullFormIntoHalves() throws {
        let address = try IPv6Address("2001:0db8:0000:0000:0000:ff00:0042:8329")
        #expect(address.high == 0x2001_0DB8_0000_0000)
        #expect(address.low == 0x0000_FF00_0042_8329)
    }

    @Test func groupsInitializerMatchesHalves() {
        let address = IPv6Address(groups: [0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329])
        #expect(address == IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x0000_FF00_0042_8329))
        #expect(address.groups == [0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329])
    }

    @Test func doubleColonAloneIsTheUnspecifiedAddress() throws {
        #expect(try IPv6Address("::") == IPv6Address(high: 0, low: 0))
    }

    @Test func doubleColonExpandsAtTheStartMiddleAndEnd() throws {
        #expect(try IPv6Address("::1") == IPv6Address(high: 0, low: 1))
        #expect(try IPv6Address("1::") == IPv6Address(high: 1 << 48, low: 0))
        #expect(try IPv6Address("1::2") == IPv6Address(high: 1 << 48, low: 2))
        #expect(try IPv6Address("1:2:3::6:7:8") == IPv6Address(groups: [1, 2, 3, 0, 0, 6, 7, 8]))
    }

    @Test func doubleColonMayStandForASingleGroup() throws {
        #expect(try IPv6Address("1:2:3::5:6:7:8") == IPv6Address(groups: [1, 2, 3, 0, 5, 6, 7, 8]))
    }

    @Test func acceptsUpperCaseHex() throws {
        #expect(try IPv6Address("2001:DB8::ABCD") == IPv6Address("2001:db8::abcd"))
    }

    @Test func parsesIPv4MappedAddress() throws {
        let address = try IPv6Address("::ffff:1.2.3.4")
        #expect(address == IPv6Address(high: 0, low: 0xFFFF_0102_0304))
        #expect(address.isIPv4Mapped)
    }

    @Test func parsesEmbeddedIPv4WithWellKnownNAT64Prefix() throws {
        #expect(try IPv6Address("64:ff9b::1.2.3.4") == IPv6Address(groups: [0x64, 0xff9b, 0, 0, 0, 0, 0x102, 0x304]))
    }

    @Test func parsesEmbeddedIPv4InFullForm() throws {
        #expect(try IPv6Address("0:0:0:0:0:ffff:192.0.2.1") == IPv6Address("::ffff:c000:201"))
    }

    @Test func onlyFFFFPrefixIsIPv4Mapped() throws {
        #expect(try !IPv6Address("64:ff9b::1.2.3.4").isIPv4Mapped)
        #expect(try !IPv6Address("::1.2.3.4").isIPv4Mapped)
        #expect(try !IPv6Address("1::ffff:1.2.3.4").isIPv4Mapped)
    }

    // MARK: RFC 5952 printing

    @Test(arguments: [
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
    ])
    func compressesTheZeroRunWithDoubleColon(_ text: String, _ canonical: String) throws {
        #expect(try IPv6Address(text).description == canonical)
    }

    @Test func compressesTheLongestZeroRun() throws {
        #expect(try IPv6Address("2001:0:0:1:0:0:0:1").description == "2001:0:0:1::1")
        #expect(try IPv6Address("0:0:1:0:0:0:1:0").description == "0:0:1::1:0")
    }

    @Test func compressesTheFirstRunOnATie() throws {
        #expect(try IPv6Address("2001:db8:0:0:1:0:0:1").description == "2001:db8::1:0:0:1")
        #expect(try IPv6Address("0:0:1:1:0:0:1:1").description == "::1:1:0:0:1:1")
    }

    @Test func neverCompressesASingleZeroGroup() throws {
        #expect(try IPv6Address("2001:db8:0:1:1:1:1:1").description == "2001:db8:0:1:1:1:1:1")
        #expect(try IPv6Address("1:0:2:0:3:0:4:0").description == "1:0:2:0:3:0:4:0")
    }

    @Test func printsLowerCaseWithoutLeadingZeros() throws {
        #expect(try IPv6Address("2001:0DB8:00AB:000C:FFFF:0:0:0").description == "2001:db8:ab:c:ffff::")
    }

    @Test func printsIPv4MappedInDottedForm() throws {
        #expect(try IPv6Address("::ffff:c000:201").description == "::ffff:192.0.2.1")
        #expect(try IPv6Address("::ffff:0:0").description == "::ffff:0.0.0.0")
    }

    @Test func printsOtherEmbeddedIPv4InHex() throws {
        #expect(try IPv6Address("64:ff9b::1.2.3.4").description == "64:ff9b::102:304")
    }

    @Test func printedTextParsesBackToTheSameAddress() throws {
        var rng = SplitMix64(seed: 0x6_0001)
        for _ in 0..<2_000 {
            // Sparse groups so zero runs of every length and position occur.
            let groups = (0..<8).map { _ in rng.below(3) == 0 ? UInt16(truncatingIfNeeded: rng.next()) : 0 }
            let address = IPv6Address(groups: groups)
            #expect(try IPv6Address(address.description) == address, "\(address)")
        }
    }

    // MARK: Rejections

    @Test(arguments: ["fe80::1%eth0", "fe80::1%1", "%", "::%"])
    func rejectsZoneIDs(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .zoneNotAllowed)) { try IPv6Address(text) }
    }

    @Test(arguments: ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:1.2.3.4", "1:2", "12345::", "::12345",
                      "1:2:3:4:5:6:1.2.3.4:8", "::1.2.3.4:1", "1.2.3.4::"])
    func rejectsWrongGroupsAndGroupCounts(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .badIPv6Group)) { try IPv6Address(text) }
    }

    @Test(arguments: [":::", "1:::2", "::1:::", "1::2::3", "::1::", "1:2:3:4::5:6:7:8", "::1:2:3:4:5:6:7:8",
                      "1:2:3:4:5:6:7:8::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":"])
    func rejectsMisplacedOrRepeatedCompression(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .badIPv6Compression)) { try IPv6Address(text) }
    }

    @Test(arguments: [("2001:db8::g", Character("g")), ("2001:db8:: 1", " "), ("2001:db8::/32", "/"),
                      ("2001:db8::\u{FF21}", "\u{FF21}"), ("-::1", "-")])
    func rejectsGarbageNamingTheCharacter(_ text: String, _ bad: Character) {
        #expect(throws: IPParseError(text: text, reason: .unexpectedCharacter(bad))) { try IPv6Address(text) }
    }

    @Test func rejectsEmptyText() {
        #expect(throws: IPParseError(text: "", reason: .empty)) { try IPv6Address("") }
    }

    @Test func reportsWhatIsWrongWithAnEmbeddedIPv4Part() {
        #expect(throws: IPParseError(text: "::ffff:1.2.3.256", reason: .octetOutOfRange)) {
            try IPv6Address("::ffff:1.2.3.256")
        }
        #expect(throws: IPParseError(text: "::ffff:1.2.3", reason: .wrongOctetCount)) {
            try IPv6Address("::ffff:1.2.3")
        }
        #expect(throws: IPParseError(text: "::ffff:01.2.3.4", reason: .leadingZero)) {
            try IPv6Address("::ffff:01.2.3.4")
        }
    }

    @Test func failableParserReturnsNilOnError() {
        #expect(IPv6Address(parsing: "::1") == IPv6Address(high: 0, low: 1))
        #expect(IPv6Address(parsing: ":::") == nil)
    }

    @Test func ordersByHighThenLow() {
        #expect(IPv6Address(high: 0, low: .max) < IPv6Address(high: 1, low: 0))
        #expect(IPv6Address(high: 1, low: 0) < IPv6Address(high: 1, low: 1))
    }
}
