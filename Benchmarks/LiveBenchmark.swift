#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    }

    /// The same AWS state as a new poll decodes it: equal values in fresh arrays.
    static func decodedAgain(_ aws: AWSState) -> AWSState {
        AWSState(vpcs: aws.vpcs.map { $0 }, subnets: aws.subnets.map { $0 },
                 subnetCidrReservations: aws.subnetCidrReservations.map { $0 }, elasticIPs: aws.elasticIPs.map { $0 },
                 networkInterfaces: aws.networkInterfaces.map { $0 }, instances: aws.instances.map { $0 },
                 routeTables: aws.routeTables.map { $0 }, natGateways: aws.natGateways.map { $0 })
    }
}
