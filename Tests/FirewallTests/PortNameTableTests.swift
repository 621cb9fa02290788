import Testing
import Firewall

/// Port and ICMP type names of the ASA 9.x "TCP and UDP Ports" and "ICMP Types" tables
/// (issue #16).
@Suite("Port and ICMP names")
struct PortNameTableTests {
    @Test func namesAddedFromThe9xTable() {
        #expect(PortNameTable.port(for: "cifs", in: .tcp) == 3020)
        #expect(PortNameTable.port(for: "cifs", in: .udp) == 3020)
        #expect(PortNameTable.port(for: "diameter", in: .tcp) == 3868)
        #expect(PortNameTable.port(for: "vxlan", in: .udp) == 4789)
    }

    @Test func protocolOfEachNameFollowsTheTable() {
        #expect(PortNameTable.port(for: "vxlan", in: .tcp) == nil)
        #expect(PortNameTable.port(for: "ssh", in: .udp) == nil)
        #expect(PortNameTable.port(for: "www", in: .udp) == 80)
        #expect(PortNameTable.port(for: "http", in: .udp) == 80)
        #expect(!PortNameTable.isUnconfirmed("www", in: .udp))
    }

    @Test func entriesUsingTheNewNamesParseAndMatch() {
        let c = singleACL(["extended permit udp any any eq vxlan", "extended permit tcp any any eq diameter",
                           "extended permit udp any any eq www", "extended permit tcp any any eq cifs"])
        #expect(c.config.diagnostics.isEmpty)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 4789)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 3868)) == 2)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 80)) == 3)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 3020)) == 4)
    }

    @Test func printedNamesUseTheNewLiterals() {
        #expect(PortNameTable.printedName(for: 4789, in: .udp) == "vxlan")
        #expect(PortNameTable.printedName(for: 3868, in: .tcp) == "diameter")
        #expect(PortNameTable.printedName(for: 80, in: .udp) == "www")
    }

    @Test func everyICMPTypeNameOfTheTableIsKnown() {
        let table: [String: UInt8] = [
            "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "alternate-address": 6,
            "echo": 8, "router-advertisement": 9, "router-solicitation": 10, "time-exceeded": 11,
            "parameter-problem": 12, "timestamp-request": 13, "timestamp-reply": 14,
            "information-request": 15, "information-reply": 16, "mask-request": 17, "mask-reply": 18,
            "traceroute": 30, "conversion-error": 31, "mobile-redirect": 32,
        ]
        for (name, type) in table {
            #expect(ICMPTypeTable.type(for: name, icmp6: false) == type, "\(name)")
        }
    }
}
