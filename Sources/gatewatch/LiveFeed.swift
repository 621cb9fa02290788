import Console
import EC2
import Foundation
import HTTP
import Inventory
import Kube
import Synchronization

/// Keeps the console's Snapshot current from the live sources: Kubernetes reflectors (list,
/// then watch) and EC2 polls. Each side leaves its newest state in a mailbox (the newest wins,
/// so nothing arrives out of order) and wakes one builder task, which makes a new Snapshot off
/// the UI thread and hands it to the console. A failing side keeps its last data, marked stale.
final class LiveFeed: Sendable {
    private struct Mailbox {
        var cluster = ClusterState()
        var aws = AWSState()
        var kubeStatus: KubeSourceStatus?
        var awsStatus: EC2SourceStatus?
        var setupProblems: [String] = []
        var context: String?
    }

    private let source: LiveSource
    private let configuration: LiveConfiguration
    private let app: ConsoleApp
    private let mailbox = Mutex(Mailbox())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    init(source: LiveSource, configuration: LiveConfiguration, app: ConsoleApp) {
        self.source = source
        self.configuration = configuration
        self.app = app
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Starts both sides and the builder on background tasks; returns at once.
    func start() {
        Task.detached { await self.run() }
    }

    private func run() async {
        let options = source.options
        let environment = source.environment
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.build() }
            do {
                let connection = try KubeConfigLoader.load(kubeconfigPath: options.kubeconfig, context: options.context,
                                                           environment: environment)
                mailbox.withLock {
                    $0.context = connection.contextName ?? connection.clusterName
                    $0.setupProblems += connection.warnings.map { "kube: warning: \($0)" }
                }
                let kube = KubeSource(connection: connection, transport: HTTPClient.shared)
                group.addTask {
                    await kube.run { cluster, status in
                        self.mailbox.withLock {
                            $0.cluster = cluster
                            $0.kubeStatus = status
                        }
                        self.wake.yield()
                    }
                }
            } catch {
                mailbox.withLock { $0.setupProblems.append("kube: \(error)") }
            }
            do {
                let configuration = try AWSConfiguration.resolve(profile: options.profile, region: options.region,
                                                                 endpointURL: options.endpointURL, environment: environment)
                let ec2 = EC2Source(configuration: configuration, transport: HTTPClient.shared)
                group.addTask {
                    await ec2.run(instanceIDs: { self.mailbox.withLock { $0.cluster.nodes.compactMap(\.instanceID) } },
                                  interval: .seconds(options.pollInterval)) { aws, status in
                        self.mailbox.withLock {
                            $0.aws = aws
                            $0.awsStatus = status
                        }
                        self.wake.yield()
                    }
                }
            } catch {
                mailbox.withLock { $0.setupProblems.append("aws: \(error)") }
            }
            wake.yield()
            await group.waitForAll()
        }
    }

    /// Builds and publishes a Snapshot for each wake-up; wake-ups during a build fold into one.
    private func build() async {
        for await _ in wakes {
            let state = mailbox.withLock { $0 }
            var failures = state.setupProblems
            if let failure = state.kubeStatus?.failure { failures.append(failure) }
            if let awsStatus = state.awsStatus, awsStatus.phase == .stale { failures.append("aws: \(awsStatus.description)") }
            app.publish(status: SourceStatus(failures: failures))
            let reading = LiveSource.Reading(cluster: state.cluster, aws: state.aws, context: state.context,
                                             apis: state.kubeStatus?.apis, region: state.awsStatus?.region)
            app.publish(source.snapshot(reading, configuration: configuration))
        }
    }
}
