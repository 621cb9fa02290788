import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: failures are typed")
struct HTTPClientErrorTests {
    private let client = HTTPClient()

    /// The error `send` throws, or nil when a response came.
    private func failure(_ request: HTTPRequest) async -> HTTPError? {
        await Self.failure(client, request)
    }

    private static func failure(_ client: HTTPClient, _ request: HTTPRequest) async -> HTTPError? {
        do {
            _ = try await client.send(request)
            return nil
        } catch {
            return error
        }
    }

    /// A loopback port nobody listens on.
    private func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw PeerFailureText("cannot bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("a URL that is not http or https is invalid, before anything is sent")
    func invalidURL() async throws {
        #expect(await failure(TestPeers.request("ftp://example.com/file")) == .invalidURL("ftp://example.com/file"))
        guard case .invalidURL? = await failure(TestPeers.request("not a url")) else {
            Issue.record("a malformed URL was accepted")
            return
        }
    }

    @Test("a refused connection is a connect error naming the host")
    func connectionRefused() async throws {
        let port = try closedPort()
        guard case .connect(let host, _)? = await failure(TestPeers.request("http://127.0.0.1:\(port)/")) else {
            Issue.record("not a connect error")
            return
        }
        #expect(host == "127.0.0.1")
    }

    @Test("a name that does not resolve is a DNS error")
    func unresolvableName() async throws {
        guard case .dns(let host, _)? = await failure(TestPeers.request("https://gatewatch-test.invalid/")) else {
            Issue.record("not a DNS error")
            return
        }
        #expect(host == "gatewatch-test.invalid")
    }

    @Test("no response headers within the idle timeout is a timeout")
    func idleBeforeHeaders() async throws {
        let peer = try await TestPeers.echo()
        let url = try peer.string("url")
        let error = await failure(TestPeers.request(url + "/stall?seconds=10", idleTimeout: .milliseconds(300)))
        guard case .timeout(_, let detail)? = error else {
            Issue.record("not a timeout: \(String(describing: error))")
            return
        }
        #expect(detail == "no data for 300 ms")
    }

    @Test("a body that stops arriving is an idle timeout")
    func idleMidBody() async throws {
        let peer = try await TestPeers.echo()
        let url = try peer.string("url")
        let error = await failure(TestPeers.request(url + "/stall-body?seconds=10", idleTimeout: .milliseconds(300)))
        #expect(error == .timeout(host: "127.0.0.1", detail: "no data for 300 ms"))
    }

    @Test("an exchange longer than the total timeout is a timeout")
    func totalTimeout() async throws {
        let peer = try await TestPeers.echo()
        let url = try peer.string("url")
        let error = await failure(TestPeers.request(url + "/stall?seconds=10", idleTimeout: nil,
                                                    totalTimeout: .milliseconds(400)))
        #expect(error == .timeout(host: "127.0.0.1", detail: "no complete response within 400 ms"))
    }

    @Test("a connection closed mid-body is a transfer error")
    func resetMidBody() async throws {
        let peer = try await TestPeers.echo()
        let url = try peer.string("url")
        guard case .transfer(let host, let code, _)? = await failure(TestPeers.request(url + "/reset")) else {
            Issue.record("not a transfer error")
            return
        }
        #expect(host == "127.0.0.1")
        #expect(code == 18)  // CURLE_PARTIAL_FILE
    }

    @Test("cancelling the task that sends aborts the request with cancelled")
    func cancellation() async throws {
        let peer = try await TestPeers.echo()
        let request = try TestPeers.request(peer.string("url") + "/stall?seconds=30", idleTimeout: nil, totalTimeout: nil)
        let client = self.client
        let task = Task { await Self.failure(client, request) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        #expect(await task.value == .cancelled)
    }

    @Test("a task cancelled before sending gets cancelled without a request")
    func cancelledBeforeSending() async throws {
        let peer = try await TestPeers.echo()
        let request = try TestPeers.request(peer.string("url") + "/echo")
        let client = self.client
        let task = Task { () -> HTTPError? in
            withUnsafeCurrentTask { $0?.cancel() }
            return await Self.failure(client, request)
        }
        #expect(await task.value == .cancelled)
    }
}
