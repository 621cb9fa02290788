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
        // Pools built for the new Snapshot; Gateways kept (the same gateways); the others not built.
        #expect(console.builtTables == [.pools, .gateways])
        console.type("3")
        #expect(console.builtTables == [.pools, .gateways, .elasticIPs])
        console.publish(ConsoleContent(snapshot: Fixtures.demo, simulation: Simulation(snapshot: Fixtures.demo), generation: 2))
        #expect(console.builtTables == [.gateways, .elasticIPs])
        console.type("1")
        #expect(console.render().text.contains("corp-database-egw"))
    }

    /// A Snapshot derived from the shown one by a workload's label keeps the Gateways table (same
    /// gateways, same drains); a gateway's readiness change builds it again. Ages count up with
    /// the frames either way.
    @Test func aPodEventKeepsTheTablesItDoesNotChange() throws {
        let demo = Fixtures.demo
        let inputs = ModelInputs(snapshot: demo, utilizationHistory: [:], now: 1_795_608_000)
        var first = ConsoleModel(inputs, generation: 1)
        first.prepare(.gateways)
        var cluster = demo.cluster
        let workload = try #require(cluster.pods.firstIndex { !demo.gatewaysByQualifiedName.contains($0.qualifiedName) })
        cluster.pods[workload].metadata.labels["release"] = "canary"
        let labelled = try #require(demo.updating(cluster: cluster, changedPods: [cluster.pods[workload].qualifiedName]))
        let second = ConsoleModel(ModelInputs(snapshot: labelled, utilizationHistory: [:], now: 1_795_608_060),
                                  generation: 2, previous: first)
        #expect(second.reused == [.gateways])
        #expect(second.tables[.gateways] == first.tables[.gateways])

        let gateway = try #require(cluster.pods.firstIndex { demo.gatewaysByQualifiedName[$0.qualifiedName]?.ready == true })
        cluster.pods[gateway].ready = false
        let unready = Snapshot(source: demo.source, cluster: cluster, aws: demo.aws, config: demo.config,
                               firewallConfigs: demo.firewallConfigs)
        let third = ConsoleModel(ModelInputs(snapshot: unready, utilizationHistory: [:], now: 1_795_608_120),
                                 generation: 3, previous: second)
        #expect(third.reused.isEmpty)
    }

    @Test func gatewayAgesCountUpAsFramesAreDrawn() throws {
        var console = Fixtures.console(width: 160, height: 40)
        let before = console.render().text
        console.now += 3 * 3_600
        let after = console.render().text
        #expect(before != after)
        let row = try #require(after.split(separator: "\n").first { $0.contains("corp-database-egw-58c7d9f6b-2kjfx") })
        let earlier = try #require(before.split(separator: "\n").first { $0.contains("corp-database-egw-58c7d9f6b-2kjfx") })
        #expect(row != earlier)
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
