import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: compression")
struct HTTPClientCompressionTests {
    private let client = HTTPClient()

    /// The bytes `/bytes?n=N` serves.
    private func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(($0 * 7 + $0 / 251) % 256) }
    }

    @Test("a gzip response is inflated transparently")
    func gzipIsInflated() async throws {
        let peer = try await TestPeers.echo()
        let response = try await client.send(TestPeers.request(peer.string("url") + "/bytes?n=300000"))
        #expect(response.header("Content-Encoding") == "gzip")
        #expect(response.body == pattern(300_000))
    }

    @Test("without acceptCompressed the server is not asked for gzip")
    func noCompressionWhenNotAccepted() async throws {
        let peer = try await TestPeers.echo()
        var request = try TestPeers.request(peer.string("url") + "/bytes?n=1000")
        request.acceptCompressed = false
        let response = try await client.send(request)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.body == pattern(1000))
    }

    @Test("a large Kubernetes list arrives gzipped from the API server and decodes as JSON")
    func kubernetesListIsInflated() async throws {
        let peer = try await TestPeers.kube(["--pods", "100"])
        let response = try await client.send(TestPeers.kubeRequest(peer, path: "/api/v1/pods"))
        #expect(response.status == 200)
        #expect(response.header("Content-Encoding") == "gzip")
        let list = try TestPeers.object(response.body)
        #expect((list["items"] as? [Any])?.count ?? 0 >= 100)
    }
}
