import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: client certificates the server rejects")
struct HTTPClientRejectedCertificateTests {
    @Test("a client certificate from a CA the server has never seen fails TLS")
    func strangerCertificateFailsTLS() async throws {
        let peer = try await TestPeers.kube()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("stranger.key").path
        let certificate = directory.appendingPathComponent("stranger.crt").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-subj", "/CN=stranger", "-days", "1", "-keyout", key, "-out", certificate]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)

        let tls = try TLSOptions(certificateAuthority: .file(peer.string("ca")), clientCertificate: .file(certificate),
                                 clientKey: .file(key))
        let request = try TestPeers.request(peer.string("url") + "/api/v1/namespaces", tls: tls)
        do {
            let response = try await HTTPClient().send(request)
            Issue.record("the server answered \(response.status)")
        } catch {
            guard case .tls(let host, _) = error else {
                Issue.record("not a TLS error: \(error)")
                return
            }
            #expect(host == "127.0.0.1")
        }
    }
}
