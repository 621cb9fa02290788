import Foundation
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
        #expect(AsaSyslogMessage.parse("%ASA-5-313005: No matching connection for ICMP error message") == nil)
        #expect(AsaSyslogMessage.parse("kernel: eth0 link up") == nil)
        #expect(AsaSyslogMessage.parse("%ASA-4-106023: garbage") == nil)
    }

    // MARK: - Refusals name the message id

    @Test func everyRefusalNamesTheMessageIDAndTheReason() {
        #expect(refusal("kernel: eth0 link up") == .init(messageID: nil, reason: .noTag))
        #expect(refusal("%ASA-5-313005: No matching connection") == .init(messageID: 313005, reason: .unsupportedMessage))
        guard case .malformed = refusal("%ASA-4-106023: garbage")?.reason else {
            Issue.record("expected a malformed refusal")
            return
        }
        #expect(refusal("%ASA-4-106023: garbage")?.messageID == 106023)
    }

    @Test func endpointLoggedAsANameIsSaidToBeOneAndResolvedThroughNameCommands() throws {
        let line = "Jul 15 13:38:14 216.160.83.56 : %ASA-6-302013: Built inbound TCP connection 3263493120 for "
            + "DMZ:shule/5802 (shule/5802) to SERVERS:10.10.227.121/80 (10.10.227.121/80)"
        #expect(refusal(line) == .init(messageID: 302013, reason: .endpointIsName("shule")))
        #expect(refusal(line)?.description.contains("host name") == true)
        let names = AsaSyslogMessage.NameTable(runningConfig: "names\nname 10.20.0.7 shule description lab\n")
        let m = try #require(AsaSyslogMessage.parse(line, names: names))
        #expect(m.source?.address == ip("10.20.0.7"))
        #expect(m.source?.name == "shule")
        #expect(m.source?.port == 5802)
        #expect(m.source?.mappedAddress == ip("10.20.0.7"))
    }

    @Test func aUserOrHostNameAfterThePortKeepsThePort() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302014: Teardown TCP connection 9 for outside:203.0.113.9/443(www.example.com) to "
                + "inside:10.0.41.20/40000(LOCAL\\alice) duration 0:01:00 bytes 10 TCP FINs"))
        #expect(m.endpoints[0].port == 443 && m.endpoints[0].user == "www.example.com")
        #expect(m.endpoints[1].port == 40000 && m.endpoints[1].user == "LOCAL\\alice")
        #expect(m.endpoints[1].service == nil)
    }

    // MARK: - Traffic messages

    @Test func icmpBuiltAndTeardownUseForeignAndLocal() throws {
        let built = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302020: Built outbound ICMP connection for faddr 8.8.8.8/0 gaddr 198.51.100.20/7 laddr 10.0.41.20/7 "
                + "type 8 code 0"))
        #expect(built.event == .icmpConnectionBuilt(.outbound))
        #expect(built.source?.address == ip("10.0.41.20") && built.source?.mappedAddress == ip("198.51.100.20"))
        #expect(built.destination?.address == ip("8.8.8.8"))
        #expect(built.icmpType == 8 && built.icmpCode == 0 && built.ipProtocol == 1)
        let teardown = try #require(AsaSyslogMessage.parse(
            "%ASA-6-302021: Teardown ICMP connection for faddr 8.8.8.8/0 gaddr 198.51.100.20/7 laddr 10.0.41.20/7"))
        #expect(teardown.event == .icmpConnectionTeardown && !teardown.initiatorKnown)
        #expect(teardown.resolvingInitiator(with: built).source?.address == ip("10.0.41.20"))
    }

    @Test func denyWithoutConnectionTakesTheInterfaceAndFlags() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-6-106015: Deny TCP (no connection) from 10.0.41.20/40000 to 103.47.244.10/443 flags FIN ACK "
                + "on interface inside"))
        #expect(m.event == .deniedNoConnection && m.isDenied)
        #expect(m.source == .init(interface: "inside", address: ip("10.0.41.20"), port: 40000))
        #expect(m.destination?.port == 443 && m.tcpFlags == "FIN ACK")
    }

    @Test func translationsPairRealAndMapped() throws {
        let built = try #require(AsaSyslogMessage.parse(
            "%ASA-6-305011: Built dynamic TCP translation from inside:172.31.98.44/1772 to outside:100.66.98.44/8256"))
        #expect(built.event == .translationBuilt(.dynamic))
        #expect(built.source?.address == ip("172.31.98.44") && built.source?.mappedPort == 8256)
        let teardown = try #require(AsaSyslogMessage.parse(
            "%ASA-6-305012: Teardown static UDP translation from inside:10.0.0.5/53 to outside:1.1.1.1/53 duration 0:00:41"))
        #expect(teardown.event == .translationTeardown(.static) && teardown.durationSeconds == 41)
    }

    @Test func ftdConnectionEventsCarryBytesEachWayAndTheRuleAction() throws {
        let end = try #require(AsaSyslogMessage.parse(
            "2019-08-15T16:07:19Z firepower  %FTD-1-430003: AccessControlRuleAction: Allow, SrcIP: 10.0.1.20, "
                + "DstIP: 81.2.69.144, SrcPort: 43228, DstPort: 443, Protocol: tcp, IngressInterface: inside, "
                + "EgressInterface: outside, ACPolicy: Default, AccessControlRuleName: Allow-Web, "
                + "URL: https://example.com/a, b, InitiatorBytes: 97454, ResponderBytes: 41319018, ConnectionDuration: 12"))
        #expect(end.event == .connectionEnd && !end.isDenied)
        #expect(end.source == .init(interface: "inside", address: ip("10.0.1.20"), port: 43228))
        #expect(end.destination?.port == 443 && end.ipProtocol == 6)
        #expect(end.initiatorBytes == 97454 && end.responderBytes == 41_319_018 && end.bytes == 41_416_472)
        #expect(end.accessList == "Allow-Web")
        let block = try #require(AsaSyslogMessage.parse(
            "%NGIPS-1-430002: AccessControlRuleAction: Block, SrcIP: 10.0.1.20, DstIP: 81.2.69.144, Protocol: udp"))
        #expect(block.product == "NGIPS" && block.isDenied && block.event == .connectionStart)
    }

    @Test func tagsWithAClassOrWithoutAColonAreFound() throws {
        let m = try #require(AsaSyslogMessage.parse(
            "%ASA-session-5-106100: access-list a denied tcp inside/10.0.0.1(1) -> outside/8.8.8.8(443) hit-cnt 1 first hit"))
        #expect(m.severity == 5 && m.isDenied)
        #expect(AsaSyslogMessage.parse(
            "%ASA-6-302016 Teardown UDP connection 7 for outside:8.8.8.8/53 to inside:10.0.0.5/5353 duration 0:00:01 bytes 9")?
            .bytes == 9)
    }

    // MARK: - Headers

    @Test(arguments: [
        ("<166>Aug 18 2026 18:24:29 asa-fw-01 : %ASA-6-302020: x", "2026-08-18T18:24:29Z", false, "asa-fw-01"),
        ("Apr 29 2013 12:59:50: %ASA-6-305011: x", "2013-04-29T12:59:50Z", false, nil),
        ("Apr 29 2013 09:34:34 EDT: %ASA-6-305011: x", "2013-04-29T13:34:34Z", false, nil),
        ("<166>2018-06-27T12:17:46Z asa : %ASA-6-110002: x", "2018-06-27T12:17:46Z", false, "asa"),
        ("2019-08-15T16:03:31Z firepower  %FTD-1-430002: x", "2019-08-15T16:03:31Z", false, "firepower"),
        ("Dec  6 21:00:00 relay1 Dec 06 2026 20:59:59 asa-fw-01 : %ASA-6-302013: x", "2026-12-06T20:59:59Z", false, "asa-fw-01"),
        ("<191>Aug  1 14:01:20 abc-asa1: %ASA-6-302013: x", "2026-08-01T14:01:20Z", true, "abc-asa1"),
        ("<166>1 2026-12-06T10:00:00.123+01:00 fw2 - - - - %ASA-6-302013: x", "2026-12-06T09:00:00Z", false, "fw2"),
        ("Oct 10 2018 12:34:56 localhost CiscoASA[999]: %ASA-6-302014: x", "2018-10-10T12:34:56Z", false, "localhost"),
    ] as [(String, String, Bool, String?)])
    func headersGiveTimeAndDevice(line: String, time: String, inferred: Bool, host: String?) throws {
        let header = AsaSyslogMessage.Header(line: line, referenceYear: 2026)
        let expected = try #require(AsaSyslogMessage.Header.isoSeconds(time[...]))
        #expect(header.timestamp == expected)
        #expect(header.yearInferred == inferred)
        #expect(header.host == host)
    }

    // MARK: - Real-world corpus

    @Test func everyRealWorldLineParsesOrIsRefusedWithAReason() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/realworld/syslog").standardizedFileURL
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            print("skipped: ../shared/realworld/syslog is absent")
            return
        }
        let supported: Set<Int> = [106015, 106023, 106100, 302013, 302014, 302015, 302016, 302020, 302021, 305011,
                                   305012, 430002, 430003, 710003]
        var parsed = 0
        var names = 0
        for file in files.sorted() where !file.hasSuffix(".md") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (index, line) in text.split(separator: "\n").enumerated() {
                switch AsaSyslogMessage.parseResult(String(line)) {
                case .success(let message):
                    parsed += 1
                    #expect(supported.contains(message.messageID))
                case .failure(let refusal):
                    switch refusal.reason {
                    case .noTag: #expect(refusal.messageID == nil)
                    case .unsupportedMessage: #expect(!supported.contains(refusal.messageID ?? 0), "\(file):\(index + 1)")
                    case .endpointIsName: names += 1
                    case .malformed(let expected):
                        Issue.record("\(file):\(index + 1): supported message refused: \(expected)")
                    }
                }
            }
        }
        #expect(parsed >= 40)
        #expect(names >= 5)
    }

    private func refusal(_ line: String) -> AsaSyslogMessage.Refusal? {
        if case .failure(let refusal) = AsaSyslogMessage.parseResult(line) { return refusal }
        return nil
    }
}
