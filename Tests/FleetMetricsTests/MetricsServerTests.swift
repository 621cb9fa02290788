import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Inventory
import FleetMetrics
import MetricsServer
import Simulator
import TestSupport
import Testing

/// The metrics listener as Prometheus sees it: the page over HTTP, `promtool check metrics` on
/// it, a real Prometheus server scraping it on loopback, and the example alerts in `deploy/`
/// through `promtool check rules`. Needs `prometheus` and `promtool` (scripts/bootstrap.sh with
/// GATEWATCH_TEST_TOOLS=1 installs them).
@Suite(.serialized) struct MetricsServerTests {
    static let root = PeerProcess.repositoryRoot

    private func startDemoServer() async throws -> MetricsServer {
        let server = try await MetricsServer.start(address: try MetricsListenAddress.parse("127.0.0.1:0"))
        let snapshot = DemoBundle.load().snapshot
        server.update(snapshot: snapshot, simulation: Simulation(snapshot: snapshot), health: .ok,
                      now: MetricsModelTests.duringDrain)
        return server
    }

    private func get(_ url: String) async throws -> (status: Int, type: String?, body: String) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type"), String(decoding: data, as: UTF8.self))
    }

    /// Runs a tool with `input` on stdin; returns its exit code and combined output.
    private func tool(_ name: String, _ arguments: [String], input: String? = nil) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func listenAddressesParseAndBadOnesAreRefused() throws {
        #expect(try MetricsListenAddress.parse("127.0.0.1:9464") == MetricsListenAddress(host: "127.0.0.1", port: 9464))
        #expect(try MetricsListenAddress.parse(":9464") == MetricsListenAddress(host: "", port: 9464))
        #expect(try MetricsListenAddress.parse("[::1]:0") == MetricsListenAddress(host: "::1", port: 0))
        for bad in ["9464", "localhost:9464", "127.0.0.1:99999", "127.0.0.1:", "[::1]9464", "1.2.3:80"] {
            #expect(throws: MetricsServerError.self, "\(bad)") { try MetricsListenAddress.parse(bad) }
        }
    }

    @Test func servesThePageOverHTTP() async throws {
        let server = try await startDemoServer()
        defer { Task { await server.stop() } }
        #expect(server.port != 0)
        let page = try await get("http://127.0.0.1:\(server.port)/metrics")
        #expect(page.status == 200)
        #expect(page.type?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(page.body == server.page)
        #expect(page.body.contains(#"gatewatch_gateway_draining_pods{namespace="dlp-service-egw",gateway="dlp-service-egw"} 1"#))
        let missing = try await get("http://127.0.0.1:\(server.port)/nope")
        #expect(missing.status == 404)
    }

    @Test func aPortInUseIsRefusedWithTheAddress() async throws {
        let first = try await startDemoServer()
        defer { Task { await first.stop() } }
        let error = await #expect(throws: MetricsServerError.self) {
            _ = try await MetricsServer.start(address: MetricsListenAddress(host: "127.0.0.1", port: first.port))
        }
        // The bind error itself ends the wait (not the listen deadline).
        #expect("\(error.map { "\($0)" } ?? "")".contains("cannot listen"))
    }

    @Test func promtoolAcceptsThePage() async throws {
        let server = try await startDemoServer()
        defer { Task { await server.stop() } }
        let page = try await get("http://127.0.0.1:\(server.port)/metrics").body
        let result = try tool("promtool", ["check", "metrics"], input: page)
        #expect(result.code == 0, "\(result.output)")
    }

    @Test func promtoolAcceptsTheExampleAlertingRules() throws {
        let rules = Self.root.appendingPathComponent("deploy/prometheus-alerts.yaml").path
        let result = try tool("promtool", ["check", "rules", rules])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test func aRealPrometheusScrapesTheSeries() async throws {
        let server = try await startDemoServer()
        defer { Task { await server.stop() } }
        let prometheus = try PeerProcess(script: "prometheus_peer.py", arguments: ["--target", "127.0.0.1:\(server.port)",
                                                                                  "--lifetime", "120"], timeout: 60)
        defer { prometheus.stop() }
        #expect(prometheus.ready["ready"] as? Bool == true, "\(prometheus.ready)")
        let base = try prometheus.string("url")
        let query = "gatewatch_gateway_pods%7Bnamespace%3D%22dlp-service-egw%22%2Cstate%3D%22not-ready%22%7D"
        var series: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(30)
        while series.isEmpty && Date() < deadline {
            let answer = try await get("\(base)/api/v1/query?query=\(query)")
            let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            series = ((json?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
            if series.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        let first = try #require(series.first, "Prometheus never stored the series")
        let metric = first["metric"] as? [String: String]
        #expect(metric?["job"] == "gatewatch")
        #expect(metric?["gateway"] == "dlp-service-egw")
        #expect((first["value"] as? [Any])?.last as? String == "1")
        // The scrape itself is healthy.
        let up = try await get("\(base)/api/v1/query?query=up%7Bjob%3D%22gatewatch%22%7D")
        #expect(up.body.contains(#""value":["#) && up.body.contains(#","1"]"#), "\(up.body)")
    }
}
