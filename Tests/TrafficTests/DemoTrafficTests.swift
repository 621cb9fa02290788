import Inventory
import Testing
@testable import Traffic

/// The demo's logs/ (one S3 flow-log file, one FTD syslog file), numbers checked by hand.
@Suite struct DemoTrafficTests {
    static let gib: UInt64 = 1 << 30
    static let mib: UInt64 = 1 << 20

    static func demo() -> TrafficAggregator {
        let loaded = DemoBundle.load()
        let aggregator = TrafficAggregator(snapshot: loaded.snapshot)
        for file in DemoBundle.files where file.path.hasPrefix("logs/flow/") {
            aggregator.noteFlowLogFile(FlowLogReader.read(file.contents, file: file.path) { aggregator.add($0) })
        }
        for file in DemoBundle.files where file.path.hasPrefix("logs/syslog/") {
            aggregator.noteSyslogFile(SyslogReader.read(file.contents, file: file.path, referenceYear: 2026) {
                aggregator.add($0, time: $1.timestamp)
            })
        }
        return aggregator
    }

    @Test func theFilesReadCleanly() throws {
        let sources = Self.demo().sources
        let flow = try #require(sources.flowLogs.first)
        #expect(flow.container == .gzip && flow.statistics.records == 20 && flow.statistics.noData == 1)
        #expect(flow.statistics.malformed == 0 && flow.format?.hasPacketAddresses == true)
        let syslog = try #require(sources.syslog.first)
        #expect(syslog.messages == 6 && syslog.unsupported == [111008: 1] && syslog.refused == 0)
        // The NAT gateway logs the DLP connection four times: two duplicates, two of its translated side.
        #expect(sources.duplicates == 2 && sources.natTranslated == 2)
    }

    @Test func byNamespace() throws {
        let aggregator = Self.demo()
        let rows = aggregator.report(by: .namespace).rows
        #expect(rows.map(\.key) == ["checkout+payments", "analytics+checkout+payments", "payments"])
        let shared = rows[0]
        // DLP 2 GiB + 1 GiB, mainframe 64 MiB, databases 128 MiB + 32 MiB out.
        #expect(shared.bytesOut == 3 * Self.gib + 224 * Self.mib)
        // DLP 512 + 256 MiB, mainframe 512 MiB, databases 1 GiB + 256 MiB in.
        #expect(shared.bytesIn == 2 * Self.gib + Self.gib / 2)
        #expect(shared.flows == 5 && shared.denied == 1 && shared.packets == 4_554_752)
        #expect(shared.bytesByPath == [.gatewayLoadBalancerEndpoint: 3 * Self.gib + 3 * Self.gib / 4,
                                       .transitGateway: 1 * Self.gib + 992 * Self.mib])
        // 4xkqz: 2.5 x 0.0035 + 2 x 0.09; m2p7w: 1.25 x 0.0035 + 0.09 + 2 x 1.25 x 0.01 (us-east-1b to the
        // endpoint in us-east-1a); transit gateway: (64 MiB + 128 MiB + 32 MiB) x 0.02.
        #expect(abs(shared.estimatedCostUSD - 0.3125) < 1e-9)
        #expect(rows[1].bytesOut == 180 && rows[1].denied == 1 && rows[1].flows == 1)
        #expect(rows[2].bytesOut == 0 && rows[2].denied == 1 && rows[2].flows == 0)
        #expect(aggregator.report(by: .namespace).unattributed
            == TrafficTotals(bytesOut: 10 * Self.mib, bytesIn: 50 * Self.mib, packets: 51_200, flows: 1))
    }

    @Test func everyPathTypeOfTheDemo() {
        let rows = Self.demo().report(by: .path).rows
        #expect(rows.map(\.key) == ["gateway-load-balancer-endpoint", "transit-gateway"])
        #expect(rows[0].bytesOut == 3 * Self.gib && rows[0].denied == 2)
        #expect(rows[1].bytesOut == 224 * Self.mib + 180 && rows[1].denied == 1)
    }

    @Test func byGatewayAndEgressIP() {
        let aggregator = Self.demo()
        #expect(aggregator.report(by: .gateway).rows.map(\.key) == [
            "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz", "dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w",
            "corp-database-egw/corp-database-egw-58c7d9f6b-2kjfx", "corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld",
            "corp-database-egw/corp-database-egw-58c7d9f6b-v6ncz", "node/ip-10-0-45-30.ec2.internal",
            "node/ip-10-0-6-42.ec2.internal",
        ])
        #expect(aggregator.report(by: .egressIP).rows.map(\.key) == [
            "198.51.100.30", "100.64.0.25", "10.0.30.11", "100.64.4.25", "10.0.45.30",
        ])
    }
}
