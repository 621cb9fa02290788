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
        self.client = KubeClient(connection: connection, transport: transport)
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

    /// Lists everything once (discovery, then every resource in pages, concurrently).
    /// Transient failures of a list (transport, 429, 5xx) are retried twice; resources answering
    /// 403/404 are reported in `unavailable`; any other error throws.
    public func fetch() async throws(KubeError) -> Fetch {
        let plan = try await KubeAPIPlan.discover(client: client)
        var cluster = ClusterState()
        var unavailable: [String: KubeError] = [:]
        var skipped: [String] = []
        let results = await withTaskGroup(of: (KubeResource, Result<ListedKind, KubeError>).self) { group in
            for resource in plan.resources {
                group.addTask { (resource, await listResult(resource)) }
            }
            var all: [(KubeResource, Result<ListedKind, KubeError>)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (resource, result) in results {
            switch result {
            case .success(let listed):
                listed.apply(&cluster)
                skipped += listed.failures
            case .failure(let error) where error.statusCode == 403 || error.statusCode == 404:
                unavailable[resource.description] = error
            case .failure(let error):
                throw error
            }
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
                    for collector in collectors { collector.apply(&cluster) }
                    onUpdate(cluster, board.current())
                    published = true
                }
            }
            await group.waitForAll()
        }
    }

    /// Lists one resource, retrying transient failures (transport errors, 429, 5xx) twice with backoff.
    private func listResult(_ resource: KubeResource) async -> Result<ListedKind, KubeError> {
        let backoff = Backoff(base: options.backoffBase, cap: options.backoffCap)
        var attempt = 0
        while true {
            do {
                return .success(try await listKind(resource))
            } catch {
                attempt += 1
                guard attempt < 3, Self.isTransient(error) else { return .failure(error) }
                do { try await Task.sleep(for: backoff.delay(attempt: attempt)) } catch { return .failure(.transport(.cancelled)) }
            }
        }
    }

    private static func isTransient(_ error: KubeError) -> Bool {
        switch error {
        case .transport(let http): return http != .cancelled
        case .status(let code, _, _, _): return code == 429 || code >= 500
        case .decode, .config, .credential: return false
        }
    }

    private func listKind(_ resource: KubeResource) async throws(KubeError) -> ListedKind {
        func list<Object: Decodable & Sendable>(_ type: Object.Type,
                                                 _ store: @escaping @Sendable (inout ClusterState, [Object]) -> Void)
            async throws(KubeError) -> ListedKind {
            let listing = try await ResourceLister<Object>(client: client, resource: resource, pageSize: options.pageSize).list()
            let values = listing.objects.sorted { $0.key < $1.key }.map(\.value)
            return ListedKind(apply: { store(&$0, values) }, failures: listing.failures)
        }
        switch resource.kind {
        case "Namespace": return try await list(Namespace.self) { $0.namespaces = $1 }
        case "Pod": return try await list(Pod.self) { $0.pods = $1 }
        case "Node": return try await list(Node.self) { $0.nodes = $1 }
        case "IPPool": return try await list(IPPool.self) { $0.ipPools = $1 }
        case "IPReservation": return try await list(IPReservation.self) { $0.ipReservations = $1 }
        case "EgressGatewayPolicy": return try await list(EgressGatewayPolicy.self) { $0.policies = $1 }
        case "IPAMBlock": return try await list(IPAMBlock.self) { $0.ipamBlocks = $1 }
        case "BlockAffinity": return try await list(BlockAffinity.self) { $0.blockAffinities = $1 }
        case "FelixConfiguration": return try await list(FelixConfiguration.self) { $0.felixConfigurations = $1 }
        case "EgressGateway": return try await list(EgressGateway.self) { $0.egressGateways = $1 }
        default: return ListedKind(apply: { _ in }, failures: [])
        }
    }
}

/// One resource's listed objects, ready to be put into a ClusterState.
struct ListedKind: Sendable {
    let apply: @Sendable (inout ClusterState) -> Void
    let failures: [String]
}

/// A reflector and its store, with the model type erased.
struct LiveKind: Sendable {
    let run: @Sendable () async -> Void
    let hasChangesProbe: @Sendable () -> Bool
    let apply: @Sendable (inout ClusterState) -> Void

    var hasChanges: Bool { hasChangesProbe() }

    static func make(_ resource: KubeResource, client: KubeClient, options: KubeSourceOptions,
                     board: StatusBoard) -> LiveKind {
        func kind<Object: Decodable & Sendable>(_ type: Object.Type,
                                                 _ store: @escaping @Sendable (inout ClusterState, [Object]) -> Void) -> LiveKind {
            let objects = ReflectorStore<Object>()
            let reflector = Reflector<Object>(client: client, resource: resource, options: options, store: objects, board: board)
            return LiveKind(run: { await reflector.run() }, hasChangesProbe: { objects.hasChanges },
                            apply: { store(&$0, objects.values()) })
        }
        switch resource.kind {
        case "Namespace": return kind(Namespace.self) { $0.namespaces = $1 }
        case "Pod": return kind(Pod.self) { $0.pods = $1 }
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
