import Testing
import Firewall
import LPM

/// How one line matches a packet (docs/cisco-firewall.md §3–§5 and the §10 checklist). Every
/// check runs both engines (see `line(_:_:)`).
@Suite("Matching semantics")
struct MatchingSemanticsTests {
    @Test func anyCoversIPv6() {
        let c = singleACL(["extended permit tcp any any eq 443"])
        #expect(line(c, tcp("2001:db8::1", "2001:db8::2", 443)) == 1)
    }

    @Test func any4DoesNotCoverIPv6() {
        let c = singleACL(["extended permit tcp any4 any4 eq 443"])
        #expect(line(c, tcp("2001:db8::1", "2001:db8::2", 443)) == nil)
        #expect(line(c, tcp("10.0.0.1", "10.0.0.2", 443)) == 1)
    }

    @Test func any6DoesNotCoverIPv4() {
        let c = singleACL(["extended permit tcp any6 any6 eq 443"])
        #expect(line(c, tcp("10.0.0.1", "10.0.0.2", 443)) == nil)
    }

    @Test func hostIsExact() {
        let c = singleACL(["extended permit ip host 10.0.0.1 any"])
        #expect(line(c, tcp("10.0.0.1", "10.9.9.9", 80)) == 1)
        #expect(line(c, tcp("10.0.0.2", "10.9.9.9", 80)) == nil)
    }

    @Test func maskIsANetmaskNotAWildcard() {
        let c = singleACL(["extended permit ip 10.1.0.0 255.255.0.0 any"])
        #expect(line(c, tcp("10.1.200.7", "10.9.9.9", 80)) == 1)
        #expect(line(c, tcp("10.2.0.1", "10.9.9.9", 80)) == nil)
    }

    @Test func nonContiguousMaskMatchesMaskedBits() {
        // 255.0.0.192: first octet 10, top two bits of the last octet 01 (64–127), anything between.
        let c = singleACL(["extended permit ip 10.0.0.64 255.0.0.192 any", "extended deny ip any any"])
        #expect(line(c, tcp("10.77.3.100", "192.0.2.1", 80)) == 1)
        #expect(line(c, tcp("10.77.3.130", "192.0.2.1", 80)) == 2)
        #expect(line(c, tcp("11.77.3.100", "192.0.2.1", 80)) == 2)
    }

    @Test func nonContiguousMaskInDestinationAndObject() {
        let c = singleACL(["extended permit tcp any object printers eq 9100", "extended deny ip any any"],
                          extra: ["object network printers", " subnet 10.10.0.64 255.255.0.192"])
        #expect(line(c, tcp("192.0.2.1", "10.10.77.70", 9100)) == 1)
        #expect(line(c, tcp("192.0.2.1", "10.10.77.10", 9100)) == 2)
    }

    @Test func rangeObjectIncludesBothEnds() {
        let c = singleACL(["extended permit ip object pool any"],
                          extra: ["object network pool", " range 10.0.0.10 10.0.0.37"])
        #expect(line(c, tcp("10.0.0.10", "1.1.1.1", 80)) == 1)
        #expect(line(c, tcp("10.0.0.37", "1.1.1.1", 80)) == 1)
        #expect(line(c, tcp("10.0.0.9", "1.1.1.1", 80)) == nil)
        #expect(line(c, tcp("10.0.0.38", "1.1.1.1", 80)) == nil)
    }

    @Test func ipv6RangeObject() {
        let c = singleACL(["extended permit ip object pool6 any"],
                          extra: ["object network pool6", " range 2001:db8::ff 2001:db8::1:0"])
        #expect(line(c, tcp("2001:db8::ff", "2001:db8:9::1", 80)) == 1)
        #expect(line(c, tcp("2001:db8::8000", "2001:db8:9::1", 80)) == 1)
        #expect(line(c, tcp("2001:db8::1:1", "2001:db8:9::1", 80)) == nil)
    }

    @Test func fqdnObjectNeverMatchesAndTheVerdictSaysSo() {
        let c = singleACL(["extended permit tcp any object saas eq https", "extended deny ip any any"],
                          extra: ["object network saas", " fqdn v4 api.example.com"])
        let verdict = c.classify(tcp("10.0.0.1", "203.0.113.10", 443))
        #expect(verdict.lineNumber == 2)
        #expect(verdict.notes.contains { $0.contains("line 1 names fqdn saas (api.example.com)") })
        let note = ConfigDiagnostic.Problem.unresolvedFQDN(object: "saas", fqdn: "api.example.com")
        #expect(c.config.diagnostics.contains { $0.problem == note })
    }

    @Test func fqdnNoteOnlyWhenTheRestOfTheLineMatches() {
        let c = singleACL(["extended permit tcp any object saas eq https", "extended deny ip any any"],
                          extra: ["object network saas", " fqdn v4 api.example.com"])
        #expect(c.classify(tcp("10.0.0.1", "203.0.113.10", 22)).notes.isEmpty)
    }

    @Test func nestedGroupsExpandToAnyDepth() {
        let c = singleACL(["extended permit ip object-group top any"],
                          extra: ["object-group network leaf", " network-object host 10.3.3.3",
                                  "object-group network middle", " group-object leaf",
                                  "object-group network top", " network-object host 10.1.1.1", " group-object middle"])
        #expect(line(c, tcp("10.3.3.3", "1.1.1.1", 80)) == 1)
    }

    @Test func mixedFamilyGroupMatchesEachFamily() {
        let c = singleACL(["extended permit ip object-group mixed any"],
                          extra: ["object-group network mixed", " network-object host 10.1.1.1",
                                  " network-object 2001:db8:5::/64"])
        #expect(line(c, tcp("10.1.1.1", "10.2.2.2", 80)) == 1)
        #expect(line(c, tcp("2001:db8:5::9", "2001:db8:6::1", 80)) == 1)
    }

    @Test func mixedFamilySourceAndDestinationNeverMatch() {
        let c = singleACL(["extended permit ip host 10.1.1.1 host 2001:db8::1"])
        #expect(line(c, tcp("10.1.1.1", "10.2.2.2", 80)) == nil)
        #expect(line(c, tcp("2001:db8::9", "2001:db8::1", 80)) == nil)
    }

    @Test func ltAndGtAreStrict() {
        let c = singleACL(["extended permit tcp any any lt 1024", "extended permit tcp any any gt 8000"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 1023)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 1024)) == nil)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 8000)) == nil)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 8001)) == 2)
    }

    @Test func rangeIncludesBothEnds() {
        let c = singleACL(["extended permit tcp any any range 8000 8010"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 8000)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 8010)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 8011)) == nil)
    }

    @Test func neqMatchesEverythingElse() {
        let c = singleACL(["extended permit tcp any any neq 3389"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 3389)) == nil)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 0)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 65535)) == 1)
    }

    @Test func portAfterSourceFiltersSourcePort() {
        let c = singleACL(["extended permit tcp host 10.0.0.1 gt 1023 host 10.0.0.2 eq ssh"])
        #expect(line(c, tcp("10.0.0.1", 40_000, "10.0.0.2", 22)) == 1)
        #expect(line(c, tcp("10.0.0.1", 1023, "10.0.0.2", 22)) == nil)
        #expect(line(c, tcp("10.0.0.1", 22, "10.0.0.2", 40_000)) == nil)
    }

    @Test func tcpWithoutPortsMatchesAllPorts() {
        let c = singleACL(["extended permit tcp any any"])
        #expect(line(c, tcp("1.1.1.1", 0, "2.2.2.2", 0)) == 1)
        #expect(line(c, tcp("1.1.1.1", 65535, "2.2.2.2", 65535)) == 1)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 53)) == nil)
    }

    @Test func ipMatchesEveryProtocol() {
        let c = singleACL(["extended permit ip any any"])
        #expect(line(c, rawIP(47, "1.1.1.1", "2.2.2.2")) == 1)
        #expect(line(c, rawIP(50, "1.1.1.1", "2.2.2.2")) == 1)
        #expect(line(c, icmp("1.1.1.1", "2.2.2.2", type: 8)) == 1)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 53)) == 1)
    }

    @Test func protocolNumberMatchesOnlyThatProtocol() {
        let c = singleACL(["extended permit 47 any any"])
        #expect(line(c, rawIP(47, "1.1.1.1", "2.2.2.2")) == 1)
        #expect(line(c, rawIP(50, "1.1.1.1", "2.2.2.2")) == nil)
    }

    @Test func icmpNeverMatchesICMPv6() {
        let c = singleACL(["extended permit icmp any any"])
        #expect(line(c, icmp("2001:db8::1", "2001:db8::2", type: 128)) == nil)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 8)) == 1)
    }

    @Test func icmpTypeAndCodeFilter() {
        let c = singleACL(["extended permit icmp any any echo", "extended permit icmp any any unreachable 4"])
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 8, code: 0)) == 1)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 8, code: 5)) == 1)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 3, code: 4)) == 2)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 3, code: 3)) == nil)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 0)) == nil)
    }

    @Test func icmpTypeGroupWithNesting() {
        let c = singleACL(["extended permit icmp any any object-group diag"],
                          extra: ["object-group icmp-type ping", " icmp-object echo", " icmp-object echo-reply",
                                  "object-group icmp-type diag", " icmp-object time-exceeded", " group-object ping"])
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 0)) == 1)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 11)) == 1)
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 3)) == nil)
    }

    @Test func icmp6TypeNamesUseICMPv6Numbers() {
        let c = singleACL(["extended permit icmp6 any6 any6 echo"])
        #expect(line(c, icmp("2001:db8::1", "2001:db8::2", type: 128)) == 1)
        #expect(line(c, icmp("2001:db8::1", "2001:db8::2", type: 8)) == nil)
    }

    @Test func portFiltersNeverMatchPacketsWithoutPorts() {
        let c = singleACL(["extended permit ip any any eq 80"])
        #expect(line(c, icmp("10.0.0.1", "10.0.0.2", type: 8)) == nil)
        #expect(line(c, rawIP(47, "10.0.0.1", "10.0.0.2")) == nil)
        #expect(line(c, tcp("10.0.0.1", "10.0.0.2", 80)) == 1)
    }

    @Test func protocolGroupWithTCPUDPPortGroupMatchesBothTransports() {
        let c = singleACL(["extended permit object-group P-TCPUDP any host 192.0.2.53 object-group DNS-PORTS"],
                          extra: ["object-group protocol P-TCPUDP", " protocol-object tcp", " protocol-object udp",
                                  "object-group service DNS-PORTS tcp-udp", " port-object eq domain"])
        #expect(line(c, tcp("10.0.0.1", "192.0.2.53", 53)) == 1)
        #expect(line(c, udp("10.0.0.1", "192.0.2.53", 53)) == 1)
        #expect(line(c, udp("10.0.0.1", "192.0.2.53", 54)) == nil)
    }

    @Test func serviceGroupEntriesCarryTheirOwnProtocolAndPorts() {
        let c = singleACL(["extended permit object-group svc any any"],
                          extra: ["object-group service svc", " service-object tcp destination eq 443",
                                  " service-object udp destination eq 53", " service-object icmp echo",
                                  " service-object ah"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 443)) == 1)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 443)) == nil)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 53)) == 1)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 53)) == nil)
        #expect(line(c, icmp("1.1.1.1", "2.2.2.2", type: 8)) == 1)
        #expect(line(c, icmp("1.1.1.1", "2.2.2.2", type: 0)) == nil)
        #expect(line(c, rawIP(51, "1.1.1.1", "2.2.2.2")) == 1)
    }

    @Test func serviceObjectSourcePortFilter() {
        let c = singleACL(["extended permit object ssh-high any any"],
                          extra: ["object service ssh-high", " service tcp source gt 1023 destination eq ssh"])
        #expect(line(c, tcp("1.1.1.1", 2000, "2.2.2.2", 22)) == 1)
        #expect(line(c, tcp("1.1.1.1", 1000, "2.2.2.2", 22)) == nil)
    }

    @Test func serviceObjectMemberOfServiceGroup() {
        let c = singleACL(["extended permit object-group svc any any"],
                          extra: ["object service web", " service tcp destination eq www",
                                  "object-group service svc", " service-object object web"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 80)) == 1)
    }

    @Test func tcpUDPServiceObjectMatchesBoth() {
        let c = singleACL(["extended permit object-group svc any any"],
                          extra: ["object-group service svc", " service-object tcp-udp destination eq 587"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 587)) == 1)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 587)) == 1)
    }

    @Test func kerberosIs750AndRadiusIs1645() {
        let c = singleACL(["extended permit udp any any eq kerberos", "extended permit udp any any eq radius"])
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 750)) == 1)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 88)) == nil)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 1645)) == 2)
        #expect(line(c, udp("1.1.1.1", "2.2.2.2", 1812)) == nil)
    }

    @Test func interfaceKeywordMeansTheInterfaceAddresses() {
        let c = singleACL(["extended permit tcp any interface outside eq ssh"])
        #expect(line(c, tcp("1.1.1.1", "198.51.100.2", 22)) == 1)
        #expect(line(c, tcp("1.1.1.1", "198.51.100.3", 22)) == nil)
    }

    @Test func firstMatchingLineWinsAndLaterLinesAreNotLookedAt() {
        let c = singleACL(["extended deny tcp any host 10.0.0.5 eq 80", "extended permit tcp any any eq 80"])
        let verdict = c.classify(tcp("1.1.1.1", "10.0.0.5", 80))
        #expect(verdict.action == .deny)
        #expect(verdict.lineNumber == 1)
    }

    @Test func ftdIfcQualifierRestrictsIngress() {
        let c = FirewallClassifier(config: fixtureConfig("ftd-lina.cfg"))
        let fromInside = tcp("10.0.41.5", "103.47.244.9", 443, on: "inside")
        let fromOutside = tcp("10.0.41.5", "103.47.244.9", 443, on: "outside")
        #expect(line(c, fromInside) == 8)
        #expect(line(c, fromOutside) == 14)
        // The destination leaves by the default route through outside: 'ifc outside' holds.
        #expect(c.classify(fromInside).egressInterface == "outside")
        #expect(!c.classify(fromInside).notes.contains { $0.contains("ifc outside") })
    }

    @Test func ftdTrustIsAPermit() {
        let c = FirewallClassifier(config: fixtureConfig("ftd-lina.cfg"))
        let verdict = c.classify(udp("10.0.41.5", "10.9.9.9", 53, on: "inside"))
        #expect(verdict.action == .permit)
        #expect(verdict.lineNumber == 11)
        #expect(verdict.match?.entry.action == .trust)
    }
}
