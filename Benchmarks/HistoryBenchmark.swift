#if canImport(Glibc)
import Glibc
#endif
import Foundation
import History
import Inventory
import Simulator
import TestSupport

/// The history journal over the synthetic month: 10,000 pods with one replaced every
/// second (2,592,000 versions) plus EC2 churn (one of 600 ENIs changing at every 30-second poll),
/// written on disk through the journal's write path (`JournalSynthesizer`, one transaction per
/// 1,000 seconds as a recorder that fell behind would write). Then: the recorder's own cost at
/// 1,000 events/s (full 10,000-pod states handed to `JournalRecorder`, flushed every second),
/// the size on disk, `whois --at`'s address history, the state at T rebuilt (and its Simulation
/// prepared, for the first trace), and `journal import` of a 10,000-pod bundle.
enum HistoryBenchmark {
    static let suite = BenchmarkSuite(
        name: "history",
        summary: "journal: a synthetic month (2.6 M versions), recorder CPU, size, whois --at, state at T, import",
        run: { _, report in try run(&report) })

    static let pods = 10_000
    static let month = 2_592_000
    static let start = Date(timeIntervalSince1970: 1_793_000_000)

    static func run(_ report: inout BudgetReport) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-history-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        report.section("history: recording at 1,000 events/s (JournalRecorder, 10,000-pod states)")
        let (recorderShare, encoded, hashedModels) = try recorderCPU(path: directory + "/recorder.sqlite")
        report.figure("objects encoded / models hashed over 21 states", "\(Format.count(encoded)) / \(Format.count(hashedModels))")
        report.budget("recorder CPU at 1,000 events/s (observe + flush each second)", "\(Format.fixed(recorderShare * 100, 1)) % of a core",
                      budget: "≤ 10 %", passed: recorderShare <= 0.10)

        report.section("history: the synthetic month on disk")
        let path = directory + "/journal.sqlite"
        let writer = try Journal.openForWriting(path: path)
        let cpu0 = cpuSeconds()
        let (changes, wall) = try Stopwatch.time {
            try JournalSynthesizer.synthesize(into: writer, pods: pods, events: month, start: start,
                                              networkInterfaces: 600, pollInterval: 30)
        }
        let cpu = cpuSeconds() - cpu0
        let rate = Double(month) / cpu
        report.figure("month written", "\(Format.count(changes.opened)) versions opened, \(Format.count(changes.closed)) closed "
                      + "in \(Format.fixed(wall, 0)) s (\(Format.fixed(cpu, 0)) CPU s)")
        report.figure("journal write path", "\(Format.count(Int(rate))) events per CPU second "
                      + "(1,000 events/s = \(Format.fixed(100_000 / rate, 1)) % of a core)")
        let info = try writer.info()
        report.figure("versions / objects", "\(Format.count(info.versions)) / \(Format.count(info.objects))")
        report.budget("journal size for the month (database + WAL)",
                      "\(Format.fixed(Double(info.bytes) / 1e6, 0)) MB (\(Format.fixed(Double(info.bytes) / Double(max(1, info.versions)), 0)) bytes/version)",
                      budget: "≤ 1.5 GB", passed: info.bytes <= 1_500_000_000)

        // Readers as the command line opens them: read-only, beside the writer.
        let reader = try Journal.openForReading(path: path)
        report.section("history: reading the month")
        var random = SplitMix64(seed: 12)
        var lookups: [Double] = []
        for _ in 0..<1000 {
            let address = random.below(60_000)
            let ip = "10.64.\(address >> 8).\(address & 255)"
            let moment = start.addingTimeInterval(Double(random.below(month)))
            let (_, seconds) = try Stopwatch.time { try reader.addressHistory(ip, around: moment) }
            lookups.append(seconds)
        }
        lookups.sort()
        let median = lookups[lookups.count / 2]
        let p99 = lookups[lookups.count * 99 / 100]
        report.figure("whois --at address history, median of 1,000", Format.milliseconds(median))
        report.budget("whois --at address history, p99 of 1,000", Format.milliseconds(p99), budget: "≤ 20 ms", passed: p99 <= 0.02)

        var slowest = 0.0
        var slowestWithSimulation = 0.0
        var lastBundle: [BundleFile] = []
        for fraction in [0.1, 0.5, 0.9] {
            let moment = start.addingTimeInterval(Double(month) * fraction)
            let (loaded, seconds) = try Stopwatch.time { try reader.loadBundle(at: moment) }
            let (_, prepare) = Stopwatch.time {
                let simulation = Simulation(snapshot: loaded.snapshot)
                simulation.prepare()
                return simulation
            }
            report.figure("state at \(Int(fraction * 100)) % of the month (\(Format.count(loaded.snapshot.cluster.pods.count)) pods)",
                          "\(Format.milliseconds(seconds)) + Simulation prepared \(Format.milliseconds(prepare))")
            slowest = max(slowest, seconds)
            slowestWithSimulation = max(slowestWithSimulation, seconds + prepare)
            if fraction == 0.9 { lastBundle = try reader.bundleFiles(at: moment) }
        }
        report.budget("state at T rebuilt and loaded (slowest of 3)", Format.milliseconds(slowest), budget: "≤ 2 s",
                      passed: slowest <= 2)
        report.figure("… then ready for the first trace (Simulation prepared)", Format.milliseconds(slowestWithSimulation))

        let fresh = try Journal.openForWriting(path: directory + "/import.sqlite")
        let (_, importSeconds) = try Stopwatch.time { try fresh.importBundle(lastBundle, at: start) }
        report.budget("journal import of a 10,000-pod bundle", Format.milliseconds(importSeconds), budget: "≤ 3 s",
                      passed: importSeconds <= 3)
    }

    /// The recorder's CPU share of one core at 1,000 pod replacements per second: 20 seconds of
    /// full 10,000-pod states (the Live layer's Snapshots, built outside the measurement) handed
    /// to `JournalRecorder.observe` with the change set the Kubernetes store reports (the keys the
    /// watch events touched) and flushed once per second, as `gatewatch record` does. Also how
    /// many objects were encoded and how many models hashed over the run.
    static func recorderCPU(path: String) throws -> (share: Double, encoded: Int, hashedModels: Int) {
        let journal = try Journal.openForWriting(path: path)
        let recorder = JournalRecorder(journal: journal, retention: .zero)
        let origin = Int64(start.timeIntervalSince1970 * 1000)
        var generation = [Int](repeating: 0, count: pods)
        var current = (0..<pods).map { JournalSynthesizer.pod(slot: $0, generation: 0, address: $0, created: origin) }
        func snapshot() -> Snapshot {
            Snapshot(source: .bundle(path: "synthetic"), cluster: ClusterState(pods: current), aws: AWSState())
        }
        recorder.observe(snapshot(), at: start, delta: SnapshotDelta(generation: 0, changes: .everything))
        try recorder.flush(now: start)
        var measured = 0.0
        let seconds = 20
        var event = 0
        for second in 1...seconds {
            // What the Kubernetes store reports for these watch events: the replaced pods' keys.
            var touched = Set<String>()
            for _ in 0..<1000 {
                event += 1
                let slot = (event * 7) % pods
                generation[slot] += 1
                touched.insert(current[slot].qualifiedName)
                current[slot] = JournalSynthesizer.pod(slot: slot, generation: generation[slot],
                                                       address: (pods + event) % 60_000, created: origin + Int64(second) * 1000)
                touched.insert(current[slot].qualifiedName)
            }
            let state = snapshot()
            let delta = SnapshotDelta(generation: second, changes: ObjectChanges([.pod: .keys(touched)]))
            let moment = start.addingTimeInterval(Double(second))
            let cpu0 = cpuSeconds()
            recorder.observe(state, at: moment, delta: delta)
            try recorder.flush(now: moment)
            measured += cpuSeconds() - cpu0
        }
        let counts = recorder.encodingCounts
        return (measured / Double(seconds), counts.encoded, counts.hashedModels)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
