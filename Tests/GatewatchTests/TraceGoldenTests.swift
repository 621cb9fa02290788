import Foundation
import Testing

/// The text output of a few demo traces, compared with golden files under `Golden/`.
/// Run with `GATEWATCH_UPDATE_GOLDEN=1` to rewrite them after an intended change.
@Suite struct TraceGoldenTests {
    static let cases: [(name: String, arguments: [String])] = [
        ("trace-dlp", ["--pod", "payments/payments-api-7f9c6d8b4-2xv9q", "--dst", "103.47.244.10:443"]),
        ("trace-database-node-local", ["--pod", "payments/payments-api-7f9c6d8b4-2xv9q", "--dst", "172.16.99.5:5432"]),
        ("trace-local-denied", ["--pod", "payments/payments-api-7f9c6d8b4-2xv9q", "--dst", "10.1.2.3:443"]),
        ("trace-missing-policy", ["--namespace", "legacy-batch", "--labels", "app=nightly", "--dst", "8.8.8.8:443"]),
    ]

    private static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    @Test(arguments: cases.map(\.name))
    func matchesItsGoldenFile(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let result = try CommandRunner.run(arguments: ["trace", "--demo"] + arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let file = Self.directory.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["GATEWATCH_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: file)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == golden, "trace output differs from Golden/\(name).txt")
    }
}
