import Testing
import Firewall

/// Syslog messages for reverse lookup (docs/cisco-firewall.md §9).
@Suite("ASA syslog")
struct SyslogTests {
    @Test func deniedByAccessGroupWithPorts() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "Nov 25 14:02:11 fw01 : %ASA-4-106023: Deny tcp src inside:10.0.41.20/40000 dst outside:8.8.8.8/443 "
                + "by access-group \"inside_access_in\" [0x5d8b31a4, 0x0]"))
        #expect(m.product == "ASA")
        #expect(m.severity == 4)
        #expect(m.messageID == 106023)
        #expect(m.event == .deniedByAccessGroup)
        #expect(m.ipProtocol == 6)
        #expect(m.source == .init(interface: "inside", address: ip("10.0.41.20"), port: 40000))
        #expect(m.destination == .init(interface: "outside", address: ip("8.8.8.8"), port: 443))
        #expect(m.accessList == "inside_access_in")
        #expect(m.interface == "inside")
        #expect(m.hashes == ["0x5d8b31a4", "0x0"])
    }

    @Test func deniedICMPHasTypeAndCodeAndNoPorts() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-4-106023: Deny icmp src outside:198.51.100.7 dst inside:10.0.0.5 (type 8, code 0) "
                + "by access-group outside_in [0x0, 0x0]"))
        #expect(m.source?.port == nil)
        #expect(m.icmpType == 8)
        #expect(m.icmpCode == 0)
        #expect(m.accessList == "outside_in")
    }

    @Test func deniedProtocolByNumber() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-4-106023: Deny protocol 47 src outside:198.51.100.7 dst inside:10.0.0.5 by access-group \"o\" [0x0, 0x0]"))
        #expect(m.protocolName == "47")
        #expect(m.ipProtocol == 47)
    }

    @Test func accessListHitWithIPv6() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "<166>Nov 25 2026 14:02:11: %FTD-6-106100: access-list inside_access_in permitted tcp "
                + "inside/2001:db8:41::20(40000) -> outside/2001:db8:47:244::10(443) hit-cnt 1 first hit "
                + "[0x3f0331e6, 0x0]"))
        #expect(m.product == "FTD")
        #expect(m.event == .accessListHit(.permitted))
        #expect(m.source == .init(interface: "inside", address: ip("2001:db8:41::20"), port: 40000))
        #expect(m.destination?.port == 443)
        #expect(m.accessList == "inside_access_in")
    }

    @Test func accessListHitICMPPortIsTheType() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-6-106100: access-list outside_in denied icmp outside/198.51.100.7(0) -> inside/10.0.0.5(8) "
                + "hit-cnt 1 first hit [0x1, 0x0]"))
        #expect(m.event == .accessListHit(.denied))
        #expect(m.icmpType == 8)
    }

    @Test func builtOutboundInitiatorIsTheToEndpoint() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302013: Built outbound TCP connection 4417 for outside:103.47.244.10/443 (103.47.244.10/443) "
                + "to inside:10.0.41.20/40000 (198.51.100.20/40000)"))
        #expect(m.event == .connectionBuilt(.outbound))
        #expect(m.connectionID == 4417)
        #expect(m.source?.address == ip("10.0.41.20"))
        #expect(m.source?.mappedAddress == ip("198.51.100.20"))
        #expect(m.source?.interface == "inside")
        #expect(m.destination?.address == ip("103.47.244.10"))
    }

    @Test func builtInboundInitiatorIsTheForEndpoint() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302015: Built inbound UDP connection 99 for outside:198.51.100.7/53000 (198.51.100.7/53000)"
                + "(LOCAL\\alice) to dmz:192.0.2.53/53 (198.51.100.53/53)"))
        #expect(m.ipProtocol == 17)
        #expect(m.source?.address == ip("198.51.100.7"))
        #expect(m.destination?.address == ip("192.0.2.53"))
        #expect(m.destination?.mappedAddress == ip("198.51.100.53"))
    }

    @Test func teardownInitiatorIsUnknownUntilPairedWithBuilt() throws {
        let teardown = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302014: Teardown TCP connection 4417 for outside:103.47.244.10/443 to inside:10.0.41.20/40000 "
                + "duration 0:00:12 bytes 5230 TCP FINs"))
        #expect(!teardown.initiatorKnown)
        #expect(teardown.duration == "0:00:12")
        #expect(teardown.bytes == 5230)
        #expect(teardown.reason == "TCP FINs")
        let built = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302013: Built outbound TCP connection 4417 for outside:103.47.244.10/443 (103.47.244.10/443) "
                + "to inside:10.0.41.20/40000 (198.51.100.20/40000)"))
        let resolved = teardown.resolvingInitiator(with: built)
        #expect(resolved.source?.address == ip("10.0.41.20"))
        #expect(resolved.destination?.address == ip("103.47.244.10"))
    }

    @Test func teardownIsNotPairedWithAnotherConnection() throws {
        let teardown = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302016: Teardown UDP connection 7 for outside:8.8.8.8/53 to inside:10.0.0.5/5353 "
                + "duration 0:02:01 bytes 120"))
        let built = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302015: Built outbound UDP connection 8 for outside:8.8.8.8/53 (8.8.8.8/53) "
                + "to inside:10.0.0.5/5353 (198.51.100.5/5353)"))
        #expect(!teardown.resolvingInitiator(with: built).initiatorKnown)
    }

    @Test func toTheBoxDeniedHasNoSourceInterface() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-3-710003: TCP access denied by ACL from 198.51.100.7/51515 to outside:198.51.100.2/telnet"))
        #expect(m.event == .toTheBoxDenied)
        #expect(m.source?.interface == nil)
        #expect(m.source?.port == 51515)
        #expect(m.destination?.port == 23)
        #expect(m.destination?.service == "telnet")
    }

    @Test func otherMessagesAndNonASALinesAreNil() {
        let translation = "%ASA-6-305011: Built dynamic TCP translation from inside:10.0.0.5/1 to outside:1.1.1.1/2"
        #expect(AsaSyslogMessage.parse(translation) == nil)
        #expect(AsaSyslogMessage.parse("kernel: eth0 link up") == nil)
        #expect(AsaSyslogMessage.parse("%ASA-4-106023: garbage") == nil)
    }
}
