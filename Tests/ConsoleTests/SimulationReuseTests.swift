@testable import Console
import Foundation
import Inventory
import Simulator
import Testing

/// The console prepares no simulator of its own: it uses the Simulation published with each
/// Snapshot for traces, whois and Findings, and prepares a what-if candidate once per Snapshot.
@Suite struct SimulationReuseTests {
    static let payments = "payments/payments-api-7f9c6d8b4-2xv9q"

    @Test func tracesWhoisAndFindingsUseThePublishedSimulation() {
        let simulation = Simulation(snapshot: Fixtures.demo)
        simulation.prepare()
        var console = Fixtures.console(width: 120, height: 40)
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: simulation, generation: 1))
        console.type(":trace \(Self.payments) 172.16.0.10:23\n")
        #expect(console.render().text.contains("Trace: ALLOW"))
        console.type(":whois 10.0.41.20\n")
        #expect(console.render().text.contains("10.0.41.20 is the egress gateway"))
        console.type("7")
        #expect(console.render().text.contains("missing-policy"))
        #expect(console.simulator.simulation === simulation)
    }

    /// A new Snapshot costs the shown view's rows: other views build their tables when shown.
    @Test func aNewSnapshotBuildsTheShownViewsTableOnly() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type("2")
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: Simulation(snapshot: Fixtures.demo), generation: 1))
        #expect(console.builtTables == [.pools])
        console.type("1")
        #expect(console.builtTables == [.pools, .gateways])
        #expect(console.render().text.contains("corp-database-egw"))
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: Simulation(snapshot: Fixtures.demo), generation: 2))
        #expect(console.builtTables == [.gateways])
    }

    @Test func aHealthOnlyUpdateKeepsTheSnapshotAndItsSimulation() {
        let simulation = Simulation(snapshot: Fixtures.demo)
        var console = Fixtures.console(width: 120, height: 40)
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: simulation, generation: 3))
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: Simulation(snapshot: Fixtures.demo),
                                       health: .failing(.aws, "timeout"), generation: 3))
        #expect(console.simulator.simulation === simulation)
        #expect(console.render().text.contains("STALE: aws: timeout"))
    }

    @Test func aWhatIfCandidateIsPreparedOncePerSnapshot() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gw-reuse-\(getpid()).cfg")
        try Data("access-list inside_access_in extended deny ip any any\naccess-group inside_access_in in interface inside\n"
            .utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":trace \(Self.payments) 172.16.0.10:23\n:whatif firewall \(file.path)\n")
        console.type(":trace \(Self.payments) 172.16.0.10:443\n")
        console.type(":trace \(Self.payments) 172.16.0.11:23\n")
        #expect(console.simulator.candidatesPrepared == 1)
    }
}
