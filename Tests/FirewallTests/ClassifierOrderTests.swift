import Testing
import Firewall

/// Which access lists apply and in which order: interface `in`, then global, then the implicit
/// deny; `out` after the route lookup; the security-level policy when no list applies
/// (docs/cisco-firewall.md §1).
@Suite("Classifier order")
struct ClassifierOrderTests {
    let edge = FirewallClassifier(config: fixtureConfig("edge-asa.cfg"))

    @Test func interfaceListDecidesBeforeGlobal() {
        let verdict = edge.classify(tcp("203.0.113.9", "192.0.2.80", 443, on: "outside"))
        #expect(verdict.action == .permit)
        #expect(verdict.accessList == "outside_in")
        #expect(verdict.lineNumber == 3)
        #expect(verdict.evaluations.count == 1)
    }

    @Test func packetFallsThroughInterfaceListToGlobal() {
        // dmz_in has no line for SSH to the admin net; the global list permits mgmt services.
        let verdict = edge.classify(tcp("172.31.255.7", 2000, "10.10.9.9", 22, on: "dmz"))
        #expect(verdict.evaluations.map(\.accessList) == ["dmz_in", "global_acl"])
        #expect(verdict.accessList == "global_acl")
        #expect(verdict.lineNumber == 2)
        #expect(verdict.action == .permit)
    }

    @Test func globalListAppliesToInterfaceWithoutItsOwnList() {
        // inside has no list of its own; the global list permits GRE (line 3), then the packet
        // leaves through outside, whose out list permits it too.
        let verdict = edge.classify(rawIP(47, "198.51.100.9", "198.51.100.2", on: "inside"))
        #expect(verdict.evaluations.map(\.accessList) == ["global_acl", "outside_out"])
        #expect(verdict.action == .permit)
        #expect(verdict.accessList == "global_acl")
        #expect(verdict.lineNumber == 3)
    }

    @Test func implicitDenyNamesTheGlobalListWhenBound() {
        let verdict = edge.classify(udp("192.0.2.99", "10.10.99.99", 9999, on: "dmz"))
        #expect(verdict.action == .deny)
        #expect(verdict.isImplicit)
        #expect(verdict.lineNumber == nil)
        #expect(verdict.accessList == "global_acl")
        #expect(verdict.ace == nil)
    }

    @Test func implicitDenyNamesTheInterfaceListWithoutGlobal() {
        let c = singleACL(["extended permit tcp any any eq 443"])
        let verdict = c.classify(tcp("1.1.1.1", "2.2.2.2", 80))
        #expect(verdict.decision == .implicitDeny)
        #expect(verdict.accessList == "acl_in")
        #expect(verdict.lineNumber == nil)
    }

    @Test func outboundListAppliesAfterRouteLookup() {
        // From the partner interface to the internet: partner_in permits (line 4, neq 3389),
        // then the outside interface's out list denies X11 to .66.
        let verdict = edge.classify(tcp("203.0.113.5", "198.51.100.66", 6001, on: "partner"))
        #expect(verdict.egressInterface == "outside")
        #expect(verdict.evaluations.map(\.accessList) == ["partner_in", "outside_out"])
        #expect(verdict.action == .deny)
        #expect(verdict.accessList == "outside_out")
        #expect(verdict.lineNumber == 1)
    }

    @Test func permitThroughBothListsReportsTheInboundLine() {
        let verdict = edge.classify(tcp("203.0.113.5", "198.51.100.66", 8443, on: "partner"))
        #expect(verdict.action == .permit)
        #expect(verdict.accessList == "partner_in")
        #expect(verdict.lineNumber == 4)
        #expect(verdict.evaluations.last?.accessList == "outside_out")
        #expect(verdict.evaluations.last?.match?.lineNumber == 2)
    }

    @Test func givenEgressInterfaceOverridesRouteLookup() {
        var packet = tcp("203.0.113.5", "198.51.100.66", 6001, on: "partner")
        packet.egressInterface = "inside"
        #expect(edge.classify(packet).action == .permit)
    }

    @Test func securityLevelPolicyWhenNoListApplies() {
        let c = FirewallClassifier(config: config(
            "interface Gi0/0", " nameif outside", " security-level 0", " ip address 198.51.100.2 255.255.255.0",
            "interface Gi0/1", " nameif inside", " security-level 100", " ip address 10.0.0.1 255.255.255.0"))
        let outbound = c.classify(tcp("10.0.0.5", "198.51.100.9", 443, on: "inside"))
        #expect(outbound.action == .permit)
        #expect(outbound.decision == .securityLevel(ingress: 100, egress: 0))
        #expect(outbound.accessList == nil)
        #expect(outbound.lineNumber == nil)
        let inbound = c.classify(tcp("198.51.100.9", "10.0.0.5", 443, on: "outside"))
        #expect(inbound.action == .deny)
        #expect(inbound.isImplicit)
    }

    @Test func securityLevelPolicyDeniesWhenEgressUnknown() {
        let c = FirewallClassifier(config: config("interface Gi0/1", " nameif inside", " security-level 100"))
        let verdict = c.classify(tcp("10.0.0.5", "198.51.100.9", 443, on: "inside"))
        #expect(verdict.action == .deny)
        #expect(verdict.egressInterface == nil)
    }

    @Test func denyLineInInterfaceListStopsBeforeGlobal() {
        let verdict = edge.classify(tcp("192.0.2.80", "10.10.20.5", 22, on: "dmz"))
        #expect(verdict.action == .deny)
        #expect(verdict.accessList == "dmz_in")
        #expect(verdict.lineNumber == 6)
        #expect(verdict.evaluations.count == 1)
    }

    @Test func inactiveLineIsSkipped() {
        // outside_in line 11 (8443 to the app tier) is inactive; the final deny decides.
        let verdict = edge.classify(tcp("203.0.113.5", "10.10.20.5", 8443, on: "outside"))
        #expect(verdict.lineNumber == 15)
        #expect(verdict.action == .deny)
    }

    @Test func verdictCarriesTheMatchedElement() {
        let verdict = edge.classify(udp("8.8.8.8", "192.0.2.54", 53, on: "outside"))
        #expect(verdict.lineNumber == 8)
        #expect(verdict.element == "access-list outside_in line 8 extended permit udp any host 192.0.2.54 eq domain")
    }
}
