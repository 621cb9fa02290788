import Testing
import Firewall
import LPM

/// The `access-list` grammar: every address, port, protocol and option form of the docs.
@Suite("Access-list parsing")
struct AccessListParsingTests {
    /// The single entry of `acl` in a config made of `lines`.
    func entry(_ lines: String...) throws -> AccessControlEntry {
        let parsed = FirewallConfig.parse(lines.joined(separator: "\n"))
        let list = try #require(parsed.accessLists["acl"])
        let entries = list.entries.map(\.entry)
        try #require(entries.count == 1)
        return entries[0]
    }

    @Test func readsAnyAny4Any6() throws {
        let e = try entry("access-list acl extended permit ip any4 any6")
        #expect(e.source == .any4)
        #expect(e.destination == .any6)
        #expect(try entry("access-list acl extended permit ip any any").source == .any)
    }

    @Test func readsHostOfBothFamilies() throws {
        let e = try entry("access-list acl extended permit ip host 10.0.0.1 host 2001:db8::1")
        #expect(e.source == .host(ip("10.0.0.1")))
        #expect(e.destination == .host(ip("2001:db8::1")))
    }

    @Test func readsAddressAndNetmask() throws {
        let e = try entry("access-list acl extended permit ip 10.0.0.0 255.255.0.0 any")
        #expect(e.source == .network(IPv4Address(10, 0, 0, 0), mask: IPv4Address(255, 255, 0, 0)))
    }

    @Test func readsIPv6Prefix() throws {
        let e = try entry("access-list acl extended permit ip 2001:db8:1::/48 any6")
        #expect(e.source == .ipv6Prefix(prefix("2001:db8:1::/48")))
    }

    @Test func readsObjectObjectGroupAndInterface() throws {
        let e = try entry("object-group network g", " network-object host 10.0.0.1",
                          "access-list acl extended permit ip object o object-group g")
        #expect(e.source == .object("o"))
        #expect(e.destination == .objectGroup("g"))
        #expect(try entry("access-list acl extended permit tcp any interface outside eq ssh").destination
            == .interface("outside"))
    }

    @Test func readsEveryPortOperator() throws {
        #expect(try entry("access-list acl extended permit tcp any any eq 80").destinationPort == .compare(.equal(80)))
        #expect(try entry("access-list acl extended permit tcp any any neq 80").destinationPort
            == .compare(.notEqual(80)))
        #expect(try entry("access-list acl extended permit tcp any any lt 80").destinationPort
            == .compare(.lessThan(80)))
        #expect(try entry("access-list acl extended permit tcp any any gt 80").destinationPort
            == .compare(.greaterThan(80)))
        #expect(try entry("access-list acl extended permit tcp any any range 80 90").destinationPort
            == .compare(.range(80, 90)))
    }

    @Test func portAfterSourceIsSourcePort() throws {
        let e = try entry("access-list acl extended permit tcp host 10.0.0.1 gt 1023 host 10.0.0.2 eq ssh")
        #expect(e.sourcePort == .compare(.greaterThan(1023)))
        #expect(e.destinationPort == .compare(.equal(22)))
    }

    @Test func readsNamedPortsPerProtocol() throws {
        #expect(try entry("access-list acl extended permit tcp any any eq kerberos").destinationPort
            == .compare(.equal(750)))
        #expect(try entry("access-list acl extended permit udp any any eq radius").destinationPort
            == .compare(.equal(1645)))
        #expect(try entry("access-list acl extended permit tcp any any range ftp-data ftp").destinationPort
            == .compare(.range(20, 21)))
        #expect(try entry("access-list acl extended permit udp any any eq domain").destinationPort
            == .compare(.equal(53)))
    }

    @Test func dnsIsNotAPortName() {
        let parsed = config("access-list acl extended permit udp any any eq dns")
        #expect(parsed.errors.first?.line == 1)
        #expect(parsed.accessLists["acl"]?.entries.isEmpty == true)
    }

    @Test func readsProtocolsByNameAndNumber() throws {
        #expect(try entry("access-list acl extended permit gre any any").protocolSpecifier == .number(47))
        #expect(try entry("access-list acl extended permit 97 any any").protocolSpecifier == .number(97))
        #expect(try entry("access-list acl extended permit esp any any").protocolSpecifier == .number(50))
    }

    @Test func readsICMPTypeAndCode() throws {
        let e = try entry("access-list acl extended permit icmp any any unreachable 4")
        #expect(e.icmp == .type(ICMPMatch(type: 3, code: 4)))
        #expect(try entry("access-list acl extended permit icmp6 any6 any6 echo-reply").icmp
            == .type(ICMPMatch(type: 129)))
    }

    @Test func readsICMPTypeGroup() throws {
        let e = try entry("object-group icmp-type ping", " icmp-object echo",
                          "access-list acl extended permit icmp any any object-group ping")
        #expect(e.icmp == .objectGroup("ping"))
    }

    @Test func readsPortGroupInPortPosition() throws {
        let e = try entry("object-group service web tcp", " port-object eq www",
                          "object-group network srv", " network-object host 10.0.0.1",
                          "access-list acl extended permit tcp any object-group srv object-group web")
        #expect(e.destination == .objectGroup("srv"))
        #expect(e.destinationPort == .objectGroup("web"))
    }

    @Test func readsServiceObjectAndGroupInProtocolPosition() throws {
        #expect(try entry("access-list acl extended permit object https any any").protocolSpecifier
            == .object("https"))
        #expect(try entry("access-list acl extended permit object-group svc any any").protocolSpecifier
            == .objectGroup("svc"))
    }

    @Test func readsLogVariants() throws {
        #expect(try entry("access-list acl extended permit ip any any log").log == "log")
        #expect(try entry("access-list acl extended permit ip any any log 6 interval 300").log
            == "log 6 interval 300")
        #expect(try entry("access-list acl extended permit ip any any log informational").log == "log informational")
        #expect(try entry("access-list acl extended permit ip any any log disable").log == "log disable")
    }

    @Test func readsTimeRangeAndInactiveInEitherOrder() throws {
        let e = try entry("access-list acl extended permit ip any any log time-range tr inactive")
        #expect(e.timeRange == "tr")
        #expect(e.isInactive)
        #expect(try entry("access-list acl extended permit ip any any inactive log").isInactive)
    }

    @Test func keepsConfiguredTextWithoutLineNumber() throws {
        let e = try entry("access-list  acl  line 1 extended permit   ip any any")
        #expect(e.text == "access-list acl extended permit ip any any")
    }

    @Test func readsFTDAdvancedEntriesWithRuleIDAndIfc() throws {
        let e = try entry("access-list acl advanced trust tcp ifc inside any ifc outside any eq https "
                          + "rule-id 268435458 event-log both")
        #expect(e.kind == .advanced)
        #expect(e.action == .trust)
        #expect(e.ruleID == 268_435_458)
        #expect(e.sourceInterface == "inside")
        #expect(e.destinationInterface == "outside")
    }

    @Test func readsPre83SyntaxWithoutExtendedKeyword() throws {
        #expect(try entry("access-list acl permit tcp any any eq 80").action == .permit)
    }

    @Test func stripsObjectGroupSearchCounts() throws {
        #expect(try entry("access-list acl extended permit ip object-group HA_Networks_All(298) any").source
            == .objectGroup("HA_Networks_All"))
    }

    @Test func reportsEstablishedAndKeepsTheEntry() throws {
        let parsed = config("access-list acl extended permit tcp any any established")
        #expect(parsed.accessLists["acl"]?.entries.count == 1)
        #expect(parsed.diagnostics.contains { $0.severity == .warning && $0.line == 1 })
    }

    @Test func unconfirmedProtocolAliasIsReadAndWarned() throws {
        let parsed = config("access-list acl extended permit ipsec any any")
        #expect(parsed.accessLists["acl"]?.entries.first?.entry.protocolSpecifier == .number(50))
        #expect(parsed.diagnostics.contains { $0.severity == .warning
            && $0.problem == .unconfirmed("protocol alias 'ipsec' read as 50") })
    }

    @Test func serviceObjectPortWithoutKeywordIsDestinationAndWarned() {
        let parsed = config("object-group service svc", " service-object tcp eq 8080")
        #expect(parsed.objectGroups["svc"]?.entries.first?.member
            == .service(ServiceSpecification(serviceProtocol: .number(6), destinationPort: .equal(8080))))
        #expect(parsed.diagnostics.contains { $0.severity == .warning && $0.line == 2 })
    }

    @Test func acceptsRemarksLongerThan100Characters() throws {
        let long = String(repeating: "x", count: 180)
        let parsed = config("access-list acl remark \(long)")
        guard case .remark(let remark)? = parsed.accessLists["acl"]?.lines.first else {
            Issue.record("no remark")
            return
        }
        #expect(remark.remark == long)
    }

    @Test func remarkKeepsItsSpacing() {
        let parsed = config("access-list acl remark   two  spaces kept")
        guard case .remark(let remark)? = parsed.accessLists["acl"]?.lines.first else {
            Issue.record("no remark")
            return
        }
        #expect(remark.remark == "two  spaces kept")
    }
}
