import Foundation
import HTTP
import Inventory
import Kube
import TestSupport
import Synchronization

/// The Kubernetes API stand-in (`Tests/Peers/kube_standin.py`) serving the demo bundle for one test.
final class StandIn: @unchecked Sendable {
    let peer: PeerProcess
    let kubeconfig: String
    let kubeconfigInline: String
    let adminURL: String
    let token: String
    let transport = HTTPClient()

    static let demoBundle = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path

    init(_ arguments: [String] = []) throws {
        peer = try PeerProcess(script: "kube_standin.py",
                               arguments: ["--bundle", Self.demoBundle, "--port", "0", "--bookmark-interval", "1"] + arguments)
        kubeconfig = try peer.string("kubeconfig")
        kubeconfigInline = try peer.string("kubeconfigInline")
        adminURL = try peer.string("adminUrl")
        token = try peer.string("token")
    }

    deinit { peer.stop() }

    /// The connection for one of the kubeconfig's contexts.
    func connection(_ context: String = "token", inline: Bool = false) throws -> KubeConnection {
        try KubeConfigLoader.load(kubeconfigPath: inline ? kubeconfigInline : kubeconfig, context: context,
                                  environment: ["PATH": "/usr/bin:/bin"])
    }

    /// A source for a context, with short test delays.
    func source(_ context: String = "token", pageSize: Int = 500) throws -> KubeSource {
        KubeSource(connection: try connection(context), transport: transport, options: Self.fastOptions(pageSize: pageSize))
    }

    static func fastOptions(pageSize: Int = 500) -> KubeSourceOptions {
        KubeSourceOptions(pageSize: pageSize, backoffBase: .milliseconds(100), backoffCap: .seconds(1),
                          publishInterval: .milliseconds(50))
    }

    /// Sends a request to the admin API and returns the body.
    @discardableResult
    func admin(_ path: String, _ json: String? = nil) async throws -> [UInt8] {
        let request = HTTPRequest(method: json == nil ? "GET" : "POST", url: adminURL + path,
                                  headers: [HTTPHeader("Content-Type", "application/json")],
                                  body: Array((json ?? "").utf8), proxy: .none)
        let response = try await transport.send(request)
        guard response.status == 200 else {
            throw AdminFailure(description: "admin \(path): HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }

    /// One logged API request.
    struct LoggedRequest: Decodable {
        var method: String
        var path: String
        var query: [String: String]
        var watch: Bool
        var status: Int?
    }

    /// The API requests logged so far.
    func requests() async throws -> [LoggedRequest] {
        struct Log: Decodable { var requests: [LoggedRequest] }
        return try JSONDecoder().decode(Log.self, from: Data(try await admin("/requests"))).requests
    }
}

/// Collects what a running `KubeSource` publishes, for polling from a test.
final class LiveRecorder: Sendable {
    private let state = Mutex<(latest: ClusterState?, statuses: [KubeSourceStatus], updates: Int)>((nil, [], 0))

    func record(_ cluster: ClusterState, _ status: KubeSourceStatus) {
        state.withLock {
            $0.latest = cluster
            $0.statuses.append(status)
            $0.updates += 1
        }
    }

    var latest: ClusterState? { state.withLock { $0.latest } }
    var statuses: [KubeSourceStatus] { state.withLock { $0.statuses } }

    /// Waits up to `seconds` for the latest state to satisfy `condition`.
    func wait(seconds: Double = 10, until condition: (ClusterState) -> Bool) async -> ClusterState? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let latest, condition(latest) { return latest }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}

/// `cluster` with its pods in key order, as a list delivers them: between lists the live store
/// keeps pods in stable positions (appended when added), not sorted.
func podsInKeyOrder(_ cluster: ClusterState) -> ClusterState {
    var sorted = cluster
    sorted.pods.sort { $0.qualifiedName < $1.qualifiedName }
    return sorted
}

/// A ClusterState with every list sorted and server-assigned metadata (resourceVersion) removed,
/// for comparing what the API served with what a bundle holds.
func comparable(_ cluster: ClusterState) -> ClusterState {
    func strip(_ meta: ObjectMeta) -> ObjectMeta {
        var meta = meta
        meta.resourceVersion = nil
        return meta
    }
    var c = cluster
    c.namespaces = c.namespaces.map { Namespace(metadata: strip($0.metadata)) }.sorted { $0.name < $1.name }
    c.pods = c.pods.map { var p = $0; p.metadata = strip(p.metadata); return p }.sorted { $0.qualifiedName < $1.qualifiedName }
    c.nodes = c.nodes.map { var n = $0; n.metadata = strip(n.metadata); return n }.sorted { $0.name < $1.name }
    c.egressGateways = c.egressGateways.map { var g = $0; g.metadata = strip(g.metadata); return g }
        .sorted { $0.metadata.qualifiedName < $1.metadata.qualifiedName }
    c.ipPools.sort { $0.name < $1.name }
    c.ipReservations.sort { $0.name < $1.name }
    c.policies.sort { $0.name < $1.name }
    c.ipamBlocks.sort { $0.cidr < $1.cidr }
    c.blockAffinities.sort { ($0.cidr, $0.node) < ($1.cidr, $1.node) }
    c.felixConfigurations.sort { $0.name < $1.name }
    return c
}

/// The stand-in's admin API refused a request.
struct AdminFailure: Error, CustomStringConvertible {
    var description: String
}
