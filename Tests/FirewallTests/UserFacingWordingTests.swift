import Testing
import Firewall

/// Diagnostics and verdict notes state what Gatewatch assumed, for a user; they do not carry the
/// design notes' "UNCONFIRMED" marker (issue #16). Severities are unchanged.
@Suite("User-facing wording")
struct UserFacingWordingTests {
    @Test func assumptionsAreStatedPlainlyWithTheirSeverity() throws {
        let parsed = config(
            "object service svc", " service tcp eq 80",
            "object-group service grp", " service-object tcp eq 443",
            "access-list acl extended permit ipsec any any",
            "access-list acl extended permit tcp any any established")
        let warnings = parsed.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.line) == [2, 4, 5, 6])
        for d in parsed.diagnostics {
            #expect(!d.message.contains("UNCONFIRMED"), "\(d)")
        }
        let alias = try #require(parsed.diagnostics.first { $0.line == 5 })
        #expect(alias.message == "assumed protocol alias 'ipsec' read as 50")
    }

    @Test func verdictNotesCarryNoDesignMarkers() {
        let noList = FirewallClassifier(config: config(
            "interface G0/0", " nameif outside", " security-level 0", " ip address 198.51.100.2 255.255.255.0",
            "interface G0/1", " nameif inside", " security-level 100", " ip address 10.0.0.1 255.255.255.0"))
        let verdict = noList.classify(tcp("10.0.0.5", "198.51.100.9", 443, on: "inside"))
        #expect(verdict.action == .permit)
        #expect(!verdict.notes.isEmpty)
        #expect(verdict.notes.allSatisfy { !$0.contains("UNCONFIRMED") })
    }

    @Test func anFQDNObjectNamedOnBothSidesIsNamedOnceInTheNote() {
        let classifier = FirewallClassifier(config: config(
            "interface G0/1", " nameif inside", " security-level 100", " ip address 10.0.0.1 255.255.255.0",
            "object network FQ", " fqdn api.example.com",
            "access-list acl extended permit ip object FQ object FQ",
            "access-group acl in interface inside"))
        let verdict = classifier.classify(tcp("10.0.0.5", "198.51.100.9", 443, on: "inside"))
        let note = verdict.notes.first { $0.contains("names fqdn") }
        #expect(note?.components(separatedBy: "FQ (api.example.com)").count == 2)
    }
}
