import Inventory
import LPM
import Simulator
import Testing

/// `check`'s `object-drift`, and the exported group `uncovered-gateway` and `stale-ace` point to.
@Suite struct ObjectDriftTests {
    /// The fixture behind a firewall `fw` (all traffic leaves through `vpce-fw`) whose config holds
    /// `objects` and `acl`.
    private func snapshot(objects: String, acl: String = "access-list inside_in extended permit ip any4 any4") -> Snapshot {
        var fixture = ExportFixture()
        fixture.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["vpce-fw"])]
        fixture.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(objects)
        \(acl)
        access-group inside_in in interface inside
        """)]
        return fixture.snapshot
    }

    private func drift(_ objects: String) -> [Finding] {
        Linter(snapshot: snapshot(objects: objects)).findings().filter { $0.code == .objectDrift }
    }

    @Test func aGroupEqualToTheCurrentGatewaysIsNoFinding() {
        #expect(drift("""
        object-group network EGW-egw-mf-mainframe-egw
         network-object host 10.0.41.21
         network-object 10.0.41.20 255.255.255.255
        """).isEmpty)
    }

    @Test func aMissingGatewayAddressIsAWarningNamingIt() throws {
        let findings = drift("""
        object-group network EGW-egw-mf-mainframe-egw
         network-object host 10.0.41.20
        """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.objects == ["firewall/fw", "object-group/EGW-egw-mf-mainframe-egw"])
        #expect(finding.message.contains("missing 10.0.41.21"))
        #expect(!finding.message.contains("extra"))
    }

    @Test func anExtraAddressIsNamed() throws {
        let finding = try #require(drift("""
        object-group network EGW-egw-db-db-egw
         network-object host 10.0.42.30
         network-object host 10.0.42.31
        """).first)
        #expect(finding.objects.last == "object-group/EGW-egw-db-db-egw")
        #expect(finding.message.contains("extra 10.0.42.31"))
        #expect(!finding.message.contains("missing"))
    }

    @Test func aNetworkOrNestedGroupMemberIsExtraAsWritten() throws {
        let finding = try #require(drift("""
        object-group network OLD
         network-object host 10.0.42.30
        object-group network EGW-egw-db-db-egw
         network-object host 10.0.42.30
         network-object 10.0.42.0 255.255.255.0
         group-object OLD
        """).first)
        #expect(finding.message.contains("extra 10.0.42.0 255.255.255.0, group-object OLD"))
    }

    @Test func thePublicGroupIsComparedWithTheElasticIPs() throws {
        let finding = try #require(drift("""
        object-group network EGW-egw-mf-mainframe-egw-PUBLIC
         network-object host 203.0.113.99
        """).first)
        #expect(finding.objects.last == "object-group/EGW-egw-mf-mainframe-egw-PUBLIC")
        #expect(finding.message.contains("missing 203.0.113.10"))
        #expect(finding.message.contains("extra 203.0.113.99"))
    }

    @Test func aRenamedGroupIsNotGatewatchsToJudge() {
        #expect(drift("""
        object-group network MAINFRAME-EGW
         network-object host 10.0.41.99
        object-group network egw-egw-mf-mainframe-egw
         network-object host 10.0.41.99
        """).isEmpty)
    }

    @Test func anUncoveredGatewayNamesTheExportedGroupThatCoversIt() throws {
        let findings = Linter(snapshot: snapshot(
            objects: "", acl: "access-list inside_in extended permit ip host 10.0.42.30 any4")).findings()
        let uncovered = findings.filter { $0.code == .uncoveredGateway }
        #expect(uncovered.count == 4, "two mainframe gateways × two rules")
        #expect(uncovered.allSatisfy { $0.message.contains("object-group EGW-egw-mf-mainframe-egw ") })
    }

    @Test func aStaleEntryNamesTheGroupOfTheGatewaysForItsDestination() throws {
        let findings = Linter(snapshot: snapshot(objects: "", acl: """
        access-list inside_in extended permit ip any4 any4
        access-list inside_in extended permit tcp host 10.0.41.99 172.16.99.0 255.255.255.0 eq 1521
        """)).findings()
        let stale = try #require(findings.first { $0.code == .staleACE })
        #expect(stale.objects == ["firewall/fw", "access-list/inside_in", "line/2"])
        #expect(stale.message.contains("object-group EGW-egw-db-db-egw "))
        #expect(!stale.message.contains("EGW-egw-mf"))
    }
}
