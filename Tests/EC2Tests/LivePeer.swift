import Foundation
import HTTP
import TestSupport
@testable import EC2

/// Helpers for tests against the loopback peers with the real libcurl client.
enum LivePeer {
    static let transport = HTTPClient()

    /// Records the sleeps the retry logic asks for, instead of sleeping.
    actor SleepRecorder {
        private(set) var sleeps: [Duration] = []
        func record(_ duration: Duration) { sleeps.append(duration) }
    }

    /// A real-time clock whose sleeps are recorded and skipped, and whose jitter is fixed.
    static func clock(_ recorder: SleepRecorder) -> AWSClock {
        AWSClock(now: { Date() }, sleep: { await recorder.record($0) }, random: { 0.5 })
    }

    /// Static test keys and the peer's endpoint, no shared files.
    static func configuration(endpoint: String, environment extra: [String: String] = [:],
                              profile: String? = nil, files: SharedConfigFiles? = nil) throws -> AWSConfiguration {
        var environment = ["AWS_EC2_METADATA_DISABLED": "true"]
        if files == nil {
            environment["AWS_ACCESS_KEY_ID"] = "AKIDGATEWATCHTEST"
            environment["AWS_SECRET_ACCESS_KEY"] = "gatewatch/secret+KEY=never-shown"
        }
        for (key, value) in extra { environment[key] = value }
        return try AWSConfiguration.resolve(profile: profile, region: "us-east-1", endpointURL: endpoint,
                                            environment: environment,
                                            files: files ?? SharedConfigFiles(configText: "", credentialsText: ""))
    }

    /// The peer's request log (`GET /_requests`).
    static func requests(_ peer: PeerProcess) async throws -> [[String: Any]] {
        let response = try await transport.send(HTTPRequest(url: try peer.string("url") + "/_requests", proxy: .none))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
    }

    /// The decoded form parameters of one logged request.
    static func parameters(_ entry: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for pair in entry["params"] as? [[String]] ?? [] where pair.count == 2 { out[pair[0]] = pair[1] }
        return out
    }

    /// The demo's node instance ids (the nodes' provider IDs).
    static let demoNodeInstances = ["i-03f1a2b4c5d6e7f81", "i-0e9f0a1b2c3d4e584", "i-0b7c2d9e4f1a3b562", "i-0d5e8f1a2b3c4d673"]
}
