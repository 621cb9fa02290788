import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// The Rules index's indexed form (firewall meetings shared per path environment, hits summed
/// per decision and region, one walk per source signature and region, source candidates
/// intersected with destination candidates) gives exactly the index of the straightforward one
/// (a trace decision per group and region, each hit's classes in turn, every class walking
/// every entry its source admits, checked against the region), on random small clusters and
/// access lists.
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
            rules.append(EgressGatewayRule(destination: destination, description: "rule \(index)", gateway: gateway,
                                           gatewayPreference: rng.chance(30) ? .preferNodeLocal : .none))
        }
        rules.append(EgressGatewayRule(destination: prefix("10.0.0.0/8"), description: "local"))
        scenario.policies = [EgressGatewayPolicy(name: "corp", rules: rules)]
        scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: "plain")))
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "worker", namespace: "plain"), nodeName: "node-b",
                                 podIP: ip("192.168.1.5")))
        if rng.chance(50) { scenario.pods.append(Scenario.gateway("egw-c", "10.0.41.22", node: "node-b")) }
        // More senders on more nodes: node addresses and gateways whose paths share an
        // environment (subnet, route table), so decisions and walks are shared between them.
        if rng.chance(60) {
            scenario.nodes.append(Node(metadata: ObjectMeta(name: "node-c", labels: ["topology.kubernetes.io/zone": "us-east-1c"]),
                                       internalIPs: [ip("10.0.1.12")]))
            scenario.pods.append(Pod(metadata: ObjectMeta(name: "client-2", namespace: "app"), nodeName: "node-c",
                                     podIP: ip("192.168.2.7")))
            scenario.pods.append(Pod(metadata: ObjectMeta(name: "worker-2", namespace: "plain"), nodeName: "node-a",
                                     podIP: ip("192.168.1.9")))
            // On node-c, or away from it (client-2 then has no local gateway).
            scenario.pods.append(Scenario.gateway("egw-d", "10.0.41.23", node: rng.chance(50) ? "node-c" : "node-a"))
        }
        // A gateway that is not ready carries nothing, node-local or not.
        if rng.chance(20), let index = scenario.pods.firstIndex(where: { $0.name == "egw-b" }) {
            scenario.pods[index] = Scenario.gateway("egw-b", "10.0.41.21", node: "node-b", ready: false)
        }
        if rng.chance(50) {
            scenario.pods.append(Pod(metadata: ObjectMeta(name: "client-3", namespace: "app"), nodeName: "node-b",
                                     podIP: ip("192.168.3.3")))
        }

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
        // A firewall that sees public addresses is met source by source.
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside",
                                                sees: rng.chance(25) ? .public : .private, targets: ["tgw-1", "vpce-fw"])]
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
        var awayFromLocalGateways = 0
        for seed in UInt64(1)...120 {
            let simulation = Simulation(snapshot: Self.scenario(seed: seed).snapshot)
            let reference = Self.index(simulation, .reference)
            let indexed = Self.index(simulation, .indexed)
            #expect(indexed.classes == reference.classes, "seed \(seed)")
            #expect(indexed.entries == reference.entries, "seed \(seed)")
            // Senders away from a node-local rule's gateways decide as the shared ones (indexed).
            #expect(indexed.decisionCount <= reference.decisionCount, "seed \(seed)")
            // Seeds where that happens: a node-local rule, and a sender on a node with no ready gateway.
            let scenario = Self.scenario(seed: seed)
            let readyNodes = Set(scenario.pods.filter { $0.namespace == "egw" && $0.isActive }.compactMap(\.nodeName))
            if scenario.policies[0].rules.contains(where: { $0.gateway != nil && $0.gatewayPreference == .preferNodeLocal }),
               scenario.pods.contains(where: { $0.namespace == "app" && !readyNodes.contains($0.nodeName ?? "") }) {
                awayFromLocalGateways += 1
            }
            for entry in reference.entries {
                links += entry.decides.count
                partial += entry.decides.filter { !$0.whole }.count
                whole += entry.decides.filter(\.whole).count
            }
        }
        // The random lists exercise both kinds of decision, often.
        #expect(partial > 200 && whole > 100, "links \(links), partial \(partial), whole \(whole)")
        #expect(awayFromLocalGateways > 10, "seeds with senders away from node-local gateways: \(awayFromLocalGateways)")
    }

    /// Sources with the same signature are admitted by the same entries through the same
    /// members; the node addresses (named only by the node subnet) share one.
    @Test func sourcesOfOneSignatureMatchTheSameMembers() {
        let addresses = ["10.0.1.10", "10.0.1.11", "10.0.1.12", "10.0.1.200", "10.0.41.19", "10.0.41.20", "10.0.41.21",
                         "10.0.41.22", "10.0.41.99", "10.9.9.9", "10.0.0.7", "192.168.1.5", "172.16.0.1"].map(ip)
        var shared = 0
        for seed in UInt64(1)...120 {
            let simulation = Simulation(snapshot: Self.scenario(seed: seed).snapshot)
            guard let expanded = simulation.firewalls.classifiers["firewall/fw.cfg"]?.accessList(named: "inside_in")?.expanded
            else { Issue.record("seed \(seed): no list"); continue }
            let list = RulesListIndex(name: "inside_in", expanded: expanded, interface: "inside", offset: 0)
            let signatures = addresses.map { list.signature(of: $0) }
            // What each address is admitted by: per active entry admitting the interface, the members matching it.
            let admitted = addresses.map { address in
                expanded.entries.map { entry -> [Int] in
                    guard entry.isActive, entry.admitsIngress("inside") else { return [] }
                    return entry.sources.indices.filter { entry.sources[$0].matches(address) }
                }
            }
            for a in addresses.indices {
                let candidates = list.candidates(signature: signatures[a]).sorted
                #expect(candidates == admitted[a].indices.filter { !admitted[a][$0].isEmpty }, "seed \(seed) \(addresses[a])")
                for b in addresses.indices where b > a && signatures[a] == signatures[b] {
                    #expect(admitted[a] == admitted[b], "seed \(seed): \(addresses[a]) and \(addresses[b])")
                    shared += 1
                }
            }
            #expect(signatures[0] == signatures[3] || admitted[0] != admitted[3], "seed \(seed)")
        }
        #expect(shared > 200, "pairs sharing a signature: \(shared)")
    }

    /// Firewall meetings found with a memo shared across senders and destinations are the
    /// paths of a trace decision that meet a firewall.
    @Test func sharedFirewallMeetingsAreThoseOfTheTraceDecision() {
        var meetings = 0
        for seed in UInt64(1)...60 {
            let simulation = Simulation(snapshot: Self.scenario(seed: seed).snapshot)
            let tracer = simulation.tracer
            var memo = Tracer.MeetingMemo()
            let destinations = ["172.16.0.1", "172.16.1.9", "172.17.0.1", "8.8.8.8", "10.0.1.11", "192.168.1.5"].map(ip)
            for destination in destinations {
                for pod in simulation.snapshot.cluster.pods {
                    guard let sender = simulation.context.senders[PodKey(namespace: pod.namespace, name: pod.name)] else { continue }
                    let found = tracer.firewallMeetings(sender, destination: destination, memo: &memo)
                    let query = TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name), destination: destination,
                                           destinationPort: 443)
                    guard let decision = try? tracer.decide(query) else { Issue.record("seed \(seed)"); continue }
                    let expected = decision.paths.compactMap { path -> String? in
                        guard case .decided(let placed, _, let seen) = path.firewall else { return nil }
                        return "\(placed.placement.name) \(seen) \(path.source.path.gateway?.name ?? "-")"
                    }
                    #expect(found.map { "\($0.placement.name) \($0.seen) \($0.gateway?.name ?? "-")" } == expected,
                            "seed \(seed) \(pod.qualifiedName) → \(destination)")
                    meetings += found.count
                }
            }
        }
        #expect(meetings > 300, "meetings \(meetings)")
    }

    /// A region's holes contain a prefix exactly when one of them does, nested or not.
    @Test func holesContainWhatOneOfThemContains() {
        var rng = SplitMix64(seed: 23)
        var inside = 0
        for _ in 0..<300 {
            let holes = (0..<rng.below(12)).map { _ in Self.randomDestination(&rng) }
            let table = RulesIndexBuilder.Holes(holes)
            #expect(table.isEmpty == holes.isEmpty)
            for _ in 0..<40 {
                let candidate = rng.chance(10) ? prefix("10.0.0.0/8") : Self.randomDestination(&rng)
                let expected = holes.contains { $0.contains(candidate) }
                #expect(table.contains(candidate) == expected, "\(holes) ∋ \(candidate)")
                if expected { inside += 1 }
            }
        }
        #expect(inside > 1000, "prefixes inside a hole: \(inside)")
    }

    /// A decision keeps its class index and whether it is whole, up to the largest index.
    @Test func aDecisionKeepsItsClassAndExtent() {
        var rng = SplitMix64(seed: 17)
        for classIndex in [0, 1, 2, RulesIndexBuilder.maximumClasses, Int(Int32.max)] + (0..<200).map({ _ in rng.below(1 << 31) }) {
            for whole in [false, true] {
                var decision = RulesIndex.Decision(classIndex: classIndex, whole: whole)
                #expect(decision.classIndex == classIndex && decision.whole == whole)
                decision.whole.toggle()
                #expect(decision.classIndex == classIndex && decision.whole == !whole)
                decision.classIndex = 7
                #expect(decision.classIndex == 7 && decision.whole == !whole)
            }
        }
        #expect(MemoryLayout<RulesIndex.Decision>.stride == 4)
    }

    /// An entry's decisions cut from a shared buffer read, compare and hash as the same decisions
    /// in an array of their own, indexed from 0.
    @Test func decisionsCutFromOneBufferAreTheDecisionsOfTheirRange() {
        var rng = SplitMix64(seed: 29)
        for _ in 0..<100 {
            let flat = (0..<rng.below(40)).map { _ in RulesIndex.Decision(classIndex: rng.below(1000), whole: rng.chance(50)) }
            let lower = rng.below(flat.count + 1)
            let upper = lower + rng.below(flat.count - lower + 1)
            let cut = RulesIndex.Decisions(storage: flat, range: lower..<upper)
            let own = RulesIndex.Decisions(Array(flat[lower..<upper]))
            #expect(Array(cut) == Array(flat[lower..<upper]))
            #expect(cut.count == upper - lower && cut.indices == 0..<(upper - lower))
            #expect(cut.first == (lower < upper ? flat[lower] : nil))
            #expect(cut == own && cut.hashValue == own.hashValue)
            if lower < upper {
                var changed = Array(flat[lower..<upper])
                changed[0].whole.toggle()
                #expect(cut != RulesIndex.Decisions(changed))
                #expect(cut != RulesIndex.Decisions(Array(flat[lower..<(upper - 1)])))
            }
        }
    }

    @Test func theIndexUsedByTheSimulationIsTheIndexedOne() {
        let simulation = Simulation(snapshot: Self.scenario(seed: 7).snapshot)
        let reference = Self.index(simulation, .reference)
        let used = simulation.rulesIndex()
        #expect(used.entries == reference.entries && used.classes == reference.classes)
    }
}
