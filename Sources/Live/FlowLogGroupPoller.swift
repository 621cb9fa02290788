import EC2
import Foundation
import HTTP
import Traffic

/// Reads VPC Flow Logs from one CloudWatch Logs group with `FilterLogEvents` (read-only): one
/// window at a time (`read`), or polled every minute over the last 20 minutes (`stream`), since
/// events carry the flow's start and arrive 5–15 minutes late (docs/traffic.md §2.4). Events
/// already delivered are recognised by (stream, event id) and skipped; that memory is bounded
/// (ids older than the window are forgotten, at most `rememberedLimit` kept).
public actor FlowLogGroupPoller {
    /// Seconds between polls of `stream`.
    public static let defaultInterval: Duration = .seconds(60)
    /// How far back (seconds) each poll of `stream` reads.
    public static let defaultLookback: Int64 = 20 * 60
    /// Event ids remembered at most.
    public static let rememberedLimit = 1_000_000

    /// The log group.
    public let group: String
    /// The source label, `cloudwatch-logs:GROUP`.
    public nonisolated var source: String { "cloudwatch-logs:\(group)" }
    private let client: CloudWatchLogsClient
    private let format: FlowLogFormat
    private let pageSize: Int?
    private var delivered: [String: Int64] = [:]
    private var lineNumber = 0

    /// A poller of `group` through `client`; records are read in `format` (the flow log's
    /// `LogFormat`; default version 2); `pageSize` is FilterLogEvents' `limit` (nil: 10,000).
    public init(group: String, client: CloudWatchLogsClient, format: FlowLogFormat = .default, pageSize: Int? = nil) {
        self.group = group
        self.client = client
        self.format = format
        self.pageSize = pageSize.map { min(max($0, 1), FilterLogEventsRequest.maximumLimit) }
    }

    /// Reads every event of `[from, to]` (epoch ms, inclusive) not delivered before, parsing each
    /// message as one record.
    public func read(from: Int64, to: Int64) async throws(EC2Error) -> ObservedFlowLogs {
        let request = FilterLogEventsRequest(logGroupName: group, startTime: from, endTime: to, limit: pageSize)
        let (events, pages) = try await client.filterAllLogEvents(request)
        var parser = FlowLogParser(file: source, format: format)
        var records: [FlowLogRecord] = []
        var repeated = 0
        for event in events {
            let key = event.logStreamName + "\u{0}" + event.eventId
            if delivered[key] != nil {
                repeated += 1
                continue
            }
            delivered[key] = event.timestamp
            lineNumber += 1
            parser.parseLine(event.message, number: lineNumber) { records.append($0) }
        }
        forget(before: from)
        let summary = FlowLogReader.Summary(file: source, container: .cloudWatchLogs, format: format,
                                            statistics: parser.statistics, problems: parser.problems)
        return ObservedFlowLogs(source: source, records: records, summary: summary, window: from...to,
                                repeated: repeated, pages: pages)
    }

    /// Polls every `interval` over the last `lookback` seconds until the stream's consumer stops;
    /// a failed poll is an element too (the next poll tries again).
    public nonisolated func stream(interval: Duration = FlowLogGroupPoller.defaultInterval,
                                   lookback: Int64 = FlowLogGroupPoller.defaultLookback,
                                   now: @escaping @Sendable () -> Date = { Date() })
        -> AsyncStream<Result<ObservedFlowLogs, EC2Error>> {
        AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    let end = Int64(now().timeIntervalSince1970 * 1000)
                    do throws(EC2Error) {
                        continuation.yield(.success(try await self.read(from: end - lookback * 1000, to: end)))
                    } catch {
                        continuation.yield(.failure(error))
                    }
                    do { try await Task.sleep(for: interval) } catch { break }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Forgets ids of events before `time` (no later window reaches them); past the limit, all.
    private func forget(before time: Int64) {
        delivered = delivered.filter { $0.value >= time }
        if delivered.count > Self.rememberedLimit { delivered.removeAll() }
    }
}

extension FlowLogGroupPoller {
    /// A poller of `group` with the AWS configuration of `settings` (profile, region, credential
    /// chain; the endpoint from `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` or `AWS_ENDPOINT_URL`, never
    /// the EC2 `--endpoint-url`) over libcurl.
    public static func connect(group: String, settings: LiveSettings, format: FlowLogFormat = .default,
                               pageSize: Int? = nil) async throws(EC2Error) -> FlowLogGroupPoller {
        let configuration = try AWSConfiguration.resolve(profile: settings.profile, region: settings.region,
                                                         endpointURL: nil, environment: settings.environment)
        let client = try await CloudWatchLogsClient.connect(configuration: configuration, transport: HTTPClient.shared)
        return FlowLogGroupPoller(group: group, client: client, format: format, pageSize: pageSize)
    }
}
