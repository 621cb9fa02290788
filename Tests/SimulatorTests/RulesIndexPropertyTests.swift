import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// The Rules index's indexed walk (source candidates intersected with destination candidates)
/// gives exactly the index of the straightforward walk (every entry the source admits, checked
/// against the region), on random small clusters and access lists.
@Suite struct RulesIndexPropertyTests {
    /// Prefixes inside 172.16.0.0/12 at various depths, so regions nest and cut holes.
    private static func randomDestination(_ rng: inout SplitMix64) -> IPPrefix {
        let length = rng.pick([12, 16, 20, 24, 24, 26, 28, 32])
        let bits = UInt32(0xAC10_0000) | UInt32(rng.below(4)) << 18 | UInt32(rng.below(4)) << 8 | UInt32(rng.below(64))
        return IPPrefix(containing: .v4(IPv4Address(bits)), length: length)
    }

    private static func mask(_ length: Int) -> String {
        IPv4Address(length == 0 ? 0 : UInt32.max << UInt32(32 - length)).description
    }

    private static func network(_ prefix: IPPrefix) -> String {
        prefix.length == 32 ? "host \(prefix.address)" : "\(prefix.address) \(mask(prefix.length))"
    }

    /// A random scenario: the corp policy's rules, a namespace without a policy, an optional
    /// third gateway, and an access list of sources and destinations drawn from around them.
    private static func scenario(seed: UInt64) -> Scenario {
        var rng = SplitMix64(seed: seed)
        var scenario = Scenario()
        var destinations: [IPPrefix] = []
        var rules: [EgressGatewayRule] = []
        for index in 0..<(1 + rng.below(6)) {
            let destination = randomDestination(&rng)
            destinations.append(destination)
            let gateway = rng.chance(75) ? EgressGatewaySelection(
                namespaceSelector: "projectcalico.org/name == 'egw'", selector: "role == 'gw'") : nil
            rules.append(EgressGatewayRule(destination: destination, description: "rule \(index)", gateway: gateway))
        }
        rules.append(EgressGatewayRule(destination: prefix("10.0.0.0/8"), description: "local"))
        scenario.policies = [EgressGatewayPolicy(name: "corp", rules: rules)]
        scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: "plain")))
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "worker", namespace: "plain"), nodeName: "node-b",
                                 podIP: ip("192.168.1.5")))
        if rng.chance(50) { scenario.pods.append(Scenario.gateway("egw-c", "10.0.41.22", node: "node-b")) }

        let sources = ["host 10.0.41.20", "host 10.0.41.21", "host 10.0.41.22", "10.0.41.0 255.255.255.0",
                       "10.0.41.16 255.255.255.240", "host 10.0.1.10", "host 10.0.1.11", "10.0.0.0 255.255.0.0",
                       "any4", "any", "object-group SOURCES", "object GATEWAY-RANGE", "10.0.41.20 255.255.0.255",
                       "host 10.9.9.9"]
        var lines = ["object network GATEWAY-RANGE", " range 10.0.41.19 10.0.41.21",
                     "object network DESTINATION-RANGE", " range 172.16.0.200 172.16.1.7",
                     "object-group network SOURCES", " network-object host 10.0.41.21", " network-object host 10.0.1.11",
                     "object-group network DESTINATIONS"]
        for _ in 0..<(1 + rng.below(3)) { lines.append(" network-object \(network(randomDestination(&rng)))") }
        lines += ["time-range office", " periodic weekdays 7:00 to 19:00"]
        for _ in 0..<(3 + rng.below(22)) {
            let action = rng.chance(25) ? "deny" : "permit"
            let source = rng.pick(sources)
            let destination: String
            switch rng.below(10) {
            case 0, 1, 2: destination = network(rng.pick(destinations))
            case 3, 4: destination = network(randomDestination(&rng))
            case 5: destination = "any4"
            case 6: destination = "object-group DESTINATIONS"
            case 7: destination = "object DESTINATION-RANGE"
            case 8: destination = "172.16.0.0 255.240.0.0"
            default: destination = "172.16.0.1 255.255.0.255"
            }
            let service = rng.pick(["ip", "ip", "tcp", "tcp", "udp", "icmp"])
            var line = "access-list inside_in extended \(action) \(service) \(source) \(destination)"
            if service == "tcp" || service == "udp" {
                line += rng.pick(["", " eq 443", " eq 22", " range 400 500", " eq https"])
            }
            if rng.chance(8) { line += " time-range office" }
            if rng.chance(8) { line += " inactive" }
            lines.append(line)
        }
        if rng.chance(70) { lines.append("access-list inside_in extended deny ip any4 any4") }
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside",
                                                targets: ["tgw-1", "vpce-fw"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(lines.joined(separator: "\n"))
        access-group inside_in in interface inside
        """)]
        return scenario
    }

    private static func index(_ simulation: Simulation, _ strategy: RulesIndexBuilder.Strategy) -> RulesIndex {
        RulesIndexBuilder(context: simulation.context, firewalls: simulation.firewalls, tracer: simulation.tracer,
                          strategy: strategy).build()
    }

    @Test func theIndexedWalkGivesTheReferenceIndex() {
        var links = 0
        var partial = 0
        var whole = 0
        for seed in UInt64(1)...120 {
            let simulation = Simulation(snapshot: Self.scenario(seed: seed).snapshot)
            let reference = Self.index(simulation, .reference)
            let indexed = Self.index(simulation, .indexed)
            #expect(indexed.classes == reference.classes, "seed \(seed)")
            #expect(indexed.entries == reference.entries, "seed \(seed)")
            #expect(indexed.decisionCount == reference.decisionCount, "seed \(seed)")
            for entry in reference.entries {
                links += entry.decides.count
                partial += entry.decides.filter { !$0.whole }.count
                whole += entry.decides.filter(\.whole).count
            }
        }
        // The random lists exercise both kinds of decision, often.
        #expect(partial > 200 && whole > 100, "links \(links), partial \(partial), whole \(whole)")
    }

    @Test func theIndexUsedByTheSimulationIsTheIndexedOne() {
        let simulation = Simulation(snapshot: Self.scenario(seed: 7).snapshot)
        let reference = Self.index(simulation, .reference)
        let used = simulation.rulesIndex()
        #expect(used.entries == reference.entries && used.classes == reference.classes)
    }
}
