import Foundation
import HTTP
import TestSupport

/// The loopback peers these tests talk to, and small helpers around them.
enum TestPeers {
    /// `Tests/Peers/http_echo.py`: echo, hold/release, stalls, resets, a proxy and a refusing proxy.
    static func echo(_ arguments: [String] = []) async throws -> PeerProcess {
        try await start("http_echo.py", arguments)
    }

    /// `Tests/Peers/kube_standin.py` on the demo bundle: TLS, bearer tokens, client certificates, watches.
    static func kube(_ extra: [String] = []) async throws -> PeerProcess {
        let bundle = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
        return try await start("kube_standin.py", ["--bundle", bundle] + extra)
    }

    /// Starts a peer on a thread of its own: waiting for its ready line blocks, and blocking the
    /// few threads of the cooperative pool would stall every other test's I/O on a 2-core machine.
    private static func start(_ script: String, _ arguments: [String]) async throws -> PeerProcess {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try PeerProcess(script: script, arguments: arguments) })
            }
            thread.start()
        }
    }

    /// A request that never goes through a proxy from the environment (the peers are on loopback).
    static func request(_ url: String, method: String = "GET", headers: [HTTPHeader] = [], body: [UInt8] = [],
                        tls: TLSOptions = TLSOptions(), idleTimeout: Duration? = .seconds(20),
                        totalTimeout: Duration? = .seconds(60)) -> HTTPRequest {
        HTTPRequest(method: method, url: url, headers: headers, body: body, tls: tls, proxy: .none,
                    idleTimeout: idleTimeout, totalTimeout: totalTimeout)
    }

    /// A Kubernetes API request with the stand-in's CA and bearer token.
    static func kubeRequest(_ peer: PeerProcess, path: String) throws -> HTTPRequest {
        try request(peer.string("url") + path,
                    headers: [HTTPHeader("Authorization", "Bearer " + peer.string("token")),
                              HTTPHeader("Accept", "application/json")],
                    tls: TLSOptions(certificateAuthority: .file(peer.string("ca"))))
    }

    /// POSTs JSON to the stand-in's admin API.
    static func admin(_ peer: PeerProcess, _ path: String, _ json: String) async throws {
        let response = try await HTTPClient.shared.send(
            request(peer.string("adminUrl") + path, method: "POST",
                    headers: [HTTPHeader("Content-Type", "application/json")], body: Array(json.utf8)))
        guard response.status == 200 else { throw PeerFailureText("admin \(path) answered \(response.status)") }
    }

    /// The JSON object in `bytes`.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let value = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw PeerFailureText("not a JSON object")
        }
        return value
    }

    /// The bytes of a file.
    static func contents(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The echo peer's counters (`holdsOpen`, `holdsClosedByClient`, `proxied`, `tunnels`, `connections`).
    static func stats(_ peer: PeerProcess) async throws -> [String: Int] {
        let response = try await HTTPClient.shared.send(request(peer.string("url") + "/stats"))
        return try object(response.body).compactMapValues { $0 as? Int }
    }
}

/// A test helper failed.
struct PeerFailureText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
