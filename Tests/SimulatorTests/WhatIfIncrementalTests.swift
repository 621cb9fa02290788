import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// An incremental what-if (a candidate that changes policies only, prepared from the current
/// Simulation) must give exactly what preparing the candidate from scratch gives: every trace,
/// and the whole report. Random worlds and random policy edits, from seeds.
@Suite("Incremental what-if")
struct WhatIfIncrementalTests {
    /// A random world: client namespaces naming policies (some of them missing), pods with
    /// policy annotations of their own, gateways in two namespaces, three policies.
    static func world(_ rng: inout SplitMix64) -> Scenario {
        var scenario = Scenario()
        scenario.namespaces = [Namespace(metadata: ObjectMeta(name: "egw")),
                               Namespace(metadata: ObjectMeta(name: "egw2"))]
        scenario.pods = []
        for index in 0..<6 {
            let role = index < 3 ? "gw" : "db"
            scenario.pods.append(Pod(metadata: ObjectMeta(name: "gw-\(index)", namespace: index % 2 == 0 ? "egw" : "egw2",
                                                          labels: ["role": role]),
                                     nodeName: index % 2 == 0 ? "node-a" : "node-b", podIP: ip("10.0.41.\(20 + index)"),
                                     ready: rng.below(5) != 0))
        }
        let names = ["p0", "p1", "p2", "p-missing"]
        for n in 0..<5 {
            let namespace = "app-\(n)"
            scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: namespace, annotations: rng.below(4) == 0
                ? [:] : [EgressAnnotations.policyKey: names[rng.below(names.count)]])))
            for p in 0..<4 {
                let own: [String: String] = rng.below(4) == 0 ? [EgressAnnotations.policyKey: names[rng.below(names.count)]] : [:]
                scenario.pods.append(Pod(metadata: ObjectMeta(name: "pod-\(p)", namespace: namespace, annotations: own),
                                         nodeName: p % 2 == 0 ? "node-a" : "node-b", podIP: ip("192.168.\(n).\(10 + p)")))
            }
        }
        scenario.policies = (0..<3).map { EgressGatewayPolicy(name: "p\($0)", rules: (0..<3).map { _ in rule(&rng) }) }
        return scenario
    }

    static let destinations = ["172.16.0.0/24", "172.16.0.0/16", "8.8.8.0/24", "0.0.0.0/0", "10.0.0.0/8",
                                       "172.16.0.128/25", "1.2.3.0/24"]

    private static func rule(_ rng: inout SplitMix64) -> EgressGatewayRule {
        let selectors = ["role == 'gw'", "role == 'db'", "role == 'none'"]
        let namespaces = ["projectcalico.org/name == 'egw'", "projectcalico.org/name == 'egw2'", "all()"]
        return EgressGatewayRule(
            destination: prefix(destinations[rng.below(destinations.count)]),
            gateway: rng.below(5) == 0 ? nil : EgressGatewaySelection(
                namespaceSelector: namespaces[rng.below(namespaces.count)], selector: selectors[rng.below(selectors.count)],
                maxNextHops: rng.below(3)),
            gatewayPreference: rng.below(3) == 0 ? .preferNodeLocal : .none)
    }

    /// A random policy edit: a rule changed, added or removed, or a new policy named `p-missing`.
    private static func edit(_ policies: [EgressGatewayPolicy], _ rng: inout SplitMix64) -> [EgressGatewayPolicy] {
        if rng.below(5) == 0 { return [EgressGatewayPolicy(name: "p-missing", rules: [rule(&rng)])] }
        var policy = policies[rng.below(policies.count)]
        switch rng.below(3) {
        case 0 where !policy.rules.isEmpty: policy.rules[rng.below(policy.rules.count)] = rule(&rng)
        case 1 where !policy.rules.isEmpty: policy.rules.remove(at: rng.below(policy.rules.count))
        default: policy.rules.append(rule(&rng))
        }
        return [policy]
    }

    @Test(arguments: 0..<40 as Range<UInt64>)
    func incrementalEqualsFullRecomputation(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let before = Self.world(&rng).snapshot
        let after = before.replacing(policies: Self.edit(before.cluster.policies, &rng))

        let base = Simulation(snapshot: before)
        let derived = Simulation(snapshot: after)
        derived.derive(from: base)
        let fresh = Simulation(snapshot: after)

        // The derived context shares what the edit cannot touch: a pod in the gateway namespace
        // names no policy, so its sender is the base's own object.
        let untouched = PodKey(namespace: "egw", name: "gw-0")
        #expect(derived.context.senders[untouched] === base.context.senders[untouched], "seed \(seed): not derived")

        for pod in after.cluster.pods {
            for destination in Self.destinations {
                let query = TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name),
                                       destination: prefix(destination).address, destinationPort: 443)
                #expect((try? derived.tracer.trace(query)) == (try? fresh.tracer.trace(query)),
                        "seed \(seed): \(pod.qualifiedName) → \(destination)")
            }
        }
        let incremental = base.whatIf(Simulation(snapshot: after)).compare()
        let full = WhatIf(before: Simulation(snapshot: before).tracer, after: fresh.tracer).compare()
        #expect(incremental == full, "seed \(seed)")
    }

    @Test func aCandidateThatChangesMoreThanPoliciesIsPreparedFromScratch() {
        var scenario = Scenario()
        let before = scenario.snapshot
        scenario.pods.append(Scenario.gateway("egw-c", "10.0.41.22", node: "node-a"))
        let after = scenario.snapshot
        let base = Simulation(snapshot: before)
        let candidate = Simulation(snapshot: after)
        candidate.derive(from: base)
        let key = PodKey(namespace: "app", name: "client")
        #expect(candidate.context.senders[key] !== base.context.senders[key])
        let query = TraceQuery(sender: .pod(namespace: "app", name: "client"), destination: ip("172.16.0.5"),
                               destinationPort: 443)
        #expect((try? candidate.tracer.trace(query))?.gateways.count == 3)
    }
}

/// `WhatIf.probes(for:)` finds the prefixes inside each destination from one sorted list; it must
/// pick what the straightforward search over a prefix table picks.
@Suite("What-if probes")
struct WhatIfProbeTests {
    /// The reference: every prefix inside the destination, from a prefix table, in table order.
    private static func reference(_ destinations: [IPPrefix]) -> [IPAddress] {
        var table = PrefixTable<Bool>()
        for destination in destinations { table.insert(true, for: destination) }
        return destinations.map { destination in
            guard case .v4(let network) = destination.address else { return destination.address }
            let inner = table.entries(inside: destination).map(\.prefix).filter { $0 != destination }
            let last = UInt64(network.value) + destination.addressCount - 1
            var candidate = UInt64(network.value) + (destination.length <= 30 ? 1 : 0)
            var guardCount = 0
            while candidate <= last, guardCount <= inner.count {
                let address = IPAddress.v4(IPv4Address(UInt32(candidate)))
                guard let covering = inner.first(where: { $0.contains(address) }),
                      case .v4(let end) = covering.lastAddress else { return address }
                candidate = UInt64(end.value) + 1
                guardCount += 1
            }
            return destination.address
        }
    }

    @Test(arguments: 0..<60 as Range<UInt64>)
    func probesAgreeWithThePrefixTableSearch(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Nested and adjacent prefixes under a few anchors, with duplicates and the edges.
        let anchors: [UInt32] = [0x0A00_0000, 0xAC10_0000, 0xC0A8_0000, 0, 0xFFFF_FF00]
        var destinations: [IPPrefix] = []
        for _ in 0..<(1 + rng.below(40)) {
            let anchor = anchors[rng.below(anchors.count)]
            let length = rng.below(33)
            let address = anchor | UInt32(truncatingIfNeeded: rng.next()) & (UInt32.max >> UInt32(8 + rng.below(25)))
            destinations.append(IPPrefix(containing: .v4(IPv4Address(address)), length: length))
            if rng.below(6) == 0, let again = destinations.randomElement(using: &rng) { destinations.append(again) }
        }
        #expect(WhatIf.probes(for: destinations) == Self.reference(destinations), "seed \(seed)")
    }
}
