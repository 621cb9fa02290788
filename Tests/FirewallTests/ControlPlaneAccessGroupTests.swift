import Testing
import Firewall

/// `access-group NAME in interface IF control-plane` filters traffic to the device only: it is
/// kept and shown, and never used for traffic through the device (issue #16).
@Suite("Control-plane access groups")
struct ControlPlaneAccessGroupTests {
    static let lines = [
        "interface GigabitEthernet0/0", " nameif outside", " security-level 0", " ip address 203.0.113.1 255.255.255.0",
        "interface GigabitEthernet0/1", " nameif inside", " security-level 100", " ip address 10.1.1.1 255.255.255.0",
        "access-list OUTSIDE_IN extended permit tcp any host 10.1.1.10 eq https",
        "access-list OUTSIDE_IN extended deny ip any any",
        "access-list CP_ACL extended deny ip host 198.51.100.7 any",
        "access-list CP_ACL extended permit ip any any",
    ]

    @Test func controlPlaneBindingDoesNotReplaceTheThroughTrafficList() {
        for order in [["access-group OUTSIDE_IN in interface outside",
                       "access-group CP_ACL in interface outside control-plane"],
                      ["access-group CP_ACL in interface outside control-plane",
                       "access-group OUTSIDE_IN in interface outside"]] {
            let c = FirewallClassifier(config: config((Self.lines + order).joined(separator: "\n")))
            let verdict = c.classify(tcp("8.8.8.8", "10.1.1.10", 22))
            #expect(verdict.action == .deny)
            #expect(verdict.accessList == "OUTSIDE_IN")
            #expect(verdict.lineNumber == 2)
            #expect(verdict.evaluations.map(\.accessList) == ["OUTSIDE_IN"])
        }
    }

    @Test func controlPlaneBindingIsKeptAndPrintedWithItsKeyword() throws {
        let parsed = config((Self.lines + ["access-group CP_ACL in interface outside control-plane"])
            .joined(separator: "\n"))
        let group = try #require(parsed.controlPlaneAccessGroup(interface: "outside"))
        #expect(group.isControlPlane)
        #expect(group.accessList == "CP_ACL")
        #expect(group.description == "access-group CP_ACL in interface outside control-plane")
        #expect(parsed.accessGroup(interface: "outside", direction: .in) == nil)
        #expect(parsed.diagnostics.isEmpty)
    }

    @Test func interfaceWithOnlyAControlPlaneListFallsToTheSecurityLevelPolicy() {
        let c = FirewallClassifier(config: config((Self.lines + ["access-group CP_ACL in interface outside control-plane"])
            .joined(separator: "\n")))
        let verdict = c.classify(tcp("8.8.8.8", "10.1.1.10", 443))
        #expect(verdict.evaluations.isEmpty)
        #expect(verdict.decision == .securityLevel(ingress: 0, egress: 100))
        #expect(verdict.action == .deny)
    }

    @Test func controlPlaneOnAnOutBindingIsReportedAndIgnored() {
        let parsed = config("access-group CP_ACL out interface outside control-plane")
        #expect(parsed.accessGroups.first?.isControlPlane == false)
        #expect(parsed.diagnostics.contains {
            $0.severity == .warning && $0.problem == .ignoredKeyword("control-plane", reason: "not modelled")
        })
    }

    @Test(.enabled(if: RealWorldCorpus.isAvailable, Comment(rawValue: RealWorldCorpus.absenceMessage)))
    func handmadeControlPlaneConfigDeniesSSHByOutsideInLine2() throws {
        let text = try #require(RealWorldCorpus.asa("derived/handmade_control_plane.cfg"))
        let verdict = FirewallClassifier(config: FirewallConfig.parse(text)).classify(tcp("8.8.8.8", "10.1.1.10", 22))
        #expect(verdict.action == .deny)
        #expect(verdict.accessList == "OUTSIDE_IN")
        #expect(verdict.lineNumber == 2)
    }
}
