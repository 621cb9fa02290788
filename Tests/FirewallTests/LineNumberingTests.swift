import Testing
import Firewall

/// `show access-list` numbering: every line counts, remarks included; children share their
/// parent's number; `line N` inserts; `clear configure access-list` empties.
@Suite("Line numbering")
struct LineNumberingTests {
    @Test func remarksTakeLineNumbers() {
        let c = singleACL(["remark first", "extended deny tcp any any eq 23", "remark second",
                           "extended permit tcp any any"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 23)) == 2)
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 80)) == 4)
    }

    @Test func inactiveEntryKeepsItsNumber() {
        let c = singleACL(["extended permit tcp any any eq 80 inactive", "extended permit tcp any any"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 80)) == 2)
    }

    @Test func numbersAreSeparatePerAccessList() {
        let edge = fixtureConfig("edge-asa.cfg")
        #expect(edge.accessLists["dmz_in"]?.entries.first?.lineNumber == 2)
        #expect(edge.accessLists["partner_in"]?.entries.first?.lineNumber == 1)
    }

    @Test func childrenShareTheParentLineNumber() throws {
        let c = singleACL(["remark web", "extended permit tcp any4 object-group web eq https"],
                          extra: ["object-group network web", " network-object host 192.0.2.180",
                                  " network-object host 192.0.2.181"])
        let verdict = c.classify(tcp("1.1.1.1", "192.0.2.181", 443))
        #expect(verdict.lineNumber == 2)
        #expect(verdict.element == "access-list acl_in line 2 extended permit tcp any4 host 192.0.2.181 eq https")
        #expect(verdict.ace == "access-list acl_in extended permit tcp any4 object-group web eq https")
    }

    @Test func lineKeywordInsertsAtThatPosition() {
        let c = singleACL(["extended permit tcp any any eq 80", "extended permit tcp any any eq 443",
                           "line 2 extended deny tcp any any eq 443"])
        #expect(line(c, tcp("1.1.1.1", "2.2.2.2", 443)) == 2)
        #expect(c.config.accessLists["acl_in"]?.lines.count == 3)
    }

    @Test func clearConfigureEmptiesTheList() {
        let parsed = config("access-list acl_in remark old", "access-list acl_in extended deny ip any any",
                            "clear configure access-list acl_in", "access-list acl_in extended permit ip any any")
        #expect(parsed.accessLists["acl_in"]?.lines.count == 1)
        #expect(parsed.accessLists["acl_in"]?.entries.first?.entry.action == .permit)
    }

    @Test func elementCountFollowsTheHeaderRule() throws {
        let edge = fixtureConfig("edge-asa.cfg")
        let list = try #require(edge.accessLists["outside_in"])
        let expanded = ExpandedAccessList(list, in: edge)
        // alt-web (range + www + https) = 3, web-ports = 2, mail-services (tcp, udp, tcp) = 3,
        // {tcp,udp} × 3 DNS servers × domain = 6, partners 2 × app-tier 2 = 4 (twice),
        // diagnostics 4 types, icmp6 echo 1, deny 1; remarks count 0.
        #expect(expanded.entries.map(\.elementCount) == [3, 2, 3, 6, 4, 4, 4, 1, 1])
        #expect(expanded.elementCount == 28)
    }

    @Test func demoConfigNumbersMatchShowAccessList() {
        let demo = FirewallClassifier(config: FirewallConfig.parse(
            fixtureText("../../../Sources/Inventory/Demo/firewall/ftd-egress.cfg")))
        // Two remarks come first, so the first entry is line 3; remarks between entries count too.
        #expect(line(demo, tcp("10.0.41.20", "103.47.244.10", 443, on: "inside")) == 3)
        #expect(line(demo, tcp("10.0.40.15", "103.47.244.10", 443, on: "inside")) == 7)
        #expect(line(demo, tcp("10.0.46.7", "172.16.0.9", 992, on: "inside")) == 9)
        #expect(line(demo, tcp("10.0.41.99", "8.8.8.8", 443, on: "inside")) == 19)
    }
}
