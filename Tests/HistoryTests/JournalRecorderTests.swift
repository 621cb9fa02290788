import Foundation
import History
import InMemoryLogging
import Inventory
import Logging
import Testing

/// `JournalRecorder`: successive states queued, written a batch per flush, logged with structure.
@Suite struct JournalRecorderTests {
    private func recorder(_ journal: Journal, retention: Duration = .zero) -> (JournalRecorder, InMemoryLogHandler) {
        var handler = InMemoryLogHandler()
        handler.logLevel = .debug
        let logger = Logger(label: "test") { _ in handler }
        return (JournalRecorder(journal: journal, retention: retention, flushInterval: .milliseconds(20), logger: logger), handler)
    }

    private func pods(_ names: String...) -> Snapshot {
        // web-N has address 10.0.1.N.
        Fixtures.snapshot(pods: names.map { Fixtures.pod("shop", $0, ip: "10.0.1.\($0.split(separator: "-").last ?? "0")") })
    }

    @Test func aFlushWritesEveryQueuedStateInOrder() throws {
        let journal = try Journal.inMemory()
        let (recorder, handler) = recorder(journal)
        recorder.observe(pods("web-1"), at: Fixtures.time(0))
        recorder.observe(pods("web-1", "web-2"), at: Fixtures.time(1))
        recorder.observe(pods("web-2"), at: Fixtures.time(2))
        #expect(recorder.pendingCount == 3)
        let changes = try recorder.flush()
        #expect(recorder.pendingCount == 0)
        #expect(changes == JournalChanges(opened: 4, closed: 1, unchanged: 6))
        #expect(try Fixtures.state(journal, at: Fixtures.time(1)).cluster.pods.map(\.name) == ["web-1", "web-2"])
        #expect(try Fixtures.state(journal, at: Fixtures.time(2)).cluster.pods.map(\.name) == ["web-2"])
        let flushed = try #require(handler.entries.first { $0.message == "journal flushed" })
        #expect(flushed.level == .debug)
        #expect(flushed.metadata["states"] == "3")
        #expect(flushed.metadata["opened"] == "4")
        #expect(flushed.metadata["closed"] == "1")
        #expect(flushed.metadata["journal"] == ":memory:")
    }

    @Test func aStateOlderThanTheLastWrittenIsDroppedWithAWarning() throws {
        let journal = try Journal.inMemory()
        let (recorder, handler) = recorder(journal)
        recorder.observe(pods("web-1"), at: Fixtures.time(10))
        try recorder.flush()
        recorder.observe(pods("web-9"), at: Fixtures.time(5))
        recorder.observe(pods("web-2"), at: Fixtures.time(20))
        try recorder.flush()
        #expect(try journal.info().to == Fixtures.time(20))
        #expect(try journal.addressHistory("10.0.1.1", around: Fixtures.time(10))
            == [AddressOwnership(from: Fixtures.time(10), to: Fixtures.time(20), kind: .pod, owner: "shop/web-1")])
        #expect(try journal.addressHistory("10.0.1.9", around: Fixtures.time(10)) == [])
        let warning = try #require(handler.entries.first { $0.level == .warning })
        #expect(warning.metadata["dropped"] == "1")
    }

    @Test func runFlushesWithoutBeingAskedAndOnceMoreWhenCancelled() async throws {
        let journal = try Journal.inMemory()
        let (recorder, _) = recorder(journal)
        let task = Task { await recorder.run() }
        recorder.observe(pods("web-1"), at: Fixtures.time(0))
        // Wait (bounded) for the periodic flush to write it.
        for _ in 0..<500 where (try journal.info().to) == nil {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try journal.info().to == Fixtures.time(0))
        recorder.observe(pods("web-2"), at: Fixtures.time(1))
        task.cancel()
        await task.value
        #expect(try journal.info().to == Fixtures.time(1))
        #expect(recorder.pendingCount == 0)
    }

    @Test func retentionPrunesWhileRecording() throws {
        let journal = try Journal.inMemory()
        let (recorder, handler) = recorder(journal, retention: .seconds(3600))
        recorder.observe(pods("web-1"), at: Fixtures.time(0))
        recorder.observe(pods("web-2"), at: Fixtures.time(60))
        try recorder.flush(now: Fixtures.time(60))
        #expect(try journal.info().versions == 4)
        recorder.observe(pods("web-2"), at: Fixtures.time(7200))
        try recorder.flush(now: Fixtures.time(7200))
        // web-1 ended at 60 s, more than an hour before: gone.
        #expect(try journal.info().versions == 3)
        #expect(handler.entries.contains { $0.message == "journal pruned" && $0.metadata["versions"] == "1" })
    }

    @Test func aFailedFlushKeepsTheStatesQueued() throws {
        let reader: Journal
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let writer = try Journal.openForWriting(path: directory + "/journal.sqlite")
            try writer.record(pods(), at: Fixtures.time(0))
        }
        reader = try Journal.openForReading(path: directory + "/journal.sqlite")
        let (recorder, handler) = recorder(reader)
        recorder.observe(pods("web-1"), at: Fixtures.time(1))
        #expect(throws: JournalError.self) { try recorder.flush() }
        #expect(recorder.pendingCount == 1)
        #expect(handler.entries.contains { $0.level == .error && $0.message == "journal write failed" })
    }
}
