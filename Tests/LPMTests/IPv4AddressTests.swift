import Testing
@testable import LPM

@Suite("IPv4Address")
struct IPv4AddressTests {
    @Test func parsesDottedQuadIntoValue() throws {
        #expect(try IPv4Address("10.0.0.1").value == 0x0A00_0001)
        #expect(try IPv4Address("192.0.2.255").value == 0xC000_02FF)
    }

    @Test func parsesTheExtremes() throws {
        #expect(try IPv4Address("0.0.0.0").value == 0)
        #expect(try IPv4Address("255.255.255.255").value == UInt32.max)
    }

    @Test func octetInitializerPutsTheFirstOctetHighest() {
        #expect(IPv4Address(10, 1, 2, 3).value == 0x0A01_0203)
    }

    @Test func octetsRoundTrip() {
        let o = IPv4Address(0xC0A8_0A01).octets
        #expect(o.0 == 192 && o.1 == 168 && o.2 == 10 && o.3 == 1)
    }

    @Test func printsDottedQuad() {
        #expect(IPv4Address(0xC0A8_0001).description == "192.168.0.1")
        #expect(IPv4Address(0).description == "0.0.0.0")
    }

    @Test func printedTextParsesBack() throws {
        for value: UInt32 in [0, 1, 0x0A00_0001, 0x7F00_0001, 0xFFFF_FFFF, 0x8000_0000] {
            #expect(try IPv4Address(IPv4Address(value).description).value == value)
        }
    }

    @Test func singleZeroOctetIsNotALeadingZero() throws {
        #expect(try IPv4Address("10.0.0.0").value == 0x0A00_0000)
    }

    @Test(arguments: ["010.0.0.1", "10.00.0.1", "1.2.3.04", "00.1.2.3", "1.2.3.000"])
    func rejectsLeadingZeros(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .leadingZero)) { try IPv4Address(text) }
    }

    @Test(arguments: ["256.0.0.1", "1.2.3.256", "1.2.3.999", "1.2.3.1000"])
    func rejectsOutOfRangeOctets(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .octetOutOfRange)) { try IPv4Address(text) }
    }

    @Test(arguments: ["1.2.3", "1.2.3.4.5", "1", "1..2.3", "1.2.3.4.", ".1.2.3.4", "...", "1.2.3."])
    func rejectsWrongPartCounts(_ text: String) {
        #expect(throws: IPParseError(text: text, reason: .wrongOctetCount)) { try IPv4Address(text) }
    }

    @Test func rejectsEmptyText() {
        #expect(throws: IPParseError(text: "", reason: .empty)) { try IPv4Address("") }
    }

    @Test(arguments: [
        ("1.2.3.a", Character("a")), (" 1.2.3.4", " "), ("1.2.3.4 ", " "), ("+1.2.3.4", "+"),
        ("1.2.3.4/8", "/"), ("1.2.3.-4", "-"), ("1.2.3.\u{0664}", "\u{0664}"), ("::1", ":"),
    ])
    func rejectsGarbageNamingTheCharacter(_ text: String, _ bad: Character) {
        #expect(throws: IPParseError(text: text, reason: .unexpectedCharacter(bad))) { try IPv4Address(text) }
    }

    @Test func failableParserReturnsNilOnError() {
        #expect(IPv4Address(parsing: "1.2.3.4")?.value == 0x0102_0304)
        #expect(IPv4Address(parsing: "1.2.3.256") == nil)
        #expect(IPv4Address(parsing: "") == nil)
    }

    @Test func parsesSubstrings() throws {
        let line = "src=10.1.2.3 dst"
        let field = line.split(separator: "=")[1].split(separator: " ")[0]
        #expect(try IPv4Address(field).value == 0x0A01_0203)
    }

    @Test func ordersNumerically() {
        #expect(IPv4Address(9, 255, 255, 255) < IPv4Address(10, 0, 0, 0))
        #expect(!(IPv4Address(10, 0, 0, 0) < IPv4Address(10, 0, 0, 0)))
    }

    @Test func errorDescriptionNamesTextAndRule() {
        let error = IPParseError(text: "1.2.3.256", reason: .octetOutOfRange)
        #expect(error.description.contains("'1.2.3.256'"))
        #expect(error.description.contains("0 to 255"))
    }
}
