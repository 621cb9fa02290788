import Foundation
import HTTP
import PeerSupport

/// The loopback peers these tests talk to, and small helpers around them.
enum TestPeers {
    /// `Tests/Peers/http_echo.py`: echo, hold/release, stalls, resets, a proxy and a refusing proxy.
    static func echo() throws -> PeerProcess {
        try PeerProcess(script: "http_echo.py", arguments: [])
    }

    /// `Tests/Peers/kube_standin.py` on the demo bundle: TLS, bearer tokens, client certificates, watches.
    static func kube(_ extra: [String] = []) throws -> PeerProcess {
        let bundle = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
        return try PeerProcess(script: "kube_standin.py", arguments: ["--bundle", bundle] + extra)
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

    /// The echo peer's counters (`holdsOpen`, `holdsClosedByClient`, `proxied`, `tunnels`).
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
