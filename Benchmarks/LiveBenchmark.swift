#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Console
import EC2
import Inventory
import Kube
import Live

/// The live feed's fold: how many Snapshots unchanged EC2 polls publish (none), and what one
/// changed poll costs at 100,000 pods (a new Snapshot and its prepared Simulation, off the UI
/// thread).
enum LiveBenchmark {
    static let suite = BenchmarkSuite(
        name: "live",
        summary: "publications of 10 unchanged EC2 polls; one changed poll at 100,000 pods",
        run: { _, report in run(&report) })

    static func run(_ report: inout BudgetReport) {
        report.section("live: the feed's fold (10,000 gateways, 100,000 pods)")
        var cluster = SyntheticCluster(appNamespaces: 2_000, podsPerNamespace: 50, policies: 50, rulesPerPolicy: 40,
                                       gatewayNamespaces: 1_000, gatewaysPerNamespace: 10, nodes: 300)
        let snapshot = cluster.snapshot()
        let configuration = LiveConfiguration()
        var state = LiveState()
        var publisher = LivePublisher()
        let clock = ContinuousClock()
        state.apply(cluster: snapshot.cluster, status: KubeSourceStatus(phase: .connected, context: "bench"))
        func poll(_ second: Double) -> EC2SourceStatus {
            EC2SourceStatus(phase: .live, lastSuccess: Date(timeIntervalSince1970: second), region: "us-east-1")
        }
        state.apply(aws: decodedAgain(snapshot.aws), status: poll(0))
        let first = clock.measure { _ = publisher.update(for: state, configuration: configuration) }
        report.figure("first publication: Snapshot + prepared Simulation", Format.milliseconds(first.seconds))
        var published = 0
        let unchanged = clock.measure {
            for second in 1...10 {
                state.apply(aws: decodedAgain(snapshot.aws), status: poll(Double(second) * 30))
                if publisher.update(for: state, configuration: configuration) != nil { published += 1 }
            }
        }
        report.budget("publications over 10 unchanged EC2 polls", "\(published)", budget: "0", passed: published == 0)
        report.figure("10 unchanged polls folded", Format.milliseconds(unchanged.seconds))
        var changed = decodedAgain(snapshot.aws)
        if !changed.subnets.isEmpty { changed.subnets[0].availableIpAddressCount = (changed.subnets[0].availableIpAddressCount ?? 0) + 1 }
        state.apply(aws: changed, status: poll(400))
        let rebuilt = clock.measure { published += publisher.update(for: state, configuration: configuration) == nil ? 0 : 1 }
        report.figure("one changed poll: Snapshot + prepared Simulation (off the UI thread)", Format.milliseconds(rebuilt.seconds))
        report.budget("a changed poll publishes", "\(published)", budget: "1", passed: published == 1)
        onePodEvent(&report, state: &state, publisher: &publisher)
    }

    /// The pod events measured: what the Kubernetes store reports most.
    enum PodEvent: String {
        /// A label changed (the pod is changed in place).
        case label = "a label changed"
        /// A pod given its address by the CNI after it was scheduled (it had none).
        case addressGiven = "a pod given its address"
        /// A pod created (not yet scheduled: no node, no address): the store appends it.
        case created = "a pod created"
        /// A workload pod deleted: the store moves its last pod into the deleted one's position.
        case deleted = "a pod deleted"
    }

    /// One pod event at 100,000 pods, as the Kubernetes store reports it (the new cluster state
    /// and the one key touched): folded into the live state, the new Snapshot, its Simulation
    /// prepared, then the console taking it and drawing a frame. Each step timed on its own (the
    /// best of 5 events), and the whole against issue #19's budget.
    static func onePodEvent(_ report: inout BudgetReport, state: inout LiveState, publisher: inout LivePublisher) {
        for event in [PodEvent.label, .addressGiven, .created, .deleted] { onePodEvent(event, &report, state: &state, publisher: &publisher) }
    }

    private static func onePodEvent(_ kind: PodEvent, _ report: inout BudgetReport, state: inout LiveState,
                                    publisher: inout LivePublisher) {
        report.section("live: one pod event at 100,000 pods, \(kind.rawValue)")
        let clock = ContinuousClock()
        let configuration = LiveConfiguration()
        let status = KubeSourceStatus(phase: .connected, context: "bench")
        var cluster = state.cluster
        guard !cluster.pods.isEmpty else { return }
        var previous = (snapshot: state.snapshot(configuration: configuration), version: state.version)
        var console = OffscreenConsole(snapshot: previous.snapshot, width: 160, height: 48)
        var grid = CellGrid(width: 160, height: 48)
        console.render(into: &grid)
        var best = (fold: Double.infinity, snapshot: Double.infinity, simulation: Double.infinity, publish: Double.infinity,
                    frame: Double.infinity)
        for event in 0..<5 {
            var index = (event * 7_919 + 13) % cluster.pods.count
            while previous.snapshot.gatewaysByQualifiedName.contains(cluster.pods[index].qualifiedName) {
                index = (index + 1) % cluster.pods.count
            }
            var name = cluster.pods[index].qualifiedName
            switch kind {
            case .label:
                cluster.pods[index].metadata.labels["gatewatch-bench"] = "\(event)"
            case .addressGiven:
                // Not measured: the pod as scheduled, without its address yet (an address taken
                // away builds the Snapshot and Simulation whole).
                let address = cluster.pods[index].podIP
                cluster.pods[index].podIP = nil
                state.apply(cluster: cluster, status: status, changes: ObjectChanges([.pod: .keys([name])]))
                guard let update = publisher.update(for: state, configuration: configuration) else { continue }
                previous = (update.snapshot, state.version)
                console.publish(ConsoleContent(snapshot: update.snapshot, simulation: update.simulation,
                                               generation: update.generation + 1))
                console.render(into: &grid)
                cluster.pods[index].podIP = address
            case .created:
                // As the store delivers it: appended (`ReflectorStore.Order.stablePositions`).
                var pod = cluster.pods[index]
                pod.metadata.name += "-bench-\(event)"
                (pod.podIP, pod.podIPs, pod.nodeName, pod.phase, pod.ready) = (nil, [], nil, "Pending", false)
                name = pod.qualifiedName
                cluster.pods.append(pod)
            case .deleted:
                cluster.pods.swapAt(index, cluster.pods.count - 1)
                cluster.pods.removeLast()
            }
            let changes = ObjectChanges([.pod: .keys([name])])
            let fold = clock.measure { state.apply(cluster: cluster, status: status, changes: changes) }
            // The publisher's work split in two: the Snapshot alone (derived from the previous one
            // as the publisher does), then Snapshot + prepared Simulation.
            let snapshotOnly = clock.measure {
                _ = state.snapshot(configuration: configuration, updating: previous.snapshot,
                                   changes: state.changes(since: previous.version))
            }
            var update: LiveUpdate?
            let publish = clock.measure { update = publisher.update(for: state, configuration: configuration) }
            guard let update else { continue }
            previous = (update.snapshot, state.version)
            let frame = clock.measure {
                console.publish(ConsoleContent(snapshot: update.snapshot, simulation: update.simulation,
                                               generation: update.generation + 1))
                console.render(into: &grid)
            }
            best = (min(best.fold, fold.seconds), min(best.snapshot, snapshotOnly.seconds),
                    min(best.simulation, max(0, publish.seconds - snapshotOnly.seconds)), min(best.publish, publish.seconds),
                    min(best.frame, frame.seconds))
        }
        report.figure("fold into the live state (changes named: no whole-cluster comparison)", Format.milliseconds(best.fold))
        report.figure("new Snapshot (derived from the previous one)", Format.milliseconds(best.snapshot))
        report.figure("its Simulation prepared", Format.milliseconds(best.simulation))
        report.figure("console: take the content, model, first frame", Format.milliseconds(best.frame))
        let total = best.fold + best.publish + best.frame
        report.budget("one pod event (\(kind.rawValue)) → Snapshot + Simulation + console frame (best of 5)",
                      Format.milliseconds(total), budget: "≤ 20 ms", passed: total <= 0.02)
    }

    /// The same AWS state as a new poll decodes it: equal values in fresh arrays.
    static func decodedAgain(_ aws: AWSState) -> AWSState {
        AWSState(vpcs: aws.vpcs.map { $0 }, subnets: aws.subnets.map { $0 },
                 subnetCidrReservations: aws.subnetCidrReservations.map { $0 }, elasticIPs: aws.elasticIPs.map { $0 },
                 networkInterfaces: aws.networkInterfaces.map { $0 }, instances: aws.instances.map { $0 },
                 routeTables: aws.routeTables.map { $0 }, natGateways: aws.natGateways.map { $0 })
    }
}
