import Foundation
import HTTP
import Inventory
import Kube
import TestSupport
import Synchronization

/// The Kubernetes live source against the stand-in API server serving 10,000 realistic pods over
/// TLS: list + decode + Snapshot build vs `kubectl get pods -A -o json` in the same run, peak
/// memory vs the JSON size, and watch events applied per second under 1,000 events/s of churn.
enum KubeBenchmark {
    static let suite = BenchmarkSuite(
        name: "kube",
        summary: "list+decode+Snapshot of 10,000 pods vs kubectl, peak memory vs JSON size, watch apply rate at 1,000 events/s",
        run: { _, report in try run(&report) })

    static func run(_ report: inout BudgetReport) throws {
        report.section("kube: stand-in API server (TLS), demo bundle + 10,000 generated pods")
        let demo = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
        let peer = try PeerProcess(script: "kube_standin.py",
                                   arguments: ["--bundle", demo, "--port", "0", "--pods", "10000", "--bookmark-interval", "5"],
                                   timeout: 120)
        defer { peer.stop() }
        let kubeconfig = try peer.string("kubeconfig")
        let adminURL = try peer.string("adminUrl")
        let connection = try KubeConfigLoader.load(kubeconfigPath: kubeconfig, context: "token",
                                                   environment: ProcessInfo.processInfo.environment)
        let transport = HTTPClient()
        let source = KubeSource(connection: connection, transport: transport)

        // Peak memory of one list + decode + Snapshot, measured first so nothing earlier inflates it.
        resetPeakMemory()
        let baseline = residentBytes(field: "VmRSS:")
        let (pods, firstSeconds) = try blocking { try await listAndBuild(source) }
        let peak = residentBytes(field: "VmHWM:") - baseline

        var ours = [firstSeconds]
        var theirs: [Double] = []
        let kubectlHome = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-bench-kubectl").path
        try? FileManager.default.createDirectory(atPath: kubectlHome, withIntermediateDirectories: true)
        _ = try runKubectl(kubeconfig: kubeconfig, home: kubectlHome)   // warm its discovery cache
        for _ in 0..<3 {
            theirs.append(try runKubectl(kubeconfig: kubeconfig, home: kubectlHome))
            ours.append(try blocking { try await listAndBuild(source) }.1)
        }
        let oursMedian = median(ours)
        let theirsMedian = median(theirs)
        report.figure("pods listed", Format.count(pods))
        report.figure("gatewatch: discovery + list all kinds (pages of 500) + decode + Snapshot, median",
                      Format.milliseconds(oursMedian))
        report.figure("kubectl get pods -A -o json > /dev/null, median", Format.milliseconds(theirsMedian))
        report.budget("gatewatch / kubectl time", "\(Format.fixed(oursMedian / theirsMedian, 2))×", budget: "≤ 1.00×",
                      passed: oursMedian <= theirsMedian)

        let jsonBytes = try blocking { try await podListSize(connection: connection, transport: transport) }
        report.figure("pod list JSON size (uncompressed)", Format.mebibytes(jsonBytes))
        report.figure("peak resident memory above baseline", Format.mebibytes(peak))
        report.budget("peak memory / JSON size", "\(Format.fixed(Double(peak) / Double(jsonBytes), 2))×", budget: "≤ 3×",
                      passed: Double(peak) <= 3 * Double(jsonBytes))

        report.section("kube: watch under churn (admin /churn, 5,000 pod MODIFIED events at 1,000/s)")
        let watch = try blocking { try await watchChurn(source: source, adminURL: adminURL, transport: transport) }
        report.figure("events", Format.count(watch.events))
        report.figure("time from churn start until the last event is in a published state",
                      Format.milliseconds(watch.seconds))
        report.figure("watch events applied/s (bounded by the server's 1,000/s)",
                      "\(Format.count(Int(Double(watch.events) / watch.seconds))) events/s")
        let lag = max(0, watch.seconds - Double(watch.events) / 1000)
        report.budget("kept up: last event published after the churn's 5 s", "+\(Format.milliseconds(lag))",
                      budget: "≤ +1000 ms, all 5,000 applied", passed: lag <= 1 && watch.events == 5_000)
        report.figure("gatewatch CPU during churn (reflector + coalesced Snapshot builds)",
                      "\(Format.fixed(watch.cpuSeconds / watch.seconds * 100, 0)) % of one core")
        report.figure("states published during churn", "\(watch.updates) (\(Format.fixed(Double(watch.updates) / watch.seconds, 1))/s)")
        report.budget("published updates/s (coalesced)", Format.fixed(Double(watch.updates) / watch.seconds, 1),
                      budget: "≤ 5/s", passed: Double(watch.updates) / watch.seconds <= 5)
        report.figure("Snapshot build per published state (10,000 pods), max", Format.milliseconds(watch.maxBuild))
    }

    // MARK: - Measurements

    private static func listAndBuild(_ source: KubeSource) async throws -> (Int, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let cluster = try await source.fetchOnce()
        let snapshot = Snapshot(source: .live(context: "token", region: nil), cluster: cluster, aws: AWSState())
        let elapsed = clock.now - start
        return (snapshot.cluster.pods.count, seconds(elapsed))
    }

    private static func podListSize(connection: KubeConnection, transport: HTTPClient) async throws -> Int {
        guard case .token(let token) = connection.credential else { return 0 }
        let request = HTTPRequest(url: connection.server + "/api/v1/pods",
                                  headers: [HTTPHeader("Authorization", "Bearer \(token)"), HTTPHeader("Accept", "application/json")],
                                  tls: connection.tls, proxy: .none, acceptCompressed: false)
        return try await transport.send(request).body.count
    }

    private struct WatchFigures: Sendable {
        var events: Int
        var seconds: Double
        var updates: Int
        var maxBuild: Double
        var cpuSeconds: Double
    }

    private static func watchChurn(source: KubeSource, adminURL: String, transport: HTTPClient) async throws -> WatchFigures {
        struct Progress { var maxPodVersion = 0; var updates = 0; var maxBuild = 0.0 }
        let progress = Mutex(Progress())
        let task = Task {
            await source.run { cluster, _ in
                let clock = ContinuousClock()
                let start = clock.now
                let snapshot = Snapshot(source: .live(context: "token", region: nil), cluster: cluster, aws: AWSState())
                let build = seconds(clock.now - start)
                let top = snapshot.cluster.pods.reduce(0) { max($0, Int($1.metadata.resourceVersion ?? "") ?? 0) }
                progress.withLock {
                    $0.maxPodVersion = max($0.maxPodVersion, top)
                    $0.updates += 1
                    $0.maxBuild = max($0.maxBuild, build)
                }
            }
        }
        defer { task.cancel() }
        while progress.withLock({ $0.updates }) == 0 { try await Task.sleep(for: .milliseconds(20)) }

        struct State: Decodable { var resourceVersion: Int }
        let stateBody = try await admin(adminURL, "/state", nil, transport)
        let initial = try JSONDecoder().decode(State.self, from: Data(stateBody)).resourceVersion
        let events = 5_000
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = cpuSeconds()
        let updatesBefore = progress.withLock { $0.updates }
        progress.withLock { $0.maxBuild = 0 }
        _ = try await admin(adminURL, "/churn", #"{"kind":"Pod","apiVersion":"v1","count":\#(events),"rate":1000}"#, transport)
        let deadline = clock.now + .seconds(60)
        while progress.withLock({ $0.maxPodVersion }) < initial + events && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = seconds(clock.now - start)
        let cpu = cpuSeconds() - cpuBefore
        let final = progress.withLock { $0 }
        let applied = min(events, max(0, final.maxPodVersion - initial))
        return WatchFigures(events: applied, seconds: elapsed, updates: final.updates - updatesBefore, maxBuild: final.maxBuild,
                            cpuSeconds: cpu)
    }

    private static func admin(_ base: String, _ path: String, _ json: String?, _ transport: HTTPClient) async throws -> [UInt8] {
        let request = HTTPRequest(method: json == nil ? "GET" : "POST", url: base + path,
                                  headers: [HTTPHeader("Content-Type", "application/json")],
                                  body: Array((json ?? "").utf8), proxy: .none)
        return try await transport.send(request).body
    }

    private static func runKubectl(kubeconfig: String, home: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "kubectl --kubeconfig \"$1\" get pods -A -o json > /dev/null", "sh", kubeconfig]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        process.environment = environment
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = seconds(clock.now - start)
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(description: "kubectl exited with status \(process.terminationStatus)")
        }
        return elapsed
    }

    // MARK: - Helpers

    /// Runs async work from the synchronous suite and waits for it.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            do {
                let value = try await body()
                result.withLock { $0 = .success(value) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            semaphore.signal()
        }
        semaphore.wait()
        guard let outcome = result.withLock({ $0 }) else { throw BenchmarkFailure(description: "no result") }
        return try outcome.get()
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, atto) = duration.components
        return Double(whole) + Double(atto) / 1e18
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// User + system CPU seconds of this process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS.
    private static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A `/proc/self/status` memory field in bytes.
    private static func residentBytes(field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return 0 }
        let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } ?? 0
        return kilobytes * 1024
    }
}

/// A benchmark could not run as planned.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}
