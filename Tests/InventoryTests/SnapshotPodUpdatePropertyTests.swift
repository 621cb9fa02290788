import Inventory
import LPM
import Testing
import TestSupport

/// A Snapshot derived from the previous one for pods changed, added or removed
/// (`Snapshot.updating(cluster:changedPods:)`, pods in stable positions as the live store keeps
/// them) equals the Snapshot built whole from the same cluster, on random clusters and random
/// changes: labels that make a pod a gateway or not, readiness, addresses, annotations naming
/// policies and selections, finished and deleted pods, pods added and removed. When the change
/// reaches further than the changed pods, it answers nil.
@Suite struct SnapshotPodUpdatePropertyTests {
    private static let labelChoices: [[String: String]] = [
        [:], ["app": "web"], ["app": "db"], ["k8s-app": "egw"], ["k8s-app": "egw", "tier": "edge"], ["app": "web", "v": "2"],
    ]
    private static let annotationChoices: [[String: String]] = [
        [:], [EgressAnnotations.policyKey: "policy-a"], [EgressAnnotations.policyKey: "policy-b"],
        [EgressAnnotations.selectorKey: "app == 'db'"], ["note": "x"],
        [GatewayDrain.gatewayIPAnnotation: "10.0.0.5", GatewayDrain.finishedAnnotation: "2026-12-07T11:00:00Z"],
    ]

    private func randomPod(_ index: Int, _ rng: inout SplitMix64) -> Pod {
        let namespace = ["shop", "egw", "batch"][Int.random(in: 0..<3, using: &rng)]
        return Pod(metadata: ObjectMeta(name: "pod-\(index)", namespace: namespace,
                                        labels: Self.labelChoices.randomElement(using: &rng) ?? [:],
                                        annotations: Self.annotationChoices.randomElement(using: &rng) ?? [:],
                                        deletionTimestamp: Int.random(in: 0..<10, using: &rng) == 0 ? "2026-12-07T10:00:00Z" : nil),
                   nodeName: "node-\(Int.random(in: 0..<3, using: &rng))",
                   containerPortNames: Bool.random(using: &rng) ? ["health"] : [],
                   phase: Int.random(in: 0..<10, using: &rng) == 0 ? "Succeeded" : "Running",
                   podIP: Int.random(in: 0..<10, using: &rng) == 0
                       ? nil : .v4(IPv4Address(0x0A00_0000 | UInt32.random(in: 0..<64, using: &rng))),
                   ready: Bool.random(using: &rng), hostNetwork: Int.random(in: 0..<12, using: &rng) == 0)
    }

    /// `pod` changed in one random way.
    private func changed(_ pod: Pod, _ rng: inout SplitMix64) -> Pod {
        var pod = pod
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1: pod.metadata.labels = Self.labelChoices.randomElement(using: &rng) ?? [:]
        case 2: pod.ready.toggle()
        case 3: pod.podIP = .v4(IPv4Address(0x0A00_0000 | UInt32.random(in: 0..<64, using: &rng)))
        case 7: pod.podIP = nil
        case 4: pod.metadata.annotations = Self.annotationChoices.randomElement(using: &rng) ?? [:]
        case 5: pod.phase = pod.phase == "Running" ? "Failed" : "Running"
        default: pod.metadata.labels["gatewatch-test"] = "\(Int.random(in: 0..<3, using: &rng))"
        }
        return pod
    }

    private func randomCluster(_ rng: inout SplitMix64) throws -> ClusterState {
        let rule = EgressGatewayRule(destination: try IPPrefix("0.0.0.0/0"), description: nil,
                                     gateway: EgressGatewaySelection(namespaceSelector: "projectcalico.org/name == 'egw'",
                                                                     selector: "k8s-app == 'egw'", maxNextHops: 0),
                                     gatewayPreference: .none)
        return ClusterState(
            namespaces: [Namespace(metadata: ObjectMeta(name: "shop", annotations: [EgressAnnotations.policyKey: "policy-a"])),
                         Namespace(metadata: ObjectMeta(name: "egw")), Namespace(metadata: ObjectMeta(name: "batch"))],
            pods: (0..<Int.random(in: 1...30, using: &rng)).map { randomPod($0, &rng) },
            ipPools: [IPPool(name: "egw-pool", cidr: try IPPrefix("10.0.0.0/26"), awsSubnetID: "subnet-1")],
            policies: [EgressGatewayPolicy(name: "policy-a", rules: [rule]), EgressGatewayPolicy(name: "policy-b", rules: [rule])],
            felixConfigurations: [FelixConfiguration(name: "default", egressIPSupport: .enabledPerNamespaceOrPerPod)],
            egressGateways: Bool.random(using: &rng)
                ? [EgressGateway(metadata: ObjectMeta(name: "edge", namespace: "egw"), templateLabels: ["tier": "edge"])] : [])
    }

    /// `cluster` after one random pod event, as the live store delivers it (an added pod is
    /// appended; a removed pod's position is taken by the last), adding the names it touched.
    private func event(_ cluster: inout ClusterState, names: inout Set<String>, next: inout Int,
                       _ rng: inout SplitMix64) -> PodEventKind {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            let pod = randomPod(next, &rng)
            next += 1
            cluster.pods.append(pod)
            names.insert(pod.qualifiedName)
            return .added
        case 1 where cluster.pods.count > 1:
            let position = Int.random(in: 0..<cluster.pods.count, using: &rng)
            names.insert(cluster.pods[position].qualifiedName)
            cluster.pods.swapAt(position, cluster.pods.count - 1)
            cluster.pods.removeLast()
            return .removed
        default:
            let position = Int.random(in: 0..<cluster.pods.count, using: &rng)
            cluster.pods[position] = changed(cluster.pods[position], &rng)
            names.insert(cluster.pods[position].qualifiedName)
            return .changed
        }
    }

    private enum PodEventKind { case added, removed, changed }

    @Test func derivedSnapshotEqualsTheWholeOne() throws {
        var rng = SplitMix64(seed: 0x5A17_0D1F)
        var derived = 0
        var readdressed = 0
        var derivedKinds: [PodEventKind: Int] = [:]
        var refused = 0
        for _ in 0..<400 {
            let before = try randomCluster(&rng)
            let old = Snapshot(source: .demo, cluster: before, aws: AWSState())
            var after = before
            var names = Set<String>()
            var kinds = Set<PodEventKind>()
            var next = 1_000
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                kinds.insert(event(&after, names: &names, next: &next, &rng))
            }
            let whole = Snapshot(source: .demo, cluster: after, aws: AWSState())
            guard let updated = old.updating(cluster: after, changedPods: names) else {
                refused += 1
                continue
            }
            derived += 1
            for kind in kinds { derivedKinds[kind, default: 0] += 1 }
            if zip(before.pods, after.pods).contains(where: { $0.podIP != $1.podIP }) { readdressed += 1 }
            #expect(updated.cluster == whole.cluster)
            #expect(updated.gateways == whole.gateways)
            #expect(Set(updated.gatewaysByQualifiedName.keys) == Set(whole.gatewaysByQualifiedName.keys))
            #expect(updated.pools == whole.pools)
            #expect(updated.orphanedBlocks == whole.orphanedBlocks)
            #expect(updated.elasticIPBindings == whole.elasticIPBindings)
            #expect(updated.policies == whole.policies)
            #expect(updated.gatewayDrains == whole.gatewayDrains)
            #expect(updated.podsByQualifiedName.count == whole.podsByQualifiedName.count)
            #expect(updated.podsByIP.count == whole.podsByIP.count)
            for pod in after.pods {
                #expect(updated.podsByQualifiedName[pod.qualifiedName] == whole.podsByQualifiedName[pod.qualifiedName])
            }
            // Every address before and after: the pod holding it, or none.
            for ip in (before.pods + after.pods).compactMap(\.podIP) {
                #expect(updated.podsByIP.value(for: ip) == whole.podsByIP.value(for: ip))
            }
        }
        // Both answers occur: label, readiness and address changes, pods added and removed are
        // derived; the rest is refused.
        #expect(derived > 50)
        #expect(readdressed > 20)
        #expect(derivedKinds[.added, default: 0] > 20)
        #expect(derivedKinds[.removed, default: 0] > 20)
        #expect(refused > 50)
    }

    /// Events one after the other, each Snapshot derived from the last (the address and name
    /// indexes' moved entries pile up, and some move back to where they were when built).
    @Test func aChainOfDerivedSnapshotsEqualsTheWholeOne() throws {
        var rng = SplitMix64(seed: 0xC4A1)
        var chained = 0
        for _ in 0..<40 {
            var cluster = try randomCluster(&rng)
            var current = Snapshot(source: .demo, cluster: cluster, aws: AWSState())
            var next = 1_000
            for _ in 0..<30 {
                let previous = cluster
                var names = Set<String>()
                if Bool.random(using: &rng) {
                    let position = Int.random(in: 0..<cluster.pods.count, using: &rng)
                    cluster.pods[position].podIP = Int.random(in: 0..<4, using: &rng) == 0
                        ? nil : .v4(IPv4Address(0x0A00_0000 | UInt32.random(in: 0..<64, using: &rng)))
                    names.insert(cluster.pods[position].qualifiedName)
                } else {
                    _ = event(&cluster, names: &names, next: &next, &rng)
                }
                let whole = Snapshot(source: .demo, cluster: cluster, aws: AWSState())
                guard let derived = current.updating(cluster: cluster, changedPods: names) else {
                    current = whole
                    continue
                }
                chained += 1
                #expect(derived.podsByIP.count == whole.podsByIP.count)
                for address in 0..<64 as Range<UInt32> {
                    let ip = IPAddress.v4(IPv4Address(0x0A00_0000 | address))
                    #expect(derived.podsByIP.value(for: ip) == whole.podsByIP.value(for: ip))
                }
                #expect(derived.podsByQualifiedName.count == whole.podsByQualifiedName.count)
                for name in (previous.pods + cluster.pods).map(\.qualifiedName) {
                    #expect(derived.podsByQualifiedName[name] == whole.podsByQualifiedName[name])
                }
                #expect(derived.policies == whole.policies)
                current = derived
            }
        }
        #expect(chained > 300)
    }

    @Test func aChangeBeyondThePodsIsRefused() throws {
        var rng = SplitMix64(seed: 7)
        let before = try randomCluster(&rng)
        let old = Snapshot(source: .demo, cluster: before, aws: AWSState())
        var renamed = before
        renamed.pods[0].metadata.name = "renamed"
        #expect(old.updating(cluster: renamed, changedPods: [renamed.pods[0].qualifiedName]) == nil)
        // Pods kept sorted rather than in stable positions: an insertion or removal shifts the
        // pods after it, which the positional indexes cannot follow.
        let many = (0..<4).reduce(into: before) { cluster, index in
            cluster.pods.append(randomPod(100 + index, &rng))
        }
        let base = Snapshot(source: .demo, cluster: many, aws: AWSState())
        var inserted = many
        inserted.pods.insert(randomPod(99, &rng), at: 0)
        #expect(base.updating(cluster: inserted, changedPods: [inserted.pods[0].qualifiedName]) == nil)
        var shifted = many
        let gone = shifted.pods.remove(at: 0)
        #expect(base.updating(cluster: shifted, changedPods: [gone.qualifiedName]) == nil)
        var policy = before
        policy.policies.removeLast()
        #expect(old.updating(cluster: policy, changedPods: []) == nil)
    }
}
