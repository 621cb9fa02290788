#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Hands out the credentials for each request: the static token, the token file's current
/// contents, or an exec plugin's credential cached until shortly before it expires. A 401 makes
/// the next request read the file or run the plugin again.
actor CredentialStore {
    /// The bearer token (if any) and the TLS options (with an exec plugin's client certificate).
    struct Material: Sendable {
        var bearer: String?
        var tls: TLSOptions
    }

    private let connection: KubeConnection
    private var cached: Material?
    private var expiration: Date?
    private let clock: @Sendable () -> Date

    init(connection: KubeConnection, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.connection = connection
        self.clock = clock
    }

    /// True when a 401 is worth one retry with fresh credentials.
    var canRefresh: Bool {
        switch connection.credential {
        case .tokenFile, .exec: true
        case .none, .token: false
        }
    }

    /// The credentials to use now.
    func material() throws(KubeError) -> Material {
        if let cached, expiration.map({ clock() < $0.addingTimeInterval(-10) }) ?? true {
            return cached
        }
        let fresh = try load()
        cached = fresh
        return fresh
    }

    /// Forgets the cached credential after the server rejected it.
    func invalidate() {
        cached = nil
        expiration = nil
    }

    private func load() throws(KubeError) -> Material {
        var tls = connection.tls
        switch connection.credential {
        case .none:
            return Material(bearer: nil, tls: tls)
        case .token(let token):
            return Material(bearer: token, tls: tls)
        case .tokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeError.credential("cannot read token file \(path)")
            }
            let token = String(String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace })
            guard !token.isEmpty else { throw KubeError.credential("token file \(path) is empty") }
            return Material(bearer: token, tls: tls)
        case .exec(let spec):
            let credential = try ExecCredentialPlugin.run(spec)
            expiration = credential.expiration
            if let certificate = credential.clientCertificate, let key = credential.clientKey {
                tls.clientCertificate = .data(certificate)
                tls.clientKey = .data(key)
            }
            return Material(bearer: credential.token, tls: tls)
        }
    }
}
