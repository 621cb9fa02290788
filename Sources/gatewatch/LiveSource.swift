import EC2
import Foundation
import HTTP
import Inventory
import Kube

/// The live sources behind a command or the console: the Kubernetes API (kubeconfig) and EC2
/// (the AWS credential chain), with `gatewatch.yaml` and firewall configs from the config
/// directory. Either side may be missing: the other still works, and what failed is said.
struct LiveSource: Sendable {
    let options: LiveOptions
    let environment: [String: String]

    init(options: LiveOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        self.environment = environment
    }

    /// What one listing of both sides found.
    struct Reading: Sendable {
        var cluster = ClusterState()
        var aws = AWSState()
        var context: String?
        var apis: String?
        var region: String?
        /// Problems worth telling (one line each, prefixed `kube:` or `aws:`); never secrets.
        var problems: [String] = []
        var kubeFailed = false
        var awsFailed = false
    }

    // MARK: - One-shot (commands)

    /// Reads both sides once and builds the Snapshot. Throws when neither side could be read.
    func loadSnapshot(report: (String) -> Void) throws -> Snapshot {
        let configuration = LiveConfiguration.load(directory: options.configDirectory, environment: environment)
        configuration.diagnostics.forEach(report)
        let options = self.options
        let environment = self.environment
        let reading = BlockingTask.run { await LiveSource(options: options, environment: environment).read() }
        reading.problems.forEach(report)
        if reading.kubeFailed && reading.awsFailed {
            throw CommandFailure.input("no live source could be read (see above); give --from DIR or --demo for a bundle")
        }
        return snapshot(reading, configuration: configuration)
    }

    func snapshot(_ reading: Reading, configuration: LiveConfiguration) -> Snapshot {
        Snapshot(source: .live(context: [reading.context, reading.apis].compactMap { $0 }.joined(separator: " · ").nonEmpty,
                               account: Set(reading.aws.vpcs.compactMap(\.ownerID)).sorted().first,
                               region: reading.region),
                 cluster: reading.cluster, aws: reading.aws, config: configuration.config,
                 firewallConfigs: configuration.firewallConfigs)
    }

    /// Lists the cluster, then reads EC2 scoped to the nodes' VPCs (the whole region without a cluster).
    func read() async -> Reading {
        var reading = Reading()
        do {
            let connection = try KubeConfigLoader.load(kubeconfigPath: options.kubeconfig, context: options.context,
                                                       environment: environment)
            reading.context = connection.contextName ?? connection.clusterName
            reading.problems += connection.warnings.map { "kube: warning: \($0)" }
            let fetch = try await KubeSource(connection: connection, transport: HTTPClient.shared).fetch()
            reading.cluster = fetch.cluster
            reading.apis = fetch.apis.description
            for (resource, error) in fetch.unavailable.sorted(by: { $0.key < $1.key }) {
                reading.problems.append("kube: \(resource) not read: \(error)")
            }
            reading.problems += fetch.skipped.map { "kube: skipped \($0)" }
        } catch {
            reading.kubeFailed = true
            reading.problems.append("kube: \(error)")
        }
        do {
            let configuration = try AWSConfiguration.resolve(profile: options.profile, region: options.region,
                                                             endpointURL: options.endpointURL, environment: environment)
            let source = EC2Source(configuration: configuration, transport: HTTPClient.shared)
            let result = try await source.fetchOnce(instanceIDs: reading.cluster.nodes.compactMap(\.instanceID))
            reading.aws = result.state
            reading.region = try? await source.region()
            reading.problems += result.problems.map { "aws: \($0)" }
        } catch {
            reading.awsFailed = true
            reading.problems.append("aws: \(error)")
        }
        return reading
    }
}
