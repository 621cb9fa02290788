#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP
import Inventory

/// The Kubernetes side of a live Snapshot: one-shot listing for commands, or reflectors that keep
/// a `ClusterState` current for the console. Read-only: only GET (list, watch, discovery) is sent.
///
/// ```swift
/// let connection = try KubeConfigLoader.load(kubeconfigPath: kubeconfig, context: context,
///                                            environment: ProcessInfo.processInfo.environment)
/// connection.warnings.forEach { printToStderr($0) }
/// let source = KubeSource(connection: connection, transport: HTTPClient.shared)
/// let cluster = try await source.fetchOnce()                       // get, trace, snapshot --out
/// await source.run { cluster, status in publish(cluster, status) }  // the console, until cancelled
/// ```
public struct KubeSource: Sendable {
    /// The client (connection and credentials).
    public let client: KubeClient
    /// Page size, backoff and coalescing.
    public let options: KubeSourceOptions

    /// A source for `connection` over `transport` (an `HTTPClient`).
    public init(connection: KubeConnection, transport: any HTTPTransport, options: KubeSourceOptions = KubeSourceOptions()) {
        self.client = KubeClient(connection: connection, transport: transport, readTimeout: options.readTimeout)
        self.options = options
    }

    /// The result of one complete listing.
    public struct Fetch: Sendable {
        /// Every object, each list sorted by `namespace/name`.
        public var cluster: ClusterState
        /// Which API groups were read.
        public var apis: KubeAPIPlan
        /// Resources the server forbids (403) or does not serve (404), left empty, with the error.
        public var unavailable: [String: KubeError]
        /// Objects that failed to decode and were skipped (`Kind namespace/name: what was expected`).
        public var skipped: [String]
    }

    /// Lists everything once with the same reflectors `run` uses, stopping each after its first
    /// successful list (client-go's WaitForCacheSync): discovery, then every resource in pages,
    /// concurrently. A resource whose list keeps failing transiently (transport, 429, 5xx) is given
    /// up after three attempts; resources answering 403/404 are reported in `unavailable`; any
    /// other error, or a resource given up, throws.
    public func fetch() async throws(KubeError) -> Fetch {
        let plan = try await KubeAPIPlan.discover(client: client)
        let board = StatusBoard(context: client.connection.contextName)
        let collectors = plan.resources.map { LiveKind.make($0, client: client, options: options, board: board) }
        let names = plan.resources.map(\.description)
        let failure: KubeError? = await withTaskGroup(of: KubeError?.self) { group in
            for collector in collectors { group.addTask { await collector.runUntilListed(); return nil } }
            // The monitor: a resource that fails for good ends the listing while the others back off.
            group.addTask {
                while true {
                    if let fatal = Self.fatalFailure(board.outcomes()) { return fatal }
                    do { try await Task.sleep(for: .milliseconds(20)) } catch { return nil }
                }
            }
            var listed = 0
            for await result in group {
                if let error = result {
                    group.cancelAll()
                    return error
                }
                listed += 1
                if listed == collectors.count { break }
            }
            group.cancelAll()
            return Self.fatalFailure(board.outcomes())
        }
        if let failure { throw failure }
        var cluster = ClusterState()
        for collector in collectors { collector.apply(&cluster) }
        let outcomes = board.outcomes()
        var unavailable: [String: KubeError] = [:]
        var skipped: [String] = []
        for name in names {
            guard let outcome = outcomes[name] else { continue }
            if let error = outcome.lastError, outcome.consecutiveFailures > 0 { unavailable[name] = error }
            skipped += outcome.skipped
        }
        return Fetch(cluster: cluster, apis: plan, unavailable: unavailable, skipped: skipped.sorted())
    }

    /// Lists everything once and returns the cluster state (see `fetch()`).
    public func fetchOnce() async throws(KubeError) -> ClusterState {
        try await fetch().cluster
    }

    /// Keeps the cluster state current until the calling task is cancelled: discovery (retried
    /// with backoff), then one reflector per resource. `onUpdate` is called once every resource
    /// has been listed, then whenever objects or the status change, at most once per
    /// `options.publishInterval`. It is called from a background task; hand the value over to
    /// the UI thread.
    public func run(onUpdate: @escaping @Sendable (ClusterState, KubeSourceStatus) -> Void) async {
        await run { cluster, _, status in onUpdate(cluster, status) }
    }

    /// As `run(onUpdate:)`, with what changed since the previous call: the objects the watch
    /// events touched, by kind (a relisted resource: any of its objects; the first call: every kind).
    public func run(onChange: @escaping @Sendable (ClusterState, ObjectChanges, KubeSourceStatus) -> Void) async {
        let onUpdate = { (cluster: ClusterState, status: KubeSourceStatus) in onChange(cluster, .everything, status) }
        let board = StatusBoard(context: client.connection.contextName)
        let backoff = Backoff(base: options.backoffBase, cap: options.backoffCap)
        var plan: KubeAPIPlan?
        var attempt = 0
        while plan == nil {
            do {
                plan = try await KubeAPIPlan.discover(client: client)
            } catch {
                attempt += 1
                board.set("discovery", .backingOff(since: Date()))
                board.record(error: error.description)
                onUpdate(ClusterState(), board.current())
                do { try await Task.sleep(for: backoff.delay(attempt: attempt)) } catch { return }
            }
        }
        guard let plan else { return }
        board.set("discovery", .watching)
        board.setAPIs(plan.description)
        let collectors = plan.resources.map { LiveKind.make($0, client: client, options: options, board: board) }
        let names = plan.resources.map(\.description)
        await withTaskGroup(of: Void.self) { group in
            for collector in collectors { group.addTask { await collector.run() } }
            group.addTask {
                var published = false
                while !Task.isCancelled {
                    do { try await Task.sleep(for: options.publishInterval) } catch { return }
                    guard board.allListed(names) else { continue }
                    let changed = collectors.contains { $0.hasChanges }
                    guard changed || board.hasChanges || !published else { continue }
                    var cluster = ClusterState()
                    var changes = ObjectChanges()
                    for collector in collectors { collector.take(&cluster, &changes) }
                    onChange(cluster, published ? changes : .everything, board.current())
                    published = true
                }
            }
            await group.waitForAll()
        }
    }

    /// The error that ends a one-shot listing: a resource that failed for good (not 403/404, which
    /// are shown as unavailable), or that failed transiently three times in a row.
    static func fatalFailure(_ outcomes: [String: StatusBoard.ListOutcome]) -> KubeError? {
        for (_, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            guard let error = outcome.lastError, outcome.consecutiveFailures > 0 else { continue }
            if error.statusCode == 403 || error.statusCode == 404 { continue }
            if !isTransient(error) || outcome.consecutiveFailures >= 3 { return error }
        }
        return nil
    }

    private static func isTransient(_ error: KubeError) -> Bool {
        switch error {
        case .transport(let http): return http != .cancelled
        case .status(let code, _, _, _): return code == 429 || code >= 500 || code == 410
        case .decode, .config, .credential: return false
        }
    }
}

/// A reflector and its store, with the model type erased.
struct LiveKind: Sendable {
    let run: @Sendable () async -> Void
    let runUntilListed: @Sendable () async -> Void
    let hasChangesProbe: @Sendable () -> Bool
    let apply: @Sendable (inout ClusterState) -> Void
    /// Stores the objects in a cluster state and adds what changed since the last take.
    let take: @Sendable (inout ClusterState, inout ObjectChanges) -> Void

    var hasChanges: Bool { hasChangesProbe() }

    static func make(_ resource: KubeResource, client: KubeClient, options: KubeSourceOptions,
                     board: StatusBoard) -> LiveKind {
        func kind<Object: Decodable & Sendable & Equatable & BundleIdentifiable>(
            _ type: Object.Type, order: ReflectorStore<Object>.Order = .sortedByKey,
            _ store: @escaping @Sendable (inout ClusterState, [Object]) -> Void) -> LiveKind {
            let objects = ReflectorStore<Object>(bundleKey: { $0.bundleKey }, same: { $0 == $1 }, order: order)
            let reflector = Reflector<Object>(client: client, resource: resource, options: options, store: objects, board: board)
            return LiveKind(run: { await reflector.run() }, runUntilListed: { await reflector.run(untilListed: true) },
                            hasChangesProbe: { objects.hasChanges },
                            apply: { store(&$0, objects.values()) },
                            take: { cluster, changes in
                                let (values, touched) = objects.take()
                                store(&cluster, values)
                                if let touched {
                                    for key in touched { changes.insert(Object.bundleKind, key: key) }
                                } else {
                                    changes.insertAny(Object.bundleKind)
                                }
                            })
        }
        switch resource.kind {
        case "Namespace": return kind(Namespace.self) { $0.namespaces = $1 }
        // Pods keep their positions between lists: a pod event then touches O(1) positions of
        // the Snapshot's positional indexes (`Snapshot.updating(cluster:changedPods:)`).
        case "Pod": return kind(Pod.self, order: .stablePositions) { $0.pods = $1 }
        case "Node": return kind(Node.self) { $0.nodes = $1 }
        case "IPPool": return kind(IPPool.self) { $0.ipPools = $1 }
        case "IPReservation": return kind(IPReservation.self) { $0.ipReservations = $1 }
        case "EgressGatewayPolicy": return kind(EgressGatewayPolicy.self) { $0.policies = $1 }
        case "IPAMBlock": return kind(IPAMBlock.self) { $0.ipamBlocks = $1 }
        case "BlockAffinity": return kind(BlockAffinity.self) { $0.blockAffinities = $1 }
        case "FelixConfiguration": return kind(FelixConfiguration.self) { $0.felixConfigurations = $1 }
        default: return kind(EgressGateway.self) { $0.egressGateways = $1 }
        }
    }
}
