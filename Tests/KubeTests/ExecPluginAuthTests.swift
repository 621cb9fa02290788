import Foundation
import HTTP
import Kube
import Testing

@Suite("exec plugin authentication against the stand-in", .serialized)
struct ExecPluginAuthTests {
    /// A plugin printing the token in `dir/current`, counting its runs in `dir/runs`, with an
    /// expiry `expiresIn` seconds ahead (none when nil).
    private func execConnection(_ standIn: StandIn, _ dir: TemporaryDirectory, expiresIn: Int?) throws -> KubeConnection {
        let expiry = expiresIn == nil ? "" : #","expirationTimestamp":"%s""#
        let expiryArgument = expiresIn.map { #" "$(date -u -d '+\#($0) seconds' +%Y-%m-%dT%H:%M:%SZ)""# } ?? ""
        let script = try dir.write("plugin.sh", """
            #!/bin/sh
            echo run >> "\(dir.path)/runs"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"\(expiry)}}' "$(cat "\(dir.path)/current")"\(expiryArgument)
            """, executable: true)
        var connection = try standIn.connection("token")
        connection.credential = .exec(ExecPluginSpec(apiVersion: "client.authentication.k8s.io/v1", command: script,
                                                     environment: ["PATH": "/usr/bin:/bin"]))
        return connection
    }

    private func runs(_ dir: TemporaryDirectory) -> Int {
        ((try? String(contentsOfFile: dir.path + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test("the plugin's token authenticates and is cached while it has no expiry")
    func tokenIsCachedWithoutExpiry() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-token-one")
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-one","user":"exec-user"}"#)
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: nil), transport: standIn.transport)
        _ = try await client.get("/api/v1/namespaces")
        _ = try await client.get("/api/v1/namespaces")
        #expect(runs(dir) == 1)
    }

    @Test("a credential about to expire is fetched again before the next request")
    func expiringCredentialIsRefreshed() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-token-one")
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-one","user":"exec-user"}"#)
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: 5), transport: standIn.transport)
        _ = try await client.get("/api/v1/namespaces")
        _ = try await client.get("/api/v1/namespaces")
        #expect(runs(dir) == 2)
    }

    @Test("a credential far from expiry is reused")
    func validCredentialIsReused() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-token-one")
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-one","user":"exec-user"}"#)
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: 3600), transport: standIn.transport)
        _ = try await client.get("/api/v1/namespaces")
        _ = try await client.get("/api/v1/namespaces")
        #expect(runs(dir) == 1)
    }

    @Test("a 401 re-runs the plugin once and retries with the new token")
    func unauthorizedReRunsPlugin() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-token-one")
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-one","user":"exec-user"}"#)
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: nil), transport: standIn.transport)
        _ = try await client.get("/api/v1/namespaces")
        try await standIn.admin("/tokens", #"{"action":"expire","token":"exec-token-one"}"#)
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-two","user":"exec-user"}"#)
        try dir.write("current", "exec-token-two")
        let body = try await client.get("/api/v1/namespaces")
        #expect(!body.isEmpty)
        #expect(runs(dir) == 2)
    }

    @Test("a plugin whose token stays rejected gives a 401 that names no token")
    func persistentUnauthorizedFails() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-never-valid-token")
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: nil), transport: standIn.transport)
        do {
            _ = try await client.get("/api/v1/namespaces")
            Issue.record("expected an error")
        } catch {
            #expect(error.statusCode == 401)
            #expect(!error.description.contains("exec-never-valid-token"))
        }
        #expect(runs(dir) == 2)
    }

    @Test("concurrent requests share one plugin run")
    func concurrentRequestsShareOneRun() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("current", "exec-token-one")
        try await standIn.admin("/tokens", #"{"action":"add","token":"exec-token-one","user":"exec-user"}"#)
        let client = KubeClient(connection: try execConnection(standIn, dir, expiresIn: nil), transport: standIn.transport)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 { group.addTask { try await client.get("/api/v1/namespaces").count } }
            for try await count in group { #expect(count > 0) }
        }
        #expect(runs(dir) == 1)
    }
}
