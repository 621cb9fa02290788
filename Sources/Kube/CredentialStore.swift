#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import HTTP
import Inventory

/// Hands out the credentials for each request: the static token, the token file's current
/// contents, or an exec plugin's credential cached until shortly before it expires. A 401 makes
/// the next request read the file or run the plugin again. Concurrent requests share one plugin
/// run, which happens on a Dispatch thread so it never blocks the concurrency pool.
actor CredentialStore {
    /// The bearer token (if any), the TLS options (with an exec plugin's client certificate) and
    /// when they expire.
    struct Material: Sendable {
        var bearer: String?
        var tls: TLSOptions
        var expiration: Date?
    }

    private let connection: KubeConnection
    private var cached: Material?
    /// The load in flight and its generation.
    private var inFlight: (task: Task<Result<Material, KubeError>, Never>, generation: Int)?
    /// How many loads were started, and which one `cached` came from: a caller that resumes late
    /// from an older load never puts its older credential back over a newer one.
    private var loads = 0
    private var cachedGeneration = 0
    private let clock: @Sendable () -> Date

    init(connection: KubeConnection, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.connection = connection
        self.clock = clock
    }

    /// True when a 401 is worth one retry with fresh credentials.
    var canRefresh: Bool {
        switch connection.credential {
        case .tokenFile, .exec: true
        case .none, .token: false
        }
    }

    /// The credentials to use now. Credentials expiring within 10 s count as expired.
    func material() async throws(KubeError) -> Material {
        if let cached, cached.expiration.map({ clock() < $0.addingTimeInterval(-10) }) ?? true {
            return cached
        }
        let task: Task<Result<Material, KubeError>, Never>
        let generation: Int
        if let inFlight {
            (task, generation) = inFlight
        } else {
            let connection = connection
            task = Task { await Self.load(connection) }
            loads += 1
            generation = loads
            inFlight = (task, generation)
        }
        return try accept(await task.value, generation: generation).get()
    }

    /// Takes the result of load `generation`: a success is cached unless a newer load already
    /// delivered (then the newer one is returned).
    func accept(_ result: Result<Material, KubeError>, generation: Int) -> Result<Material, KubeError> {
        if inFlight?.generation == generation { inFlight = nil }
        guard case .success(let material) = result else { return result }
        guard generation >= cachedGeneration else { return cached.map { .success($0) } ?? result }
        cachedGeneration = generation
        cached = material
        return result
    }

    /// Forgets the cached credential after the server rejected it.
    func invalidate() {
        cached = nil
    }

    private static func runPlugin(_ spec: ExecPluginSpec) -> Result<ExecCredentialPlugin.Credential, KubeError> {
        do {
            return .success(try ExecCredentialPlugin.run(spec))
        } catch {
            return .failure(error)
        }
    }

    private static func load(_ connection: KubeConnection) async -> Result<Material, KubeError> {
        var tls = connection.tls
        switch connection.credential {
        case .none:
            return .success(Material(bearer: nil, tls: tls))
        case .token(let token):
            return .success(Material(bearer: token, tls: tls))
        case .tokenFile(let path):
            guard let data = InputFile.bytes(path, limit: InputLimits.maxConfigFileBytes) else {
                return .failure(.credential("cannot read token file \(path)"))
            }
            let token = String(String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace })
            guard !token.isEmpty else { return .failure(.credential("token file \(path) is empty")) }
            return .success(Material(bearer: token, tls: tls))
        case .exec(let spec):
            let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ExecCredentialPlugin.Credential, KubeError>, Never>) in
                DispatchQueue.global().async { continuation.resume(returning: runPlugin(spec)) }
            }
            switch outcome {
            case .failure(let error):
                return .failure(error)
            case .success(let credential):
                if let certificate = credential.clientCertificate, let key = credential.clientKey {
                    tls.clientCertificate = .data(certificate)
                    tls.clientKey = .data(key)
                }
                return .success(Material(bearer: credential.token, tls: tls, expiration: credential.expiration))
            }
        }
    }
}
