@testable import Console
import Inventory
import LPM
import Testing

/// The Events view's diffing: two Snapshots (the demo and the demo changed) give the events.
@Suite("Event diffing")
struct EventDiffTests {
    static let now = 1_795_608_000.0

    /// The demo with `change` applied to its cluster and AWS state.
    static func demo(_ change: (inout ClusterState, inout AWSState) -> Void) -> Snapshot {
        let base = Fixtures.demo
        var cluster = base.cluster
        var aws = base.aws
        change(&cluster, &aws)
        return Snapshot(source: base.source, cluster: cluster, aws: aws, config: base.config,
                        firewallConfigs: base.firewallConfigs)
    }

    @Test func aGatewayMadeUnreadyIsAnErrorEvent() throws {
        let after = Self.demo { cluster, _ in
            if let index = cluster.pods.firstIndex(where: { $0.name == "dlp-service-egw-6d9f7c8b5-4xkqz" }) {
                cluster.pods[index].ready = false
            }
        }
        let events = SnapshotDiff.events(from: Fixtures.demo, to: after, at: Self.now)
        let event = try #require(events.first { $0.kind == .gateway })
        #expect(event.subject == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz")
        #expect(event.message.hasPrefix("NOT READY"))
        #expect(event.role == .error)
        #expect(event.target == .gateway("dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"))
    }

    @Test func aGatewayBecomingReadyIsAnOKEvent() throws {
        let unready = Self.demo { cluster, _ in
            if let index = cluster.pods.firstIndex(where: { $0.name == "dlp-service-egw-6d9f7c8b5-4xkqz" }) {
                cluster.pods[index].ready = false
            }
        }
        let events = SnapshotDiff.events(from: unready, to: Fixtures.demo, at: Self.now)
        #expect(events.map(\.message) == ["ready"])
        #expect(events.first?.role == .ok)
    }

    @Test func theSameSnapshotGivesNoEvents() {
        #expect(SnapshotDiff.events(from: Fixtures.demo, to: Fixtures.demo, at: Self.now).isEmpty)
    }

    @Test func aDisassociatedElasticIPIsReported() throws {
        let after = Self.demo { _, aws in
            if let index = aws.elasticIPs.firstIndex(where: { $0.publicIP.description == "203.0.113.10" }) {
                let eip = aws.elasticIPs[index]
                aws.elasticIPs[index] = ElasticIP(allocationID: eip.allocationID, publicIP: eip.publicIP, tags: eip.tags)
            }
        }
        let events = SnapshotDiff.events(from: Fixtures.demo, to: after, at: Self.now).filter { $0.kind == .elasticIP }
        #expect(events.contains { $0.subject == "203.0.113.10" && $0.message.hasPrefix("disassociated (was eni-") })
        #expect(events.contains { $0.subject == "203.0.113.10" && $0.message.hasPrefix("idle") })
    }

    @Test func poolBandsFollowTheGaugeThresholds() {
        #expect(PoolPressure(utilization: 0.5) == .normal)
        #expect(PoolPressure(utilization: 0.80) == .high)
        #expect(PoolPressure(utilization: 0.949) == .high)
        #expect(PoolPressure(utilization: 0.95) == .critical)
        #expect(PoolsTable.gaugeRole(0.949) == .gaugeWarn)
        #expect(PoolsTable.gaugeRole(0.95) == .gaugeCritical)
    }

    @Test func sourceFailuresAndRecoveriesAreEvents() {
        let failed = SourceHealth.failing(.kube, "connection refused")
        let failing = SnapshotDiff.events(from: .ok, to: failed, at: Self.now)
        #expect(failing.map(\.message) == ["FAILED: kube: connection refused"])
        #expect(failing.first?.subject == "kube")
        let recovered = SnapshotDiff.events(from: failed, to: .ok, at: Self.now)
        #expect(recovered.map(\.message) == ["recovered (was: kube: connection refused)"])
        #expect(recovered.first?.role == .ok)
    }

    @Test func oneOutageIsOneEventWhateverItsMessagesSay() {
        let first = SourceHealth.failing(.aws, "DescribeVpcs: timeout")
        let second = SourceHealth.failing(.aws, "DescribeVpcs: connection refused")
        #expect(SnapshotDiff.events(from: first, to: second, at: Self.now).isEmpty)
        #expect(SnapshotDiff.events(from: second, to: .ok, at: Self.now).map(\.subject) == ["aws"])
    }

    @Test func publishedSnapshotsAndStatusesReachTheEventsView() {
        var console = Fixtures.console(width: 120, height: 30)
        let after = Self.demo { cluster, _ in
            if let index = cluster.pods.firstIndex(where: { $0.name == "corp-mainframe-egw-7b4d6f9c8-hq5ld" }) {
                cluster.pods[index].ready = false
            }
        }
        console.now += 65
        console.publish(after)
        console.now += 5
        console.publish(status: .failing(.aws, "timeout"))
        console.type("8")
        let screen = console.render().text
        #expect(screen.contains("Events (3)"))
        #expect(screen.contains("2026-11-25 12:01:10 source  aws"))
        #expect(screen.contains("FAILED: aws: timeout"))
        #expect(screen.contains("corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld"))
        #expect(screen.contains("NOT READY"))
    }

    @Test func eventTimestampsAreUTC() {
        #expect(EventsTable.timestamp(1_795_608_000) == "2026-11-25 12:00:00")
        #expect(EventsTable.timestamp(0) == "1970-01-01 00:00:00")
    }

    @Test func theLogKeepsTheNewestEvents() {
        var log = EventLog(capacity: 2)
        for index in 0..<3 {
            log.append([FleetEvent(time: Double(index), kind: .pool, subject: "p\(index)", message: "m", role: .text,
                                   target: nil)])
        }
        #expect(log.events.map(\.subject) == ["p1", "p2"])
    }

    @Test func aPoolCrossingNinetyFivePercentAndBackIsReported() throws {
        // dlp-use1b holds one gateway (10.0.42.37): shrunk to that /32 it is 100 % used.
        let full = Self.demo { cluster, _ in
            if let index = cluster.ipPools.firstIndex(where: { $0.name == "dlp-use1b" }),
               let prefix = try? IPPrefix("10.0.42.37/32") {
                cluster.ipPools[index].cidr = prefix
            }
        }
        let crossing = SnapshotDiff.events(from: Fixtures.demo, to: full, at: Self.now).filter { $0.kind == .pool }
        let event = try #require(crossing.first { $0.subject == "dlp-use1b" })
        #expect(event.message == "utilization 100.0%: crossed 95 %")
        #expect(event.role == .error)
        let back = SnapshotDiff.events(from: full, to: Fixtures.demo, at: Self.now).filter { $0.subject == "dlp-use1b" }
        #expect(back.first?.message.hasSuffix("back below 95 %") == true)
        #expect(back.first?.role == .ok)
    }
}
