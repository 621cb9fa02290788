import FlyingFox
import FlyingSocks
import Foundation
import Inventory
import FleetMetrics
import Simulator
import Synchronization

/// Serves `GET /metrics` (Prometheus text format) with what Gatewatch knows. The console's live
/// mode and `gatewatch record` start one with `--metrics-listen ADDR:PORT` and hand it every
/// update; the page is rendered once per update, so scrapes only copy it.
///
/// ```swift
/// let server = try await MetricsServer.start(address: MetricsListenAddress.parse("127.0.0.1:9464"))
/// server.update(snapshot: update.snapshot, simulation: update.simulation, health: update.health)
/// ```
public final class MetricsServer: Sendable {
    private struct State: Sendable {
        var page = "# no Snapshot yet\n"
        var model: MetricsModel?
        var idle = ElasticIPIdleTracker()
        var traffic: TrafficMetrics?
        var last: (snapshot: Snapshot, simulation: Simulation, health: SourceHealth)?
    }

    private let state = Mutex(State())
    private let server: HTTPServer
    private let task: Task<Void, any Error>
    /// The port the server listens on (the one picked when 0 was asked for).
    public let port: UInt16
    /// The address as asked for, with the bound port.
    public let address: MetricsListenAddress

    private init(server: HTTPServer, task: Task<Void, any Error>, address: MetricsListenAddress) {
        self.server = server
        self.task = task
        self.port = address.port
        self.address = address
    }

    /// How long `start` waits for the listener before giving up (a bind error ends it at once).
    public static let listenTimeoutSeconds = 30

    /// Binds `address` and starts serving; throws when the address cannot be bound.
    public static func start(address: MetricsListenAddress) async throws(MetricsServerError) -> MetricsServer {
        let http: HTTPServer
        do {
            if address.isIPv6 {
                http = HTTPServer(address: try .inet6(ip6: address.host, port: address.port), logger: DisabledLogger.disabled)
            } else if address.host.isEmpty {
                http = HTTPServer(address: .inet(port: address.port), logger: DisabledLogger.disabled)
            } else {
                http = HTTPServer(address: try .inet(ip4: address.host, port: address.port), logger: DisabledLogger.disabled)
            }
        } catch {
            throw MetricsServerError("--metrics-listen \(address): \(error)")
        }
        // Listening, a failed bind, or the deadline, whichever comes first: a bind error is
        // reported at once, and a loaded machine gets time to start the listener.
        let failure = Mutex<String?>(nil)
        let task = Task {
            do { try await http.run() } catch {
                failure.withLock { $0 = "\(error)" }
                throw error
            }
        }
        let deadline = ContinuousClock.now + .seconds(listenTimeoutSeconds)
        while await !http.isListening {
            if let error = failure.withLock({ $0 }) {
                throw MetricsServerError("--metrics-listen \(address): cannot listen (\(error))")
            }
            guard ContinuousClock.now < deadline else {
                task.cancel()
                throw MetricsServerError("--metrics-listen \(address): not listening after \(listenTimeoutSeconds) s")
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        var bound = address
        if case .ip4(_, port: let port)? = await http.listeningAddress { bound.port = port }
        if case .ip6(_, port: let port)? = await http.listeningAddress { bound.port = port }
        let server = MetricsServer(server: http, task: task, address: bound)
        await http.appendRoute("GET /metrics") { [server] _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: PrometheusText.contentType],
                         body: Data(server.page.utf8))
        }
        await http.appendRoute("GET /") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                         body: Data("Gatewatch: metrics at /metrics\n".utf8))
        }
        return server
    }

    /// The page served now.
    public var page: String { state.withLock { $0.page } }

    /// The model behind the page, once an update arrived.
    public var model: MetricsModel? { state.withLock { $0.model } }

    /// Recomputes the page from a new Snapshot, its Simulation (its findings are computed once
    /// there) and the sources' health, seen at `now` (seconds since 1970). Call it off the UI thread.
    public func update(snapshot: Snapshot, simulation: Simulation, health: SourceHealth,
                       now: Double = Date().timeIntervalSince1970) {
        let findings = simulation.findings()
        state.withLock { state in
            state.idle.observe(snapshot.elasticIPBindings, now: now)
            state.last = (snapshot, simulation, health)
            render(&state, findings: findings, now: now)
        }
    }

    /// Sets the traffic the page exports (nil: none), re-rendering the last update.
    public func update(traffic: TrafficMetrics?, now: Double = Date().timeIntervalSince1970) {
        state.withLock { state in
            state.traffic = traffic
            if let last = state.last { render(&state, findings: last.simulation.findings(), now: now) }
        }
    }

    private func render(_ state: inout State, findings: [Finding], now: Double) {
        guard let last = state.last else { return }
        let model = MetricsModel(snapshot: last.snapshot, findings: findings, health: last.health, traffic: state.traffic,
                                 idleSeconds: state.idle.idleSeconds(now: now), now: now)
        state.model = model
        state.page = PrometheusText.render(model)
    }

    /// Stops listening.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}
