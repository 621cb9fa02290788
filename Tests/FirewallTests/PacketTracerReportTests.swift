import Testing
import Firewall

/// The text a trace prints: packet-tracer phases (docs/cisco-firewall.md §7).
@Suite("Packet-tracer report")
struct PacketTracerReportTests {
    let edge = FirewallClassifier(config: fixtureConfig("edge-asa.cfg"))

    func report(_ packet: FirewallPacket) -> PacketTracerReport {
        let verdict = edge.classify(packet)
        return PacketTracerReport(verdict: verdict, config: edge.config, route: edge.routes.route(to: packet.destination))
    }

    @Test func permitShowsRouteAndAccessListPhasesWithBindingAndEntry() {
        let text = report(tcp("203.0.113.9", "192.0.2.80", 443, on: "outside")).text
        #expect(text == """
            Phase: 1
            Type: ROUTE-LOOKUP
            Subtype: input
            Result: ALLOW
            Config:
            Additional Information:
             found directly connected network 192.0.2.0/24 on egress ifc  dmz

            Phase: 2
            Type: ACCESS-LIST
            Subtype:
            Result: ALLOW
            Config:
            access-group outside_in in interface outside
            access-list outside_in extended permit tcp any4 object web-vip object-group alt-web
            Additional Information:
             access-list outside_in line 3 permits
             element: access-list outside_in line 3 extended permit tcp any4 host 192.0.2.80 eq https

            Result:
            input-interface: outside
            input-status: up
            input-line-status: up
            output-interface: dmz
            output-status: up
            output-line-status: up
            Action: allow
            """)
    }

    @Test func staticRouteIsQuotedInRouteLookup() {
        let r = report(tcp("203.0.113.5", "198.51.100.66", 8443, on: "partner"))
        #expect(r.phases.first?.config == ["route outside 0.0.0.0 0.0.0.0 198.51.100.1 1"])
        #expect(r.phases.first?.additionalInformation == ["found next-hop 198.51.100.1 using egress ifc  outside"])
    }

    @Test func denyingEntryIsSaidToDeny() {
        let c = singleACL(["extended deny tcp any any eq 22"])
        let packet = tcp("192.0.2.1", "198.51.100.9", 22)
        let r = PacketTracerReport(verdict: c.classify(packet), config: c.config, route: c.routes.route(to: packet.destination))
        #expect(r.phases.last?.additionalInformation.first == "access-list acl_in line 1 denies")
    }

    @Test func implicitDenyShowsImplicitRuleAndDropReason() {
        let r = report(udp("192.0.2.99", "10.10.99.99", 9999, on: "dmz"))
        let last = r.phases.last
        #expect(last?.config == ["Implicit Rule"])
        #expect(last?.result == "DROP")
        let passedOver = "no line of access-list dmz_in (access-group dmz_in in interface dmz) matched"
        #expect(last?.additionalInformation.contains(passedOver) == true)
        #expect(r.result.last == "Drop-reason: (acl-drop) Flow is denied by configured rule")
    }

    @Test func loggedEntryHasLogSubtype() {
        let r = report(tcp("203.0.113.5", "192.0.2.25", 25, on: "outside"))
        #expect(r.phases.last?.subtype == "log")
    }

    @Test func assumedTimeRangeIsSaid() {
        let r = report(tcp("203.0.113.5", "10.10.20.5", 443, on: "outside"))
        #expect(r.phases.last?.additionalInformation.contains {
            $0.contains("time-range business-hours assumed active")
        } == true)
    }

    @Test func ftdRuleIDRemarksAreShown() {
        let ftd = FirewallClassifier(config: fixtureConfig("ftd-lina.cfg"))
        let packet = tcp("10.0.41.5", "103.47.244.9", 443, on: "inside")
        let r = PacketTracerReport(verdict: ftd.classify(packet), config: ftd.config,
                                   route: ftd.routes.route(to: packet.destination))
        #expect(r.phases.last?.config == [
            "access-group CSM_FW_ACL_ global",
            "access-list CSM_FW_ACL_ remark rule-id 268435457: ACCESS POLICY: Egress - Mandatory",
            "access-list CSM_FW_ACL_ remark rule-id 268435457: L7 RULE: Gateways to SaaS",
            "access-list CSM_FW_ACL_ advanced permit tcp ifc inside object-group FMC_INLINE_src_rule_268435457 "
                + "ifc outside object-group FMC_INLINE_dst_rule_268435457 eq https rule-id 268435457 event-log flow-end",
        ])
    }
}
