import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: TLS and authentication against the Kubernetes stand-in")
struct HTTPClientTLSTests {
    private let client = HTTPClient()

    private func get(_ peer: PeerProcess, _ tls: TLSOptions, token: String? = nil,
                     host: String = "127.0.0.1") async throws(HTTPError) -> HTTPResponse {
        let url = "https://\(host):\((try? peer.int("port")) ?? 0)/api/v1/namespaces"
        let headers = token.map { [HTTPHeader("Authorization", "Bearer \($0)")] } ?? []
        return try await client.send(TestPeers.request(url, headers: headers, tls: tls))
    }

    @Test("the cluster CA from a file verifies the server, and a bearer token authenticates")
    func caFileAndToken() async throws {
        let peer = try await TestPeers.kube()
        let response = try await get(peer, TLSOptions(certificateAuthority: .file(peer.string("ca"))),
                                     token: peer.string("token"))
        #expect(response.status == 200)
        #expect(try TestPeers.object(response.body)["kind"] as? String == "NamespaceList")
    }

    @Test("the cluster CA given inline (certificate-authority-data) verifies the server")
    func caInline() async throws {
        let peer = try await TestPeers.kube()
        let ca = try TestPeers.contents(peer.string("ca"))
        let response = try await get(peer, TLSOptions(certificateAuthority: .data(ca)), token: peer.string("token"))
        #expect(response.status == 200)
    }

    @Test("a server certificate from a CA we do not trust fails TLS")
    func unknownCAFails() async throws {
        let peer = try await TestPeers.kube()
        let tls = try TLSOptions(certificateAuthority: .file(peer.string("untrustedCa")))
        let token = try peer.string("token")
        do {
            _ = try await get(peer, tls, token: token)
            Issue.record("an untrusted server was accepted")
        } catch {
            guard case .tls(let host, _) = error else {
                Issue.record("not a TLS error: \(error)")
                return
            }
            #expect(host == "127.0.0.1")
        }
    }

    @Test("without verification (insecure-skip-tls-verify) an untrusted server is accepted")
    func insecureSkipVerify() async throws {
        let peer = try await TestPeers.kube()
        let response = try await get(peer, TLSOptions(verifyPeer: false), token: peer.string("token"))
        #expect(response.status == 200)
    }

    @Test("tls-server-name verifies the certificate against that name, not the URL's host")
    func serverNameOverride() async throws {
        let peer = try await TestPeers.kube()
        let ca = try PEMSource.file(peer.string("ca"))
        let good = try await get(peer, TLSOptions(certificateAuthority: ca, serverName: "kubernetes.default.svc"),
                                 token: peer.string("token"))
        #expect(good.status == 200)
        let token = try peer.string("token")
        do {
            _ = try await get(peer, TLSOptions(certificateAuthority: ca, serverName: "not-the-cluster.example"),
                              token: token)
            Issue.record("a certificate for another name was accepted")
        } catch {
            guard case .tls = error else {
                Issue.record("not a TLS error: \(error)")
                return
            }
        }
    }

    @Test("a client certificate and key from files authenticate without a token")
    func clientCertificateFiles() async throws {
        let peer = try await TestPeers.kube()
        let tls = try TLSOptions(certificateAuthority: .file(peer.string("ca")),
                                 clientCertificate: .file(peer.string("clientCert")),
                                 clientKey: .file(peer.string("clientKey")))
        #expect(try await get(peer, tls).status == 200)
    }

    @Test("a client certificate and key given inline (client-*-data) authenticate without a token")
    func clientCertificateInline() async throws {
        let peer = try await TestPeers.kube()
        let tls = try TLSOptions(certificateAuthority: .data(TestPeers.contents(peer.string("ca"))),
                                 clientCertificate: .data(TestPeers.contents(peer.string("clientCert"))),
                                 clientKey: .data(TestPeers.contents(peer.string("clientKey"))))
        #expect(try await get(peer, tls).status == 200)
    }

    @Test("no credentials get the server's 401 Status as a response")
    func unauthenticatedIsAResponse() async throws {
        let peer = try await TestPeers.kube()
        let response = try await get(peer, TLSOptions(certificateAuthority: .file(peer.string("ca"))))
        #expect(response.status == 401)
        let status = try TestPeers.object(response.body)
        #expect(status["kind"] as? String == "Status")
        #expect(status["reason"] as? String == "Unauthorized")
    }

    @Test("inline PEM that is not a key fails TLS setup with a TLS error")
    func badKeyIsATLSError() async throws {
        let peer = try await TestPeers.kube()
        let tls = try TLSOptions(certificateAuthority: .file(peer.string("ca")),
                                 clientCertificate: .data(TestPeers.contents(peer.string("clientCert"))),
                                 clientKey: .data(Array("-----BEGIN PRIVATE KEY-----\nnot a key\n".utf8)))
        do {
            _ = try await get(peer, tls)
            Issue.record("a broken key was accepted")
        } catch {
            guard case .tls = error else {
                Issue.record("not a TLS error: \(error)")
                return
            }
        }
    }
}

@Suite("HTTP client: TLS server name and the Host header")
struct HTTPClientServerNameTests {
    @Test("with tls-server-name the request still names the URL's host and port in Host")
    func hostHeaderKeepsTheURLsHost() async throws {
        let kube = try await TestPeers.kube()
        let echo = try await TestPeers.echo(["--tls-cert", kube.string("serverCert"), "--tls-key", kube.string("serverKey")])
        let url = try echo.string("tlsUrl")
        let tls = try TLSOptions(certificateAuthority: .file(kube.string("ca")), serverName: "kubernetes")
        let response = try await HTTPClient().send(TestPeers.request(url + "/echo", tls: tls))
        let headers = try #require(try TestPeers.object(response.body)["headers"] as? [[String]])
        let authority = String(url.dropFirst("https://".count))
        #expect(headers.filter { $0[0].lowercased() == "host" }.map { $0[1] } == [authority])
    }
}
