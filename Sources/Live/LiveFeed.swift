#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EC2
import HTTP
import Inventory
import Kube
import Simulator
import Synchronization

/// The one producer of Snapshots from the live sources. Kubernetes reflectors (list, then watch)
/// and EC2 polls hand their newest state to one `LiveState`; one builder makes a new Snapshot and
/// Simulation only when that state changed and publishes them with the sources' typed health.
/// A failing side keeps its last data, marked stale; a side that cannot start leaves the other
/// working.
///
/// ```swift
/// let feed = LiveFeed(settings: settings, configuration: LiveConfiguration.load(settings.configDirectory))
/// let first = await feed.first()                      // one-shot commands
/// await feed.run { update in console.publish(update) } // the console, until cancelled
/// ```
public final class LiveFeed: Sendable {
    private let settings: LiveSettings
    /// The configuration and whether the builder must rebuild for it (`reload(configuration:)`).
    private let configurationState: Mutex<(configuration: LiveConfiguration, changed: Bool)>
    private var configuration: LiveConfiguration { configurationState.withLock { $0.configuration } }
    private let transport: any HTTPTransport
    private let state: Mutex<LiveState>
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    /// A feed over `transport` (the process's libcurl client by default).
    public init(settings: LiveSettings, configuration: LiveConfiguration, transport: any HTTPTransport = HTTPClient.shared) {
        self.settings = settings
        configurationState = Mutex((configuration, false))
        self.transport = transport
        state = Mutex(LiveState(context: settings.context))
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The Snapshot to show before any source answered: the configuration, nothing else.
    public func placeholder() -> LiveUpdate {
        let snapshot = state.withLock { $0 }.snapshot(configuration: configuration)
        return LiveUpdate(snapshot: snapshot, simulation: Simulation(snapshot: snapshot), health: .ok, generation: 0)
    }

    // MARK: - One-shot

    /// Lists the cluster once (every reflector until it has listed, as client-go's
    /// WaitForCacheSync), then polls EC2 once scoped to the nodes' VPCs, folds both and builds
    /// the update. Each side has synced or failed once when it returns.
    public func first() async -> LiveUpdate {
        if let connection = connectKube() {
            do {
                let fetch = try await KubeSource(connection: connection, transport: transport).fetch()
                var status = KubeSourceStatus(phase: .connected, apis: fetch.apis.description,
                                              context: connection.contextName,
                                              unavailable: fetch.unavailable.keys.sorted())
                if let first = fetch.skipped.first {
                    status.lastError = "\(fetch.skipped.count) object(s) skipped; \(first)"
                }
                state.withLock { $0.apply(cluster: fetch.cluster, status: status) }
                for (resource, error) in fetch.unavailable.sorted(by: { $0.key < $1.key }) {
                    state.withLock { $0.noteWarning("kube: \(resource) not read: \(error)") }
                }
                for skipped in fetch.skipped { state.withLock { $0.noteWarning("kube: skipped \(skipped)") } }
            } catch {
                state.withLock { $0.setupFailed(.kube, error.description) }
            }
        }
        if let source = connectAWS() {
            let instanceIDs = state.withLock { $0.cluster.nodes.compactMap(\.instanceID) }
            do {
                let result = try await source.fetchOnce(instanceIDs: instanceIDs)
                let region = try? await source.region()
                state.withLock {
                    $0.apply(aws: result.state, status: EC2SourceStatus(phase: .live, lastSuccess: Date(),
                                                                        problems: result.problems, region: region))
                }
            } catch {
                state.withLock { $0.setupFailed(.aws, error.description) }
            }
        }
        var publisher = LivePublisher(preparesSimulation: false)
        let folded = state.withLock { $0 }
        return publisher.update(for: folded, configuration: configuration) ?? placeholder()
    }

    /// What the one-shot problems were: setup warnings, unread resources, failed operations,
    /// one line each, for stderr.
    public func problems() -> [String] {
        let folded = state.withLock { $0 }
        var lines = folded.warnings
        for kind in SourceHealth.Source.Kind.allCases {
            if let why = folded.setupFailures[kind] { lines.append("\(kind.rawValue): \(why)") }
        }
        if let status = folded.awsStatus {
            lines += status.problems.map { "aws: \($0)" }
        }
        return lines
    }

    /// True when the one-shot read has no data of the EC2 `operation` (`DescribeAddresses`): the
    /// AWS side could not be read, or that operation failed (throttled, denied, unreadable).
    public func hasNoData(of operation: String) -> Bool {
        state.withLock { folded in
            guard folded.setupFailures[.aws] == nil, let status = folded.awsStatus else { return true }
            return status.problems.contains { $0.operation == operation }
        }
    }

    /// True when neither side could be read at all (a one-shot command then fails).
    public var nothingRead: Bool {
        state.withLock { $0.setupFailures.count == 2 }
    }

    // MARK: - Continuous

    /// Runs both sides and the builder until the calling task is cancelled, calling `publish`
    /// from a background task with every update worth showing.
    public func run(publish: @escaping @Sendable (LiveUpdate) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.build(publish) }
            if let connection = connectKube() {
                let kube = KubeSource(connection: connection, transport: transport)
                group.addTask {
                    await kube.run(onChange: { cluster, changes, status in
                        self.state.withLock { $0.apply(cluster: cluster, status: status, changes: changes) }
                        self.wake.yield()
                    })
                }
            }
            if let ec2 = connectAWS() {
                let interval = settings.pollInterval
                group.addTask {
                    await ec2.run(instanceIDs: { self.state.withLock { $0.cluster.nodes.compactMap(\.instanceID) } },
                                  interval: interval) { aws, status in
                        self.state.withLock { $0.apply(aws: aws, status: status) }
                        self.wake.yield()
                    }
                }
            }
            if let directory = configuration.directory.path {
                let initial = configuration.firewallConfigs
                let interval = settings.firewallPollInterval
                group.addTask { await self.watchFirewallFiles(directory: directory, initial: initial, interval: interval) }
            }
            wake.yield()
            await group.waitForAll()
        }
    }

    /// Replaces the configuration (`gatewatch.yaml`, `firewall/` read again, as `record` does on
    /// SIGHUP): the next update is a new Snapshot built with it.
    public func reload(configuration: LiveConfiguration) {
        configurationState.withLock { $0 = (configuration, true) }
        wake.yield()
    }

    /// Looks at `firewall/` every `interval` until cancelled; a changed config or capture (or a
    /// version that cannot be used) wakes the builder.
    private func watchFirewallFiles(directory: String, initial: [FirewallConfigFile], interval: Duration) async {
        var watcher = FirewallFileWatcher(configurationDirectory: directory, initial: initial)
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            guard watcher.poll() else { continue }
            let (configs, status) = (watcher.configs, watcher.status)
            state.withLock { $0.apply(firewallConfigs: configs, status: status) }
            wake.yield()
        }
    }

    /// Publishes what changed for each wake-up; wake-ups during a build fold into one.
    private func build(_ publish: @Sendable (LiveUpdate) -> Void) async {
        var publisher = LivePublisher()
        for await _ in wakes {
            let folded = state.withLock { $0 }
            let (configuration, changed) = configurationState.withLock { current in
                defer { current.changed = false }
                return current
            }
            if changed { publisher.invalidate() }
            if let update = publisher.update(for: folded, configuration: configuration) { publish(update) }
        }
    }

    // MARK: - Setup

    private func connectKube() -> KubeConnection? {
        do {
            let connection = try KubeConfigLoader.load(kubeconfigPath: settings.kubeconfig, context: settings.context,
                                                       environment: settings.environment)
            state.withLock { $0.connected(context: connection.contextName ?? connection.clusterName,
                                          warnings: connection.warnings) }
            return connection
        } catch {
            state.withLock { $0.setupFailed(.kube, error.description) }
            return nil
        }
    }

    private func connectAWS() -> EC2Source? {
        do {
            let configuration = try AWSConfiguration.resolve(profile: settings.profile, region: settings.region,
                                                             endpointURL: settings.endpointURL,
                                                             environment: settings.environment)
            return EC2Source(configuration: configuration, transport: transport)
        } catch {
            state.withLock { $0.setupFailed(.aws, error.description) }
            return nil
        }
    }
}
