#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// The configuration of a pod's own service account: `KUBERNETES_SERVICE_HOST`/`_PORT`, the
/// token (re-read after a 401, it rotates) and the CA in the service-account directory.
enum InClusterConfig {
    static func load(environment: [String: String], directory: String) throws(KubeError) -> KubeConnection {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeError.config(source: "in-cluster",
                                   message: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")
        }
        let tokenPath = directory + "/token"
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw KubeError.config(source: "in-cluster", message: "no service account token at \(tokenPath)")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var tls = TLSOptions()
        let caPath = directory + "/ca.crt"
        if FileManager.default.fileExists(atPath: caPath) { tls.certificateAuthority = .file(caPath) }
        return KubeConnection(contextName: nil, clusterName: "in-cluster", userName: "service-account",
                              server: "https://\(hostPart):\(port)", tls: tls, proxy: .environment,
                              credential: .tokenFile(tokenPath))
    }
}
