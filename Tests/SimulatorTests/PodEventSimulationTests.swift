import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// A Simulation prepared from the previous one for a Snapshot derived by a few pod events
/// (`Simulation(snapshot:following:)`) traces exactly as one prepared from scratch: random worlds,
/// random pod changes (labels that make a pod a gateway or not, readiness, node, an address given,
/// changed or taken away, a label nobody selects on), pods added and removed as the live store
/// does (appended; the last pod takes a removed one's position), whole namespaces selected as
/// gateways, every pod before and after to every destination.
@Suite("Pod events: Simulation prepared from the previous one")
struct PodEventSimulationTests {
    /// `pod` changed in place in one random way.
    private static func changed(_ pod: Pod, _ rng: inout SplitMix64) -> Pod {
        var pod = pod
        switch rng.below(7) {
        case 0: pod.metadata.labels["role"] = ["gw", "db", "none"][rng.below(3)]
        case 1: pod.ready.toggle()
        case 2: pod.nodeName = pod.nodeName == "node-a" ? "node-b" : "node-a"
        // An address given (the pod had none), taken away or changed; some are another pod's.
        case 3: pod.podIP = pod.podIP == nil ? ip("192.168.\(rng.below(5)).\(10 + rng.below(8))") : nil
        case 4: pod.podIP = ip("192.168.\(rng.below(5)).\(10 + rng.below(8))")
        default: pod.metadata.labels["release"] = "r\(rng.below(3))"
        }
        return pod
    }

    private enum EventKind { case added, removed, addressed }

    @Test func preparedFromThePreviousEqualsPreparedWhole() throws {
        var derivedCount = 0
        var derivedKinds: [EventKind: Int] = [:]
        var wholeCount = 0
        for seed in 0..<100 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            var world = WhatIfIncrementalTests.world(&rng)
            if rng.below(2) == 0 {
                // A selection of a whole namespace: its pods are gateway candidates without being
                // found as gateways (a known misconfiguration), so their changes prepare the whole.
                world.policies[0].rules.append(EgressGatewayRule(
                    destination: prefix("198.51.100.0/24"),
                    gateway: EgressGatewaySelection(namespaceSelector: "projectcalico.org/name == 'app-\(rng.below(5))'",
                                                    selector: nil)))
            }
            // Pods without an address yet (scheduled, not yet given one by the CNI).
            for _ in 0..<rng.below(4) { world.pods[rng.below(world.pods.count)].podIP = nil }
            let before = world.snapshot
            var cluster = before.cluster
            var names = Set<String>()
            var kinds = Set<EventKind>()
            for event in 0..<1 + rng.below(2) {
                let unaddressed = cluster.pods.indices.filter { cluster.pods[$0].podIP == nil }
                let position: Int
                switch rng.below(6) {
                case 0:
                    // A pod created, with or without its address yet (some are another pod's).
                    let namespace = "app-\(rng.below(6))"
                    cluster.pods.append(Pod(metadata: ObjectMeta(name: "new-\(event)", namespace: namespace,
                                                                 labels: ["role": ["gw", "db", "none"][rng.below(3)]]),
                                            nodeName: "node-a",
                                            podIP: rng.below(3) == 0 ? nil : ip("192.168.\(rng.below(5)).\(10 + rng.below(8))")))
                    names.insert(cluster.pods[cluster.pods.count - 1].qualifiedName)
                    kinds.insert(.added)
                    continue
                case 1:
                    // A pod deleted: the last pod takes its position.
                    position = rng.below(cluster.pods.count)
                    names.insert(cluster.pods[position].qualifiedName)
                    cluster.pods.swapAt(position, cluster.pods.count - 1)
                    cluster.pods.removeLast()
                    kinds.insert(.removed)
                    continue
                case 2 where !unaddressed.isEmpty, 3 where !unaddressed.isEmpty:
                    // Often a pod given its address: the event that follows scheduling.
                    position = unaddressed[rng.below(unaddressed.count)]
                    cluster.pods[position].podIP = ip("192.168.\(rng.below(5)).\(10 + rng.below(8))")
                    kinds.insert(.addressed)
                default:
                    position = rng.below(cluster.pods.count)
                    cluster.pods[position] = Self.changed(cluster.pods[position], &rng)
                }
                names.insert(cluster.pods[position].qualifiedName)
            }
            guard let updated = before.updating(cluster: cluster, changedPods: names) else { continue }
            let base = Simulation(snapshot: before)
            base.prepare()
            let derived = Simulation(snapshot: updated, following: base)
            let fresh = Simulation(snapshot: Snapshot(source: before.source, cluster: cluster, aws: before.aws,
                                                      config: before.config, firewallConfigs: before.firewallConfigs))
            // Derived: an unchanged pod's sender is the base's own object.
            let unchanged = try #require(cluster.pods.first { !names.contains($0.qualifiedName) })
            let key = PodKey(namespace: unchanged.namespace, name: unchanged.name)
            // The tables a pod's address reaches: the known addresses, the pods selections may pick.
            #expect(derived.context.knownAddresses == fresh.context.knownAddresses, "seed \(seed)")
            let everyCandidate = try GatewayMatcher(EgressGatewaySelection(namespaceSelector: "all()", selector: nil))
            #expect(derived.context.gatewayCandidates.selected(by: everyCandidate)
                == fresh.context.gatewayCandidates.selected(by: everyCandidate), "seed \(seed)")
            if derived.context.senders[key] === base.context.senders[key] {
                derivedCount += 1
                for kind in kinds { derivedKinds[kind, default: 0] += 1 }
            } else {
                wholeCount += 1
            }
            for pod in before.cluster.pods + cluster.pods {
                for destination in WhatIfIncrementalTests.destinations + ["198.51.100.7/32"] {
                    let query = TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name),
                                           destination: prefix(destination).address, destinationPort: 443)
                    #expect((try? derived.tracer.trace(query)) == (try? fresh.tracer.trace(query)),
                            "seed \(seed): \(pod.qualifiedName) → \(destination)")
                }
            }
        }
        // Both happen: workloads' changes are derived (pods given an address, added and removed
        // among them), a gateway candidate's prepare the whole.
        #expect(derivedCount > 10)
        #expect(derivedKinds[.addressed, default: 0] > 2)
        #expect(derivedKinds[.added, default: 0] > 2)
        #expect(derivedKinds[.removed, default: 0] > 2)
        #expect(wholeCount > 0)
    }

    @Test func aSimulationOfAnUnrelatedSnapshotIsPreparedWhole() {
        var rng = SplitMix64(seed: 3)
        let first = WhatIfIncrementalTests.world(&rng).snapshot
        let second = WhatIfIncrementalTests.world(&rng).snapshot
        let base = Simulation(snapshot: first)
        base.prepare()
        let next = Simulation(snapshot: second, following: base)
        let key = PodKey(namespace: "egw", name: "gw-0")
        #expect(next.context.senders[key] !== base.context.senders[key])
        #expect(next.context.snapshot.identity == second.identity)
    }
}
