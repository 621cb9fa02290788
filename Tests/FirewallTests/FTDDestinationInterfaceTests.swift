import Testing
import Firewall

/// FTD's destination `ifc NAMEIF` (FMC's destination zone) is evaluated against the egress
/// interface the route lookup finds; only when no route is known is it assumed to match, with a
/// note (issue #16).
@Suite("FTD destination ifc")
struct FTDDestinationInterfaceTests {
    static func classifier(defaultRoute: Bool = true) -> FirewallClassifier {
        var lines = [
            "interface GigabitEthernet0/0", " nameif outside", " ip address 203.0.113.2 255.255.255.0",
            "interface GigabitEthernet0/1", " nameif inside", " ip address 192.168.1.1 255.255.255.0",
            "interface GigabitEthernet0/2", " nameif NAV-DMZ", " ip address 192.168.2.1 255.255.255.0",
            "access-list CSM_FW_ACL_ advanced trust ip ifc inside any ifc outside any rule-id 1",
            "access-list CSM_FW_ACL_ advanced deny ip any any rule-id 2",
            "access-group CSM_FW_ACL_ global",
        ]
        if defaultRoute { lines.append("route outside 0.0.0.0 0.0.0.0 203.0.113.1") }
        return FirewallClassifier(config: config(lines.joined(separator: "\n")))
    }

    @Test func packetLeavingByAnotherInterfaceSkipsTheLine() {
        let verdict = Self.classifier().classify(udp("192.168.1.50", "192.168.2.77", 53, on: "inside"))
        #expect(verdict.egressInterface == "NAV-DMZ")
        #expect(verdict.lineNumber == 2)
        #expect(verdict.action == .deny)
        #expect(line(Self.classifier(), udp("192.168.1.50", "192.168.2.77", 53, on: "inside")) == 2)
    }

    @Test func packetLeavingByTheNamedInterfaceMatchesWithoutANote() {
        let verdict = Self.classifier().classify(udp("192.168.1.50", "8.8.8.8", 53, on: "inside"))
        #expect(verdict.egressInterface == "outside")
        #expect(verdict.lineNumber == 1)
        #expect(!verdict.notes.contains { $0.contains("ifc outside") })
        #expect(line(Self.classifier(), udp("192.168.1.50", "8.8.8.8", 53, on: "inside")) == 1)
    }

    @Test func unknownEgressAssumesTheQualifierMatchesAndSaysSo() {
        let c = Self.classifier(defaultRoute: false)
        let verdict = c.classify(udp("192.168.1.50", "8.8.8.8", 53, on: "inside"))
        #expect(verdict.egressInterface == nil)
        #expect(verdict.lineNumber == 1)
        #expect(verdict.notes.contains { $0.contains("'ifc outside'") })
        #expect(line(c, udp("192.168.1.50", "8.8.8.8", 53, on: "inside")) == 1)
    }

    @Test func egressGivenWithThePacketWinsOverTheRouteLookup() {
        var packet = udp("192.168.1.50", "192.168.2.77", 53, on: "inside")
        packet.egressInterface = "outside"
        #expect(line(Self.classifier(), packet) == 1)
    }

    @Test(.enabled(if: RealWorldCorpus.isAvailable, Comment(rawValue: RealWorldCorpus.absenceMessage)))
    func assembledFTDConfigDeniesDNSToTheDMZByTheDefaultRule() throws {
        let text = try #require(RealWorldCorpus.asa("derived/assembled_ftd_lina.cfg"))
        let c = FirewallClassifier(config: FirewallConfig.parse(text))
        let packet = udp("192.168.1.50", "192.168.2.77", 53, on: "inside")
        #expect(line(c, packet) == 17)
        #expect(c.classify(packet).action == .deny)
    }
}
