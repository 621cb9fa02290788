import EC2
import Foundation
import HTTP
import Inventory
import Live
import TestSupport
import Testing
import Traffic

/// `FlowLogGroupPoller` against moto_server: a CloudWatch Logs group with one stream per ENI
/// holding default-format flow-log records (Tests/Peers/ec2/moto_logs_peer.py), read back
/// through FilterLogEvents (JSON 1.1, SigV4 service `logs`: moto routes on the signature), paged
/// with a small limit.
@Suite("CloudWatch Logs flow-log group against moto", .serialized)
struct FlowLogGroupPollerTests {
    static let recordsPerStream = 25

    static func peer() throws -> PeerProcess {
        try PeerProcess(script: "ec2/with_botocore.py",
                        arguments: ["--needs", "moto,boto3", "moto_logs_peer.py", "--records", String(recordsPerStream)],
                        timeout: 120)
    }

    /// Static test keys, the peer's region, no shared files or instance metadata.
    static func client(_ peer: PeerProcess) async throws -> CloudWatchLogsClient {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDGATEWATCHTEST", "AWS_SECRET_ACCESS_KEY": "gatewatch/secret+KEY",
                           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                           "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": try peer.string("url")]
        let configuration = try AWSConfiguration.resolve(profile: nil, region: "us-east-1", endpointURL: nil,
                                                         environment: environment)
        #expect(configuration.logsEndpoint(region: "us-east-1") == (try peer.string("url")))
        return try await CloudWatchLogsClient.connect(configuration: configuration, transport: HTTPClient.shared)
    }

    @Test func everyEventIsReadThroughSmallPagesAndAttributed() async throws {
        let peer = try Self.peer()
        defer { peer.stop() }
        let group = try peer.string("group")
        let start = Int64(try peer.int("start"))
        let end = Int64(try peer.int("end"))
        let events = try peer.int("events")
        let poller = FlowLogGroupPoller(group: group, client: try await Self.client(peer), pageSize: 7)
        #expect(poller.source == "cloudwatch-logs:\(group)")

        let observed = try await poller.read(from: start, to: end)
        // 2 streams × (25 ACCEPT + 1 REJECT + 1 NODATA + 1 malformed) = 56 events in pages of 7.
        #expect(events == 56)
        #expect(observed.pages >= events / 7)
        #expect(observed.records.count == 2 * (Self.recordsPerStream + 1))
        #expect(observed.summary.statistics.noData == 2 && observed.summary.statistics.malformed == 2)
        #expect(observed.summary.problems.allSatisfy { $0.file == poller.source })
        #expect(observed.summary.container == .cloudWatchLogs)
        let bytes = try #require(peer.ready["bytesByStream"] as? [String: Int])
        for (stream, total) in bytes {
            let eni = NetworkInterfaceID(String(stream.dropLast(4)))
            let accepted = observed.records.filter { $0.interfaceID == eni && $0.action == .accept }
            #expect(accepted.count == Self.recordsPerStream)
            #expect(accepted.reduce(0) { $0 + ($1.bytes ?? 0) } == UInt64(total))
            #expect(accepted.allSatisfy { ($0.start ?? 0) * 1000 >= start && ($0.start ?? 0) * 1000 <= end })
        }

        // The records attribute like file records: the DLP and mainframe gateways of the demo.
        let aggregator = TrafficAggregator(snapshot: DemoBundle.load().snapshot)
        for record in observed.records { aggregator.add(record) }
        aggregator.noteFlowLogFile(observed.summary)
        let rows = aggregator.report(by: .gateway).rows
        #expect(rows.map(\.key).contains("dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"))
        #expect(rows.map(\.key).contains("corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld"))
        #expect(rows.reduce(0) { $0 + $1.flows } == UInt64(2 * Self.recordsPerStream))
        #expect(rows.reduce(0) { $0 + $1.denied } == 2)

        // An overlapping window delivers nothing twice.
        let again = try await poller.read(from: start, to: end)
        #expect(again.records.isEmpty && again.repeated == events)

        // A window with nothing in it is one empty page.
        let empty = try await poller.read(from: end + 1000, to: end + 2000)
        #expect(empty.records.isEmpty && empty.pages == 1 && empty.repeated == 0)
    }

    @Test func theStreamPollsTheLastMinutesWithASourceLabel() async throws {
        let peer = try Self.peer()
        defer { peer.stop() }
        let end = Int64(try peer.int("end"))
        let poller = FlowLogGroupPoller(group: try peer.string("group"), client: try await Self.client(peer), pageSize: 10)
        var batches: [ObservedFlowLogs] = []
        for await result in poller.stream(interval: .milliseconds(50), lookback: 3600,
                                          now: { Date(timeIntervalSince1970: Double(end) / 1000) }) {
            batches.append(try result.get())
            if batches.count == 2 { break }
        }
        #expect(batches.map(\.source) == [poller.source, poller.source])
        #expect(batches[0].records.count == 2 * (Self.recordsPerStream + 1))
        // The second poll covers the same window: nothing new.
        #expect(batches[1].records.isEmpty && batches[1].repeated == 56)
    }

    @Test func aMissingGroupIsAServiceErrorNamingTheAction() async throws {
        let peer = try Self.peer()
        defer { peer.stop() }
        let poller = FlowLogGroupPoller(group: "no-such-group", client: try await Self.client(peer))
        do {
            _ = try await poller.read(from: 0, to: 1000)
            Issue.record("a missing group was read")
        } catch {
            guard case .service(let service) = error else {
                Issue.record("expected a service error, got \(error)")
                return
            }
            #expect(service.code == "ResourceNotFoundException" && service.operation == "FilterLogEvents")
            #expect(service.service == "logs")
        }
    }
}
