import Inventory
import LPM
import Simulator
import Testing

/// `export asa-objects`: which object-groups the gateway sets make, their names, members and users.
@Suite struct GatewayObjectGroupsTests {
    private func groups(_ snapshot: Snapshot) -> [GatewayObjectGroup] {
        GatewayObjectGroups(simulation: Simulation(snapshot: snapshot)).groups
    }

    @Test func theDemoMakesOneGroupPerGatewaySetAndAPublicGroupForTheDLPElasticIPs() {
        let groups = groups(DemoBundle.load().snapshot)
        #expect(groups.map(\.name) == [
            "EGW-corp-database-egw-corp-database-egw",
            "EGW-corp-mainframe-egw-corp-mainframe-egw",
            "EGW-dlp-service-egw-dlp-service-egw",
            "EGW-dlp-service-egw-dlp-service-egw-PUBLIC",
        ])
        let dlp = groups[2]
        #expect(dlp.owner == .egressGateway)
        #expect(dlp.usedBy == ["policy Cisco-Secure-Firewall rule #0"])
        // The not-ready r8vtn counts: the firewall must permit it before it becomes ready.
        #expect(dlp.members == [ip("10.0.41.20"), ip("10.0.41.58"), ip("10.0.42.37")])
        #expect(groups[3].addresses == .public)
        #expect(groups[3].members == [ip("198.51.100.20"), ip("203.0.113.10"), ip("203.0.113.11")])
        #expect(groups[0].members == [ip("100.64.0.25"), ip("100.64.4.25")])
    }

    @Test func severalPoliciesShareASetAndAnnotationsAreNamedAsUsers() {
        let groups = groups(ExportFixture().snapshot)
        #expect(groups.map(\.name) == ["EGW-egw-db-db-egw", "EGW-egw-mf-mainframe-egw", "EGW-egw-mf-mainframe-egw-PUBLIC"])
        #expect(groups[0].owner == .deployment)
        #expect(groups[0].usedBy == ["policy corp rule #1", "selector annotations in namespace batch"])
        #expect(groups[1].owner == .egressGateway)
        #expect(groups[1].usedBy == ["policy corp rule #0", "policy web-out rule #0"])
        #expect(groups[1].members == [ip("10.0.41.20"), ip("10.0.41.21")], "address order, not pod order")
        #expect(groups[2].members == [ip("203.0.113.10")])
    }

    @Test func theSameSnapshotAlwaysMakesTheSameGroups() {
        let snapshot = ExportFixture().snapshot
        #expect(groups(snapshot) == groups(snapshot))
    }

    @Test func namesAreCutToASAsLimitKeepingThePublicSuffix() {
        let long = String(repeating: "n", count: 40)
        let privateName = GatewayObjectGroup.name(namespace: long, gateway: long, addresses: .private)
        let publicName = GatewayObjectGroup.name(namespace: long, gateway: long, addresses: .public)
        #expect(privateName.count == GatewayObjectGroup.maxNameLength)
        #expect(publicName.count == GatewayObjectGroup.maxNameLength)
        #expect(publicName.hasSuffix("-PUBLIC"))
        #expect(GatewayObjectGroup.name(namespace: "a", gateway: "b", addresses: .private) == "EGW-a-b")
    }

    @Test func aLongDeploymentNameMakesAGroupNameOfAtMost64Characters() {
        var fixture = ExportFixture()
        fixture.databaseDeployment = String(repeating: "d", count: 70)
        let names = groups(fixture.snapshot).map(\.name)
        #expect(names.allSatisfy { $0.count <= GatewayObjectGroup.maxNameLength })
        #expect(names.contains { $0.hasPrefix("EGW-egw-db-ddd") && $0.count == GatewayObjectGroup.maxNameLength })
    }

    @Test func theDescriptionNamesNamespaceOwnerAndUsersWithinASAsLimit() {
        let group = groups(ExportFixture().snapshot)[1]
        #expect(group.descriptionText.contains("EgressGateway egw-mf/mainframe-egw"))
        #expect(group.descriptionText.contains("policy web-out rule #0"))
        var many = group
        many.usedBy = (0..<50).map { "policy p\($0) rule #0" }
        #expect(many.descriptionText.count == GatewayObjectGroup.maxDescriptionLength)
    }
}
