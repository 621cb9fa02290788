import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: proxies")
struct HTTPClientProxyTests {
    private let client = HTTPClient()

    @Test("an explicit proxy (kubeconfig proxy-url) carries a plain HTTP request")
    func plainRequestThroughProxy() async throws {
        let peer = try await TestPeers.echo()
        var request = try TestPeers.request(peer.string("url") + "/echo")
        request.proxy = try .url(peer.string("proxyUrl"))
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.header("Via") == "1.1 gatewatch-test-proxy")
        #expect(try await TestPeers.stats(peer)["proxied"] == 1)
    }

    @Test("an HTTPS request goes through the proxy in a CONNECT tunnel, TLS still verified end to end")
    func httpsThroughProxy() async throws {
        let echo = try await TestPeers.echo()
        let kube = try await TestPeers.kube()
        var request = try TestPeers.kubeRequest(kube, path: "/api/v1/namespaces")
        request.proxy = try .url(echo.string("proxyUrl"))
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(try await TestPeers.stats(echo)["tunnels"] == 1)
    }

    @Test("a proxy that refuses CONNECT is a proxy error naming the target host")
    func refusingProxy() async throws {
        let echo = try await TestPeers.echo()
        let kube = try await TestPeers.kube()
        var request = try TestPeers.kubeRequest(kube, path: "/api/v1/namespaces")
        request.proxy = try .url(echo.string("refusingProxyUrl"))
        do {
            _ = try await client.send(request)
            Issue.record("the refused tunnel produced a response")
        } catch {
            #expect(error == .proxy(host: "127.0.0.1", detail: "the proxy answered CONNECT with HTTP 403"))
        }
    }

    @Test("a proxy nobody listens on is a proxy error, not a connect error to the target")
    func unreachableProxy() async throws {
        let peer = try await TestPeers.echo()
        var request = try TestPeers.request(peer.string("url") + "/echo")
        request.proxy = .url("http://127.0.0.1:9")
        do {
            _ = try await client.send(request)
            Issue.record("a response came without the proxy")
        } catch {
            guard case .proxy(let host, _) = error else {
                Issue.record("not a proxy error: \(error)")
                return
            }
            #expect(host == "127.0.0.1")
        }
    }
}
