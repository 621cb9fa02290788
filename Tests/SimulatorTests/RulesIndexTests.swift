import Firewall
import Inventory
import LPM
import Simulator
import Testing

/// The Rules view's reverse index: which traffic classes each access-control entry decides.
@Suite struct RulesIndexTests {
    /// egw-a is 10.0.41.20 and egw-b 10.0.41.21 (rule 172.16.0.0/24); the client's other traffic
    /// to 172.16.0.0/12 leaves with its node's address, 10.0.1.10 (natOutgoing pool).
    private static let acl = """
    access-list inside_in extended permit ip host 10.0.1.10 172.16.0.0 255.255.255.0
    access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
    access-list inside_in extended permit tcp host 10.0.41.99 172.16.0.0 255.255.255.0 eq 22
    access-list inside_in extended deny ip host 10.0.41.21 any4
    access-list inside_in extended permit ip 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0
    access-list inside_in extended deny ip any4 any4
    """

    private static func snapshot(acl: String = RulesIndexTests.acl, capture: String? = nil) -> Snapshot {
        var scenario = Scenario()
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["tgw-1"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(acl)
        access-group inside_in in interface inside
        """, accessListText: capture)]
        return scenario.snapshot
    }

    private static func decided(_ index: RulesIndex, line: Int) -> [(RulesIndex.TrafficClass, Bool)] {
        guard let entry = index.entries.first(where: { $0.line == line }) else { return [] }
        return entry.decides.map { (index.classes[$0.classIndex], $0.whole) }
    }

    @Test func everyEntryOfTheAppliedListIsListedInOrder() {
        let index = Simulation(snapshot: Self.snapshot()).rulesIndex()
        #expect(index.entries.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(index.entries.allSatisfy { $0.firewall == "fw" && $0.accessList == "inside_in" && $0.interface == "inside" })
        #expect(index.entries.map(\.action) == [.permit, .permit, .permit, .deny, .permit, .deny])
    }

    @Test func aPortLimitedPermitDecidesPartOfEachGatewaysClass() {
        let index = Simulation(snapshot: Self.snapshot()).rulesIndex()
        let classes = Self.decided(index, line: 2)
        #expect(classes.map(\.0.source) == [ip("10.0.41.20"), ip("10.0.41.21")])
        #expect(classes.allSatisfy { !$0.1 })
        #expect(classes.allSatisfy { $0.0.destination == prefix("172.16.0.0/24") && $0.0.namespaces == ["app"] })
        #expect(classes.map(\.0.gateways) == [["egw/egw-a"], ["egw/egw-b"]])
        #expect(classes.allSatisfy { $0.0.policy == "corp" && $0.0.rule == 0 })
    }

    @Test func theFirstEntryThatAdmitsEverythingEndsTheClass() {
        let index = Simulation(snapshot: Self.snapshot()).rulesIndex()
        // Line 4 takes all of egw-b's traffic; line 5 then sees only egw-a's.
        #expect(Self.decided(index, line: 4).map(\.0.source) == [ip("10.0.41.21")])
        #expect(Self.decided(index, line: 4).allSatisfy { $0.1 })
        #expect(Self.decided(index, line: 5).map(\.0.source) == [ip("10.0.41.20")])
        #expect(Self.decided(index, line: 5).allSatisfy { $0.1 })
    }

    @Test func anEntryEarlierOnesCoverForAClassDecidesNoneOfIt() {
        // Line 3 (tcp/443 from egw-a) repeats part of line 2 for egw-a's class.
        let acl = """
        access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.0.0 eq 443
        access-list inside_in extended permit tcp any4 172.16.0.0 255.255.255.0 eq 8443
        access-list inside_in extended permit tcp host 10.0.41.20 172.16.0.0 255.255.255.0 eq 443
        access-list inside_in extended deny ip any4 any4
        """
        let index = Simulation(snapshot: Self.snapshot(acl: acl)).rulesIndex()
        #expect(Self.decided(index, line: 3).isEmpty)
        #expect(Self.decided(index, line: 1).count == 2)
        #expect(Self.decided(index, line: 2).map(\.0.source) == [ip("10.0.41.20"), ip("10.0.41.21")])
    }

    @Test func aStaleSourceDecidesNothing() {
        let index = Simulation(snapshot: Self.snapshot()).rulesIndex()
        #expect(Self.decided(index, line: 3).isEmpty)
    }

    @Test func trafficBypassingTheGatewaysIsItsOwnClassWithTheRuleDestinationCutOut() {
        let index = Simulation(snapshot: Self.snapshot()).rulesIndex()
        // The node address reaches 172.16.0.0/12 but not 172.16.0.0/24 (the gateways carry that).
        #expect(Self.decided(index, line: 1).isEmpty)
        let last = Self.decided(index, line: 6)
        #expect(last.map(\.0.source) == [ip("10.0.1.10")])
        #expect(last.first?.0.destination == prefix("172.16.0.0/12"))
        #expect(last.first?.0.gateways == [])
        #expect(last.first?.1 == true)
    }

    @Test func theSampleQueryOfAnEntryIsDecidedByThatEntry() throws {
        let simulation = Simulation(snapshot: Self.snapshot())
        let index = simulation.rulesIndex()
        for line in [2, 4, 5, 6] {
            let entry = try #require(index.entries.first { $0.line == line })
            let decision = try #require(entry.decides.first)
            let query = try #require(index.sampleQuery(for: entry, classIndex: decision.classIndex, in: simulation))
            let result = try simulation.tracer.trace(query)
            // The path of the class (ECMP: one per gateway) meets the line.
            let source = index.classes[decision.classIndex].source
            let path = result.paths.first { $0.firewall?.sourceSeen == source }
            #expect(path?.firewall?.line == line, "line \(line): \(query)")
        }
        let entry = try #require(index.entries.first { $0.line == 2 })
        let query = try #require(index.sampleQuery(for: entry, classIndex: entry.decides[0].classIndex, in: simulation))
        #expect(query.ipProtocol == 6 && query.destinationPort == 443)
    }

    @Test func hitCountsComeFromTheCapture() {
        let capture = """
        access-list inside_in; 6 elements; name hash: 0x1
        access-list inside_in line 1 extended permit ip host 10.0.1.10 172.16.0.0 255.255.255.0 (hitcnt=0) 0x1
        access-list inside_in line 2 extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq https (hitcnt=42) 0x2
        """
        let index = Simulation(snapshot: Self.snapshot(capture: capture)).rulesIndex()
        #expect(index.entries.first { $0.line == 2 }?.hits == 42)
        #expect(index.entries.first { $0.line == 1 }?.hits == 0)
        #expect(index.entries.first { $0.line == 6 }?.hits == nil)
    }

    @Test func withoutPlacedFirewallsTheIndexIsEmpty() {
        let index = Simulation(snapshot: Scenario().snapshot).rulesIndex()
        #expect(index.entries.isEmpty && index.classes.isEmpty)
    }

    @Test func theDemoShowsWhoEachLineIsFor() throws {
        let index = Simulation(snapshot: DemoBundle.load().snapshot).rulesIndex()
        // Line 3 carries the DLP gateways' HTTPS to the SaaS; line 5 (shadowed by it) decides nothing.
        let line3 = try #require(index.entries.first { $0.accessList == "inside_access_in" && $0.line == 3 })
        #expect(index.gateways(of: line3).contains { $0.hasPrefix("dlp-service-egw/") })
        #expect(!index.namespaces(of: line3).isEmpty)
        let pinned = try #require(index.entries.first { $0.accessList == "inside_access_in" && $0.line == 5 })
        #expect(pinned.decides.isEmpty)
        // Line 13 is inactive: it decides nothing.
        #expect(index.entries.first { $0.line == 13 }?.decides.isEmpty == true)
        #expect(index.entries.contains { $0.accessList == "outside_access_in" } == false)
    }
}
