import Foundation
@testable import History
import Inventory
import Testing

/// The synthetic month used by the benchmarks, at a small scale: the history it writes is the one
/// it describes. With `GATEWATCH_JOURNAL_BENCH_EVENTS=N` set, `figures` runs N events on disk and
/// prints the measured figures (it asserts nothing about time).
@Suite struct JournalSynthesizerTests {
    @Test func aSmallMonthHasOneVersionPerReplacementAndReusesAddresses() throws {
        let journal = try Journal.inMemory()
        let start = Fixtures.time(0)
        let changes = try JournalSynthesizer.synthesize(into: journal, pods: 50, events: 1000, start: start,
                                                        addressRange: 500, eventsPerTransaction: 64)
        #expect(changes.opened == 20 + 100 + 50 + 1000)
        #expect(changes.closed == 1000)
        let info = try journal.info()
        #expect(info.versions == 20 + 100 + 50 + 1000)
        #expect(info.to == Fixtures.time(1000))
        // At any time the cluster has its 50 pods.
        #expect(try Fixtures.state(journal, at: Fixtures.time(500.5)).cluster.pods.count == 50)
        // Event e's pod takes address (50 + e) % 500; replacing slot e % 50 again 50 events later ends it.
        // Address 100 (10.64.0.100) is taken by event 50, then again by event 550.
        let owners = try journal.addressHistory("10.64.0.100", around: Fixtures.time(500), window: .seconds(1000))
        #expect(owners.map(\.from) == [Fixtures.time(50), Fixtures.time(550)])
        #expect(owners.map(\.to) == [Fixtures.time(100), Fixtures.time(600)])
        #expect(owners.allSatisfy { $0.kind == .pod && $0.owner.hasPrefix("team-0/service-") })
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GATEWATCH_JOURNAL_BENCH_EVENTS"] != nil,
                   "benchmark figures on demand"))
    func figures() throws {
        let events = Int(ProcessInfo.processInfo.environment["GATEWATCH_JOURNAL_BENCH_EVENTS"] ?? "") ?? 100_000
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        let journal = try Journal.openForWriting(path: path)
        let cpu0 = Self.cpuSeconds(), wall0 = Date()
        try JournalSynthesizer.synthesize(into: journal, pods: 10_000, events: events, start: Fixtures.time(0))
        let cpu = Self.cpuSeconds() - cpu0, wall = Date().timeIntervalSince(wall0)
        let info = try journal.info()
        print("journal-bench events=\(events) wall=\(wall)s cpu=\(cpu)s events/s(cpu)=\(Double(events) / cpu)")
        print("journal-bench versions=\(info.versions) bytes=\(info.bytes) bytes/version=\(Double(info.bytes) / Double(info.versions))")

        var historyTimes: [Double] = []
        for index in stride(from: 0, to: 60_000, by: 600) {
            let ip = "10.64.\((index >> 8) & 255).\(index & 255)"
            let t0 = Date()
            _ = try journal.addressHistory(ip, around: Fixtures.time(Double(events / 2)))
            historyTimes.append(Date().timeIntervalSince(t0))
        }
        historyTimes.sort()
        print("journal-bench addressHistory median=\(historyTimes[historyTimes.count / 2] * 1000)ms max=\((historyTimes.last ?? 0) * 1000)ms")

        for at in [Double(events) * 0.1, Double(events) * 0.5, Double(events) * 0.9] {
            let t0 = Date()
            let files = try journal.bundleFiles(at: Fixtures.time(at))
            let t1 = Date()
            let loaded = BundleLoader.load(files: files, source: .bundle(path: "bench"))
            let t2 = Date()
            print("journal-bench state at \(Int(at))s: files=\(t1.timeIntervalSince(t0))s load=\(t2.timeIntervalSince(t1))s pods=\(loaded.snapshot.cluster.pods.count)")
        }

        let bundle = try journal.bundleFiles(at: Fixtures.time(Double(events)))
        let fresh = try Journal.openForWriting(path: directory + "/import.sqlite")
        let t0 = Date()
        try fresh.importBundle(bundle, at: Fixtures.time(0))
        print("journal-bench import of a 10k-pod bundle: \(Date().timeIntervalSince(t0))s")
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
