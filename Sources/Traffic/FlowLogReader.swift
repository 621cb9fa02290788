import Foundation

/// Reads one flow-log file handed over as bytes, whatever its container: an S3 object (plain
/// text or gzip, header line first) or a CloudWatch Logs export (`aws logs filter-log-events
/// --output json`: events whose `message` is a record in the flow log's format, no header).
public enum FlowLogReader {
    /// What a file held.
    public struct Summary: Hashable, Sendable {
        /// The file, as given.
        public var file: String
        /// How it was delivered.
        public var container: Container
        /// The columns used.
        public var format: FlowLogFormat?
        /// Counts.
        public var statistics: FlowLogStatistics
        /// The first problems (all are counted in `statistics.malformed`).
        public var problems: [FlowLogProblem]

        /// A summary (a live source builds one per batch it read).
        public init(file: String, container: Container, format: FlowLogFormat?, statistics: FlowLogStatistics,
                    problems: [FlowLogProblem]) {
            self.file = file
            self.container = container
            self.format = format
            self.statistics = statistics
            self.problems = problems
        }
    }

    /// How a flow-log file was delivered.
    public enum Container: String, Hashable, Sendable {
        /// Plain text, as S3 holds it uncompressed.
        case text
        /// gzip text, as S3 delivers it.
        case gzip
        /// A CloudWatch Logs `filter-log-events` JSON export.
        case cloudWatchLogs = "cloudwatch-logs"
    }

    /// Reads `bytes` (the whole file) and calls `sink` for every OK record. `format` is the flow
    /// log's `LogFormat` when known; an S3 file's header line takes precedence.
    public static func read(_ bytes: [UInt8], file: String, format: FlowLogFormat? = nil,
                            _ sink: (FlowLogRecord) -> Void) -> Summary {
        if Gzip.isGzip(bytes) {
            do {
                let text = try Gzip.decompress(bytes)
                var summary = read(text, file: file, format: format, sink)
                if summary.container == .text { summary.container = .gzip }
                return summary
            } catch {
                var statistics = FlowLogStatistics()
                statistics.malformed = 1
                return Summary(file: file, container: .gzip, format: format, statistics: statistics,
                               problems: [FlowLogProblem(file: file, line: 0, expected: .container("gzip data"),
                                                         found: error.description)])
            }
        }
        if bytes.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) == UInt8(ascii: "{") {
            return readCloudWatchExport(bytes, file: file, format: format, sink)
        }
        var parser = FlowLogParser(file: file, format: nil)
        if let format, !startsWithHeader(bytes) { parser = FlowLogParser(file: file, format: format) }
        parser.feed(bytes, sink)
        parser.finish(sink)
        return Summary(file: file, container: .text, format: parser.format, statistics: parser.statistics,
                       problems: parser.problems)
    }

    private static func startsWithHeader(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        return first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
    }

    private struct Export: Decodable {
        struct Event: Decodable {
            var message: String?
        }
        var events: [Event]
    }

    private static func readCloudWatchExport(_ bytes: [UInt8], file: String, format: FlowLogFormat?,
                                             _ sink: (FlowLogRecord) -> Void) -> Summary {
        let export: Export
        do {
            export = try JSONDecoder().decode(Export.self, from: Data(bytes))
        } catch {
            var statistics = FlowLogStatistics()
            statistics.malformed = 1
            return Summary(file: file, container: .cloudWatchLogs, format: format, statistics: statistics,
                           problems: [FlowLogProblem(file: file, line: 0,
                                                     expected: .container("a CloudWatch Logs export {\"events\": [...]}"),
                                                     found: "\(error)")])
        }
        var parser = FlowLogParser(file: file, format: format ?? .default)
        for (index, event) in export.events.enumerated() {
            parser.parseLine(event.message ?? "", number: index + 1, sink)
        }
        return Summary(file: file, container: .cloudWatchLogs, format: parser.format, statistics: parser.statistics,
                       problems: parser.problems)
    }
}
