import Console
import EC2
import Foundation
import Inventory
import Live
import Logs
import Synchronization
import Traffic

/// The console's observed traffic: the syslog listeners of `--syslog-listen` and the bundle's
/// `logs/` (a bundle or `--demo`) and the CloudWatch Logs groups of `--flow-log-group` (each polled
/// every minute by a `FlowLogGroupPoller`) feed one `TrafficIntake`, whose worker publishes to the console's
/// Traffic view at most 4 times a second. Each listener is drained every 50 ms on its own thread;
/// what the listener itself drops (its queue, the kernel) is reported with the intake's drops.
final class ConsoleTraffic: Sendable {
    /// The intake (hand it newer Snapshots).
    let intake: TrafficIntake
    private let listeners: [SyslogListener]
    private let stopped = Atomic<Bool>(false)
    private let pollers = Mutex<[Task<Void, Never>]>([])

    private init(intake: TrafficIntake, listeners: [SyslogListener]) {
        self.intake = intake
        self.listeners = listeners
    }

    /// Binds `endpoints` and queues `bundleFiles` (paths under `logs/flow/` and `logs/syslog/`),
    /// then starts the workers publishing to `publish`. Nil when there is nothing to observe.
    static func start(endpoints: [SyslogEndpoint], flowLogGroups: [String] = [], settings: LiveSettings? = nil,
                      format: FlowLogFormat = .default, bundleFiles: [(String, [UInt8])], snapshot: Snapshot,
                      publish: @escaping @Sendable (ObservedTraffic) -> Void) throws -> ConsoleTraffic? {
        guard !endpoints.isEmpty || !bundleFiles.isEmpty || !flowLogGroups.isEmpty else { return nil }
        var listeners: [SyslogListener] = []
        for endpoint in endpoints {
            do {
                let listener = try SyslogListener(endpoint: endpoint)
                listeners.append(listener)
            } catch {
                throw CommandFailure.input(error.description)
            }
        }
        let intake = TrafficIntake(snapshot: snapshot)
        // Flow logs first: with them, bytes come from the flow logs and syslog adds denies.
        for (path, bytes) in bundleFiles where path.contains("logs/flow/") {
            var records: [FlowLogRecord] = []
            let summary = FlowLogReader.read(bytes, file: path, format: nil) { records.append($0) }
            for problem in summary.problems { printError(problem.description) }
            intake.submit(.flowLog(source: Self.label(path), records: records))
        }
        for (path, bytes) in bundleFiles where path.contains("logs/syslog/") {
            let lines = bytes.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
            intake.submit(.syslog(source: Self.label(path), lines: lines))
        }
        let traffic = ConsoleTraffic(intake: intake, listeners: listeners)
        Thread { intake.run(publish: publish) }.start()
        for listener in listeners {
            listener.start()
            Thread { traffic.drain(listener) }.start()
        }
        if let settings {
            let tasks = flowLogGroups.map { group in
                Task.detached { await Self.poll(group, settings: settings, format: format, into: intake) }
            }
            traffic.pollers.withLock { $0 = tasks }
        }
        return traffic
    }

    /// Polls `group` until cancelled, handing each window's new records to `intake`; a failed
    /// connection or poll is shown on the group's Sources row (and tried again a minute later).
    private static func poll(_ group: String, settings: LiveSettings, format: FlowLogFormat,
                             into intake: TrafficIntake) async {
        let source = "cloudwatch-logs:\(group)"
        while !Task.isCancelled {
            do throws(EC2Error) {
                let poller = try await FlowLogGroupPoller.connect(group: group, settings: settings, format: format)
                for await result in poller.stream() {
                    switch result {
                    case .success(let observed):
                        intake.noteFailure(source: source, message: nil)
                        if !observed.records.isEmpty {
                            intake.submit(.flowLog(source: source, records: observed.records))
                        }
                    case .failure(let error):
                        intake.noteFailure(source: source, message: error.description)
                    }
                }
                return
            } catch {
                intake.noteFailure(source: source, message: error.description)
                do { try await Task.sleep(for: FlowLogGroupPoller.defaultInterval) } catch { return }
            }
        }
    }

    /// `logs/syslog/ftd-egress.log` for a path inside a bundle.
    private static func label(_ path: String) -> String {
        guard let range = path.range(of: "logs/") else { return path }
        return String(path[range.lowerBound...])
    }

    private func drain(_ listener: SyslogListener) {
        let source = listener.endpoint.description
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.05)
            let messages = listener.drain()
            if !messages.isEmpty {
                // One message per line: a newline inside an octet-counted message is a space.
                let lines = messages.map { String(decoding: $0.map { $0 == 10 || $0 == 13 ? 32 : $0 }, as: UTF8.self) }
                intake.submit(.syslog(source: source, lines: lines))
            }
            intake.noteDropped(source: source, total: UInt64(listener.statistics.dropped))
        }
    }

    /// Stops the listeners and the workers.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        for listener in listeners { listener.stop() }
        pollers.withLock { tasks in tasks.forEach { $0.cancel() } }
        intake.stop()
    }

    /// The bundle's `logs/` files: from the directory, or the demo's built-in ones.
    static func bundleFiles(_ source: SourceOptions) throws -> [(String, [UInt8])] {
        if let bundle = source.bundlePath {
            var files: [(String, [UInt8])] = []
            for directory in [bundle + "/logs/flow", bundle + "/logs/syslog"]
            where FileManager.default.fileExists(atPath: directory) {
                files += try TrafficCommand.files(at: directory)
            }
            return files
        }
        if source.demo {
            return DemoBundle.files.sorted { $0.path < $1.path }
                .filter { $0.path.hasPrefix("logs/flow/") || $0.path.hasPrefix("logs/syslog/") }
                .map { ($0.path, $0.contents) }
        }
        return []
    }
}
