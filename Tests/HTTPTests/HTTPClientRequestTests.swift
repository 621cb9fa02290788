import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: requests")
struct HTTPClientRequestTests {
    private let client = HTTPClient()

    @Test("a GET returns status, headers and body")
    func getReturnsTheResponse() async throws {
        let peer = try await TestPeers.echo()
        let response = try await client.send(TestPeers.request(peer.string("url") + "/echo?x=1"))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let echoed = try TestPeers.object(response.body)
        #expect(echoed["method"] as? String == "GET")
        #expect(echoed["path"] as? String == "/echo?x=1")
    }

    @Test("a POST sends the body byte for byte, with exactly the caller's content type")
    func postSendsTheBodyExactly() async throws {
        let peer = try await TestPeers.echo()
        let body: [UInt8] = Array("Action=DescribeVpcs&Version=2016-11-15&NextToken=a%2Bb%2F%3D".utf8) + [0, 255, 10]
        let response = try await client.send(TestPeers.request(
            peer.string("url") + "/echo", method: "POST",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body))
        let echoed = try TestPeers.object(response.body)
        #expect(echoed["method"] as? String == "POST")
        #expect(Data(base64Encoded: echoed["body"] as? String ?? "") == Data(body))
        let headers = try #require(echoed["headers"] as? [[String]])
        #expect(headers.filter { $0[0].lowercased() == "content-type" }.map { $0[1] }
            == ["application/x-www-form-urlencoded; charset=utf-8"])
        #expect(!headers.contains { $0[0].lowercased() == "expect" })
    }

    @Test("a PUT without a body sends Content-Length 0 and no content type (the IMDSv2 token request)")
    func emptyPutSendsNoContentType() async throws {
        let peer = try await TestPeers.echo()
        let response = try await client.send(TestPeers.request(
            peer.string("url") + "/echo", method: "PUT",
            headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
        let echoed = try TestPeers.object(response.body)
        #expect(echoed["method"] as? String == "PUT")
        let headers = try #require(echoed["headers"] as? [[String]])
        #expect(headers.contains(["Content-Length", "0"]))
        #expect(headers.contains(["X-aws-ec2-metadata-token-ttl-seconds", "21600"]))
        #expect(!headers.contains { $0[0].lowercased() == "content-type" })
    }

    @Test("headers go out in the caller's order, with the client's User-Agent unless the caller sets one")
    func headersAndUserAgent() async throws {
        let peer = try await TestPeers.echo()
        let named = HTTPClient(userAgent: "gatewatch/test")
        let first = try await named.send(TestPeers.request(
            peer.string("url") + "/echo", headers: [HTTPHeader("X-One", "1"), HTTPHeader("X-Two", "2")]))
        let firstHeaders = try #require(try TestPeers.object(first.body)["headers"] as? [[String]])
        #expect(firstHeaders.contains(["User-Agent", "gatewatch/test"]))
        let order = firstHeaders.map { $0[0] }.filter { $0.hasPrefix("X-") }
        #expect(order == ["X-One", "X-Two"])

        let second = try await named.send(TestPeers.request(
            peer.string("url") + "/echo", headers: [HTTPHeader("User-Agent", "kubectl/v1.32.3")]))
        let secondHeaders = try #require(try TestPeers.object(second.body)["headers"] as? [[String]])
        #expect(secondHeaders.filter { $0[0] == "User-Agent" }.map { $0[1] } == ["kubectl/v1.32.3"])
    }

    @Test("an error status is a response, not an error")
    func errorStatusIsAResponse() async throws {
        let peer = try await TestPeers.echo()
        let response = try await client.send(TestPeers.request(peer.string("url") + "/status?code=503"))
        #expect(response.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self) == "status 503")
    }

    @Test("thirty requests in parallel all complete on the one I/O thread")
    func parallelRequests() async throws {
        let peer = try await TestPeers.echo()
        let base = try peer.string("url")
        let client = self.client
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<30 {
                group.addTask {
                    let response = try await client.send(TestPeers.request(base + "/echo?n=\(index)"))
                    return try TestPeers.object(response.body)["path"] as? String ?? ""
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(paths == Set((0..<30).map { "/echo?n=\($0)" }))
    }
}

@Suite("HTTP client: connections")
struct HTTPClientConnectionTests {
    @Test("sequential requests to one host reuse one connection")
    func connectionIsReused() async throws {
        let peer = try await TestPeers.echo()
        let client = HTTPClient()
        for index in 0..<5 {
            let response = try await client.send(TestPeers.request(peer.string("url") + "/echo?n=\(index)"))
            #expect(response.status == 200)
        }
        // The counters are read over a connection of their own (the shared client).
        #expect(try await TestPeers.stats(peer)["connections"] == 2)
    }
}
