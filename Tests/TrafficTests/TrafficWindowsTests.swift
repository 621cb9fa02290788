import Firewall
import Inventory
import Testing
import Traffic

/// The live view's bounded state: rings overwrite and count, windows fold cumulative reports
/// without counting twice, close windows by time, and keep at most `keyLimit` keys.
@Suite struct TrafficWindowsTests {
    @Test func aRingKeepsTheNewestAndCountsWhatItOverwrote() {
        var ring = TrafficRing<Int>(capacity: 3)
        for value in 1...5 { ring.append(value) }
        #expect(ring.count == 3)
        #expect(ring.elements == [3, 4, 5])
        #expect(ring.overwritten == 2)
        #expect(ring.last == 5)
        var single = TrafficRing<Int>(capacity: 0)
        single.append(1)
        single.append(2)
        #expect(single.elements == [2] && single.overwritten == 1)
    }

    @Test func foldingTheSameReportTwiceCountsItOnce() throws {
        let aggregator = DemoTrafficTests.demo()
        var windows = TrafficWindows(windowSeconds: 10, windowCount: 4)
        windows.advance(to: 0)
        windows.fold(aggregator.report(by: .namespace))
        windows.fold(aggregator.report(by: .namespace))
        let rows = windows.rows(.namespace, top: 10)
        let expected = aggregator.report(by: .namespace).rows
        #expect(rows.map(\.row.key) == expected.map(\.key))
        let shared = try #require(rows.first)
        #expect(shared.row.bytesOut == expected[0].bytesOut && shared.row.bytesIn == expected[0].bytesIn)
        #expect(shared.row.flows == 5 && shared.row.denied == 1 && shared.row.shared)
        #expect(abs(shared.row.estimatedCostUSD - 0.3125) < 1e-9)
        // No window closed yet: the history is the open window alone.
        #expect(shared.history == [expected[0].bytesOut + expected[0].bytesIn])
    }

    @Test func windowsCloseByTimeAndTheHistoryIsBounded() throws {
        let aggregator = DemoTrafficTests.demo()
        var windows = TrafficWindows(windowSeconds: 10, windowCount: 3)
        windows.advance(to: 100)
        windows.fold(aggregator.report(by: .gateway))
        windows.advance(to: 111)
        #expect(windows.closedWindows == 1)
        // A new epoch (a new aggregator): its whole report is new traffic.
        windows.startEpoch()
        windows.fold(aggregator.report(by: .gateway))
        windows.advance(to: 200)
        #expect(windows.closedWindows == 10)
        let row = try #require(windows.rows(.gateway, top: 1).first)
        let bytes = aggregator.report(by: .gateway).rows[0]
        // Three closed windows kept (the ring's capacity) plus the open one; the traffic is older than that.
        #expect(row.history.count == 4)
        #expect(row.history == [0, 0, 0, 0])
        #expect(row.row.bytesOut == 2 * bytes.bytesOut)
    }

    @Test func keysBeyondTheLimitAreEvictedAndCounted() {
        let aggregator = DemoTrafficTests.demo()
        let report = aggregator.report(by: .destination)
        #expect(report.rows.count > 2)
        var windows = TrafficWindows(keyLimit: 2)
        windows.fold(report)
        #expect(windows.keyCount(.destination) == 2)
        #expect(windows.evictedKeys == UInt64(report.rows.count - 2))
        // The largest stay.
        #expect(windows.rows(.destination, top: 5).map(\.row.key) == report.rows.prefix(2).map(\.key))
    }

    @Test func aDenyResolvesToThePlacedFirewallsEntry() throws {
        let snapshot = DemoBundle.load().snapshot
        let line = "<164>Dec 06 2026 10:00:31 ftd-egress : %FTD-4-106023: Deny tcp src inside:10.0.41.20/40188 "
            + "dst outside:103.47.244.10/80 by access-group \"inside_access_in\" [0x9f6a1c02, 0x0]"
        let message = try #require(AsaSyslogMessage.parse(line))
        var resolver = DenyResolver(snapshot: snapshot)
        let ace = try #require(resolver.entry(for: message, host: "ftd-egress", at: nil))
        #expect(ace.firewall == "ftd-egress" && ace.accessList == "inside_access_in")
        #expect(ace.line != nil && ace.text.contains("deny"))
        #expect(ace.key == "ftd-egress|inside_access_in|\(ace.line ?? 0)")
        // A list the configuration does not apply there: no entry, never a guess.
        let other = try #require(AsaSyslogMessage.parse(line.replacingOccurrences(of: "inside_access_in", with: "nope")))
        #expect(resolver.entry(for: other, host: "ftd-egress", at: nil) == nil)
        // The sender of the trace: a workload whose trace leaves with 10.0.41.20 (the DLP gateway).
        let aggregator = TrafficAggregator(snapshot: snapshot)
        let source = try #require(message.source?.address)
        let destination = try #require(message.destination?.address)
        let attribution = aggregator.attribution(of: source, remote: destination, time: nil)
        #expect(attribution?.namespaces == ["checkout", "payments"])
        let found = resolver.sender(for: source, attribution: attribution)
        let sender = try #require(found)
        #expect(sender.hasPrefix("checkout/") || sender.hasPrefix("payments/"))
    }
}
