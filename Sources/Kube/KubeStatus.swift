#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Kubernetes `Status` object, as errors and watch `ERROR` events carry it.
struct KubeStatus: Decodable, Sendable {
    var code: Int?
    var reason: String?
    var message: String?

    /// The error for a non-2xx response to `path`, with the Status's reason and message if the body is one.
    static func error(status: Int, body: [UInt8], path: String) -> KubeError {
        let decoded = try? JSONDecoder().decode(KubeStatus.self, from: Data(body))
        return .status(code: decoded?.code ?? status, reason: decoded?.reason, message: decoded?.message, path: path)
    }
}
