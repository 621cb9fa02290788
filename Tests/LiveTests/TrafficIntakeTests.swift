import Foundation
import Inventory
import Live
import Testing
import Traffic

/// The live intake: one path for syslog lines and flow-log records, attributed against the
/// Snapshot, bounded (a full queue drops and counts), publishing windows, denies and per-source
/// counters.
@Suite struct TrafficIntakeTests {
    /// The demo's `logs/` as the console hands them in: flow-log records, then syslog lines.
    static func demoBatches() -> [TrafficIntake.Batch] {
        var batches: [TrafficIntake.Batch] = []
        for file in DemoBundle.files where file.path.hasPrefix("logs/flow/") {
            var records: [FlowLogRecord] = []
            _ = FlowLogReader.read(file.contents, file: file.path) { records.append($0) }
            batches.append(.flowLog(source: "flow", records: records))
        }
        for file in DemoBundle.files where file.path.hasPrefix("logs/syslog/") {
            let lines = file.contents.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
            batches.append(.syslog(source: "syslog", lines: lines))
        }
        return batches
    }

    /// Runs `intake` over what is queued until it stops, returning the last publication.
    static func drain(_ intake: TrafficIntake, now: Double = 1_796_551_200) -> ObservedTraffic? {
        intake.stop()
        var last: ObservedTraffic?
        intake.run(now: { now }) { last = $0 }
        return last
    }

    @Test func theDemoLogsFoldIntoRowsDeniesAndCounters() throws {
        let intake = TrafficIntake(snapshot: DemoBundle.load().snapshot)
        for batch in Self.demoBatches() { #expect(intake.submit(batch)) }
        let traffic = try #require(Self.drain(intake))
        let namespaces = try #require(traffic.rows[.namespace])
        #expect(namespaces.map(\.row.key) == ["checkout+payments", "analytics+checkout+payments", "payments"])
        #expect(namespaces[0].row.shared && namespaces[0].row.flows == 5)
        #expect(abs(namespaces[0].row.estimatedCostUSD - 0.3125) < 1e-9)
        #expect(traffic.rows[.gateway]?.isEmpty == false && traffic.rows[.destination]?.isEmpty == false)
        // Two 106023 denies, newest first, each with its workloads and the entry that denied it.
        #expect(traffic.denies.map(\.messageID) == [106023, 106023])
        let first = try #require(traffic.denies.last)
        #expect(first.sourceAddress.description == "10.0.41.20" && first.destinationPort == 80)
        // The DLP gateway carries checkout and payments traffic: shared, never split.
        #expect(first.namespaces == ["checkout", "payments"])
        #expect(first.sender?.hasPrefix("checkout/") == true || first.sender?.hasPrefix("payments/") == true)
        let ace = try #require(first.ace)
        #expect(ace.firewall == "ftd-egress" && ace.accessList == "inside_access_in" && ace.line != nil)
        #expect(traffic.aceHits[ace.key] ?? 0 >= 1)
        #expect(traffic.aceHits.values.reduce(0, +) == 2)
        let node = try #require(traffic.denies.first)
        #expect(node.namespaces == ["analytics", "checkout", "payments"])
        #expect(traffic.sources.map(\.source) == ["flow", "syslog"])
        let syslog = traffic.sources[1]
        #expect(syslog.read == 6 && syslog.ignored == 1 && syslog.refused == 0 && syslog.dropped == 0)
        #expect(traffic.dropped == 0)
    }

    @Test func aFullQueueDropsAndCountsPerSource() throws {
        let intake = TrafficIntake(snapshot: DemoBundle.load().snapshot, queueLimit: 600)
        let line = "<164>Dec 06 2026 10:00:31 ftd-egress : %FTD-4-106023: Deny tcp src inside:10.0.41.20/40188 "
            + "dst outside:103.47.244.10/80 by access-group \"inside_access_in\" [0x9f6a1c02, 0x0]"
        #expect(intake.submit(.syslog(source: "udp://127.0.0.1:5514",
                                      lines: Array(repeating: line, count: intake.queueLimit - 5))))
        #expect(!intake.submit(.syslog(source: "udp://127.0.0.1:5514", lines: Array(repeating: line, count: 10))))
        #expect(intake.queued == intake.queueLimit)
        intake.noteDropped(source: "udp://127.0.0.1:5514", total: 7)
        let traffic = try #require(Self.drain(intake))
        let source = try #require(traffic.sources.first)
        #expect(source.received == UInt64(intake.queueLimit + 5))
        #expect(source.droppedByIntake == 5 && source.droppedBySource == 7 && traffic.dropped == 12)
        #expect(source.read == UInt64(intake.queueLimit))
        // The feed keeps the newest denies only, and says how many rolled off.
        #expect(traffic.denies.count == TrafficIntake.denyLimit)
        #expect(traffic.deniesOverwritten == UInt64(intake.queueLimit - TrafficIntake.denyLimit))
        #expect(intake.queued == 0)
    }

    @Test func aNewSnapshotStartsANewEpochWithoutLosingTotals() throws {
        let snapshot = DemoBundle.load().snapshot
        let intake = TrafficIntake(snapshot: snapshot)
        for batch in Self.demoBatches() { intake.submit(batch) }
        intake.update(snapshot: snapshot, generation: 1)
        // The same generation again is a change of health only: no new epoch.
        intake.update(snapshot: snapshot, generation: 1)
        let traffic = try #require(Self.drain(intake))
        let shared = try #require(traffic.rows[.namespace]?.first)
        #expect(shared.row.key == "checkout+payments" && shared.row.flows == 5)
    }
}
