@testable import Console
import Foundation
import Inventory
import Simulator
import Testing

/// The console's gateway-operations surfaces, offscreen: `:whatif fail`, the Gateways view's
/// operations columns and countdown, the Pools view's Capacity section, the drain event.
@Suite("Gateway operations views")
struct GatewayOperationsViewTests {
    static let context = ToolViewInteractionTests.context
    static let payments = ToolViewInteractionTests.payments

    @Test func whatIfFailAZoneComparesTheTraceSideBySide() throws {
        var state = ConsoleState(size: ScreenSize(width: 160, height: 48))
        _ = state.execute("trace \(Self.payments) 172.16.0.10:23", context: Self.context)
        _ = state.execute("whatif fail zone=us-east-1b zone=us-east-1c", context: Self.context)
        #expect(state.message?.isError == false, "\(String(describing: state.message))")
        let run = try #require(state.trace.run)
        #expect(try run.current.get().verdict == .allow)
        // Both mainframe gateways sit in us-east-1b and us-east-1c: nothing is left.
        #expect(try #require(try run.candidate?.get()).verdict == .drop)
        #expect(state.trace.candidate?.label == "fail zone=us-east-1b, zone=us-east-1c")
    }

    @Test func whatIfFailRefusesATargetWithNoGateway() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        _ = state.execute("whatif fail zone=eu-west-1a", context: Self.context)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("zone=eu-west-1a") == true)
    }

    @Test func whatIfFailCompletesZonesAndNodes() {
        let candidates = CommandPrompt.candidates(for: "whatif fail ", context: Self.context)
        #expect(candidates.contains("zone=us-east-1a"))
        #expect(candidates.contains("node=ip-10-0-45-30.ec2.internal"))
    }

    @Test func theGatewayTableCountsTheDrainDownAsFramesAreDrawn() throws {
        let snapshot = Fixtures.demo
        let end = try #require(Timestamp.secondsSince1970("2026-11-25T14:00:30Z"))
        let table = GatewaysTable.model(snapshot, now: end - 65)
        let row = try #require(table.rows.first { $0.key == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-r8vtn" })
        let column = try #require(table.columns.firstIndex { $0.title == "DRAIN" })
        #expect(table.columns[column].kind == .countdown)
        #expect(row.cells[column].text == "1m05s left · 2 clients moving")
        #expect(row.deadline?.time == end)
        let reason = try #require(table.columns.firstIndex { $0.title == "REASON" })
        #expect(row.cells[reason].text == "Terminating")
        let probes = try #require(table.columns.firstIndex { $0.title == "PROBES" })
        #expect(row.cells[probes].text == "http https://ingest.dlp.example.com/healthz every 10s/30s")
        let other = try #require(table.rows.first { $0.key == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w" })
        #expect(other.deadline == nil)
        #expect(other.cells[column].text == "-")
        #expect(Formatting.countdown(seconds: 5) == "5s left")
        #expect(Formatting.countdown(seconds: 3725) == "1h02m left")
        #expect(Formatting.countdown(seconds: 0) == "ended")
    }

    @Test func thePoolsViewHasCapacityColumnsAndThePoolPageACapacitySection() throws {
        let table = PoolsTable.model(Fixtures.demo, history: [:])
        let zone = try #require(table.columns.firstIndex { $0.title == "ZONE" })
        let free = try #require(table.columns.firstIndex { $0.title == "FREE" })
        let gateways = try #require(table.columns.firstIndex { $0.title == "GATEWAYS" })
        let dlp = try #require(table.rows.first { $0.key == "dlp-use1a" })
        #expect(dlp.cells[zone].text == "us-east-1a")
        #expect(dlp.cells[free].text == "247")
        #expect(dlp.cells[gateways].text == "1/3 +1 term.")
        let plain = try #require(table.rows.first { $0.key == "default-ipv4-ippool" })
        #expect(plain.cells[zone].text == "-")
        #expect(table.rows.count == Fixtures.demo.pools.count)
        let text = DetailPages.page(for: .pool("dlp-use1a"), in: Fixtures.demo).lines
            .map { $0.segments.map(\.text).joined() }.joined(separator: "\n")
        #expect(text.contains("Capacity"))
        #expect(text.contains("dlp-service-egw/dlp-service-egw-6d9f7c8b5-r8vtn"))
        #expect(text.contains("ip-10-0-6-42.ec2.internal  2/42 used, 40 free (node · m5.xlarge)"))
    }

    @Test func aDrainThatOpensIsAnEvent() throws {
        let before = Fixtures.demo
        var cluster = before.cluster
        let end = try #require(Timestamp.secondsSince1970("2026-11-25T15:00:00Z"))
        let index = try #require(cluster.pods.firstIndex { $0.name == "checkout-web-6b7d9c5f8-8hj2k" })
        cluster.pods[index].metadata.annotations[GatewayDrain.gatewayIPAnnotation] = "10.0.42.37"
        cluster.pods[index].metadata.annotations[GatewayDrain.finishedAnnotation] = "2026-11-25T15:00:00Z"
        let after = Snapshot(source: before.source, cluster: cluster, aws: before.aws, config: before.config,
                             firewallConfigs: before.firewallConfigs)
        let events = SnapshotDiff.events(from: before, to: after, at: end - 100)
        let drain = try #require(events.first { $0.message.hasPrefix("draining") })
        #expect(drain.subject == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w")
        #expect(drain.message == "draining (10.0.42.37): 1 client being moved, window ends 2026-11-25 15:00:00Z")
        #expect(drain.target == .gateway("dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w"))
        #expect(SnapshotDiff.events(from: after, to: after, at: end - 90).allSatisfy { !$0.message.hasPrefix("draining") })
    }
}
