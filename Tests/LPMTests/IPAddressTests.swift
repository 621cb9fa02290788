import Testing
@testable import LPM

@Suite("IPAddress")
struct IPAddressTests {
    @Test func textWithoutAColonIsIPv4() throws {
        #expect(try IPAddress("10.0.0.1") == .v4(IPv4Address(10, 0, 0, 1)))
    }

    @Test func textWithAColonIsIPv6() throws {
        #expect(try IPAddress("::1") == .v6(IPv6Address(high: 0, low: 1)))
        #expect(try IPAddress("::ffff:1.2.3.4").family == .v6)
    }

    @Test func errorsComeFromTheChosenFamily() {
        #expect(throws: IPParseError(text: "1.2.3.256", reason: .octetOutOfRange)) { try IPAddress("1.2.3.256") }
        #expect(throws: IPParseError(text: "1:::2", reason: .badIPv6Compression)) { try IPAddress("1:::2") }
        #expect(throws: IPParseError(text: "", reason: .empty)) { try IPAddress("") }
    }

    @Test func familyReportsBitWidth() {
        #expect(IPFamily.v4.bitWidth == 32)
        #expect(IPFamily.v6.bitWidth == 128)
    }

    @Test func printsCanonicalTextOfEitherFamily() throws {
        #expect(try IPAddress("192.0.2.1").description == "192.0.2.1")
        #expect(try IPAddress("2001:DB8:0:0::1").description == "2001:db8::1")
    }

    @Test func ordersIPv4BeforeIPv6() throws {
        #expect(try IPAddress("255.255.255.255") < IPAddress("::"))
        #expect(try !(IPAddress("::") < IPAddress("0.0.0.0")))
    }

    @Test func ordersNumericallyWithinAFamily() throws {
        #expect(try IPAddress("9.255.255.255") < IPAddress("10.0.0.0"))
        #expect(try IPAddress("::ffff") < IPAddress("::1:0"))
    }

    @Test func failableParserReturnsNilOnError() {
        #expect(IPAddress(parsing: "10.0.0.1") == .v4(IPv4Address(0x0A00_0001)))
        #expect(IPAddress(parsing: "10.0.0.1/8") == nil)
    }
}
