import Foundation
@testable import HTTP
import TestSupport
import Testing

@Suite("HTTP client: secrets stay out of descriptions and errors")
struct HTTPSecretTests {
    private let client = HTTPClient()
    private let token = "gw-secret-token-0123456789abcdef"

    /// Everything a user or a log could see of a value.
    private func rendered(_ value: Any) -> String {
        var dumped = ""
        dump(value, to: &dumped)
        return "\(value) \(String(reflecting: value)) \(dumped)"
    }

    @Test("a request's description and dump show neither secret header values, nor the body, nor key bytes")
    func requestDescriptionRedacts() {
        let key = Array("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKEYMATERIAL\n".utf8)
        let request = HTTPRequest(
            method: "POST", url: "https://ec2.us-east-1.amazonaws.com/",
            headers: [HTTPHeader("Authorization", "Bearer \(token)"), HTTPHeader("X-Amz-Security-Token", "session-\(token)"),
                      HTTPHeader("X-Api-Key", "apikey-\(token)", isSecret: true), HTTPHeader("Accept", "application/json")],
            body: Array("Action=DescribeVpcs&Token=body-\(token)".utf8),
            tls: TLSOptions(clientKey: .data(key)), proxy: .url("http://user:proxy-password-42@proxy.corp:3128"))
        let text = rendered(request)
        #expect(!text.contains(token))
        #expect(!text.contains("KEYMATERIAL"))
        #expect(!text.contains("proxy-password-42"))
        #expect(text.contains("Accept: application/json"))
        #expect(text.contains("Authorization: [redacted]"))
    }

    @Test("a TLS failure with a bearer token says nothing of the token")
    func tlsErrorHasNoToken() async throws {
        let peer = try await TestPeers.kube()
        let request = try TestPeers.request(peer.string("url") + "/api",
                                            headers: [HTTPHeader("Authorization", "Bearer \(token)")],
                                            tls: TLSOptions(certificateAuthority: .file(peer.string("untrustedCa"))))
        do {
            _ = try await client.send(request)
            Issue.record("an untrusted server was accepted")
        } catch {
            #expect(!rendered(error).contains(token))
        }
    }

    @Test("proxy credentials never appear in a proxy error")
    func proxyErrorHasNoCredentials() async throws {
        let echo = try await TestPeers.echo()
        let kube = try await TestPeers.kube()
        let proxy = try echo.string("refusingProxyUrl").replacing("http://", with: "http://gwuser:proxy-password-42@")
        var request = try TestPeers.kubeRequest(kube, path: "/api")
        request.proxy = .url(proxy)
        do {
            _ = try await client.send(request)
            Issue.record("the refused tunnel produced a response")
        } catch {
            #expect(!rendered(error).contains("proxy-password-42"))
            #expect(!rendered(error).contains(try kube.string("token")))
        }
    }

    @Test("an invalid URL is reported without the password it carries")
    func invalidURLHasNoPassword() async {
        do {
            _ = try await client.send(HTTPRequest(url: "ftp://admin:url-password-42@files.example/"))
            Issue.record("an ftp URL was accepted")
        } catch {
            #expect(error == .invalidURL("ftp://[redacted]@files.example/"))
        }
    }

    @Test("the redactor hides a token wherever libcurl's text might carry it")
    func redactorHidesTokens() {
        let redactor = SecretRedactor(request: HTTPRequest(
            url: "https://k8s.example:6443/", headers: [HTTPHeader("Authorization", "Bearer \(token)")]))
        #expect(redactor.redact("rejected header Authorization: Bearer \(token)") ==
            "rejected header Authorization: [redacted]")
        #expect(redactor.redact("token \(token) seen") == "token [redacted] seen")
        #expect(redactor.redact("nothing secret here") == "nothing secret here")
    }
}
