import Console
import EC2
import Foundation
import HTTP
import Inventory
import Kube
import Synchronization

/// Keeps the console's Snapshot current from the live sources: Kubernetes reflectors (list,
/// then watch) and EC2 polls, each publishing into one assembler that builds a new Snapshot off
/// the UI thread and hands it over. A failing side keeps its last data, marked stale.
actor LiveFeed {
    private let source: LiveSource
    private let configuration: LiveConfiguration
    private let app: ConsoleApp
    private var cluster = ClusterState()
    private var aws = AWSState()
    private var kubeStatus: KubeSourceStatus?
    private var awsStatus: EC2SourceStatus?
    private var setupProblems: [String] = []
    private var context: String?
    private var dirty = false
    private var building = false

    init(source: LiveSource, configuration: LiveConfiguration, app: ConsoleApp) {
        self.source = source
        self.configuration = configuration
        self.app = app
    }

    /// Starts both sides on background tasks; returns at once.
    nonisolated func start() {
        Task.detached { await self.run() }
    }

    private func run() async {
        let options = source.options
        let environment = source.environment
        await withTaskGroup(of: Void.self) { group in
            do {
                let connection = try KubeConfigLoader.load(kubeconfigPath: options.kubeconfig, context: options.context,
                                                           environment: environment)
                context = connection.contextName ?? connection.clusterName
                setupProblems += connection.warnings.map { "kube: warning: \($0)" }
                let kube = KubeSource(connection: connection, transport: HTTPClient.shared)
                group.addTask { await kube.run { cluster, status in Task { await self.update(cluster: cluster, status: status) } } }
            } catch {
                setupProblems.append("kube: \(error)")
            }
            do {
                let configuration = try AWSConfiguration.resolve(profile: options.profile, region: options.region,
                                                                 endpointURL: options.endpointURL, environment: environment)
                let ec2 = EC2Source(configuration: configuration, transport: HTTPClient.shared)
                group.addTask {
                    await ec2.run(instanceIDs: { self.instanceIDs.withLock { $0 } }, interval: .seconds(options.pollInterval)) { aws, status in
                        Task { await self.update(aws: aws, status: status) }
                    }
                }
            } catch {
                setupProblems.append("aws: \(error)")
            }
            publishStatus()
            await group.waitForAll()
        }
    }

    /// The nodes' instance ids, read by the EC2 poller from its own task.
    nonisolated let instanceIDs = Mutex<[String]>([])

    private func update(cluster: ClusterState, status: KubeSourceStatus) {
        self.cluster = cluster
        kubeStatus = status
        instanceIDs.withLock { $0 = cluster.nodes.compactMap(\.instanceID) }
        changed()
    }

    private func update(aws: AWSState, status: EC2SourceStatus) {
        self.aws = aws
        awsStatus = status
        changed()
    }

    /// Rebuilds the Snapshot; updates that arrive while one is being built are folded into the next.
    private func changed() {
        publishStatus()
        dirty = true
        guard !building else { return }
        building = true
        Task { await self.rebuild() }
    }

    private func rebuild() async {
        while dirty {
            dirty = false
            var reading = LiveSource.Reading(cluster: cluster, aws: aws, context: context, apis: kubeStatus?.apis,
                                             region: awsStatus?.region)
            reading.problems = []
            let snapshot = source.snapshot(reading, configuration: configuration)
            app.publish(snapshot)
            await Task.yield()
        }
        building = false
    }

    private func publishStatus() {
        var failures = setupProblems
        if let failure = kubeStatus?.failure { failures.append(failure) }
        if let awsStatus, awsStatus.phase == .stale { failures.append("aws: \(awsStatus.description)") }
        app.publish(status: SourceStatus(failures: failures))
    }
}
