import Firewall

/// Reads a firewall syslog file (one message per line, any header) handed over as bytes: each
/// line is parsed or refused with a reason naming its message id; refusals are counted per
/// reason, the first `problemLimit` kept with their line. Lines longer than
/// `maximumLineLength` are refused.
public enum SyslogReader {
    /// The longest line read.
    public static let maximumLineLength = 8192
    /// How many refused lines are kept.
    public static let problemLimit = 100

    /// A refused line.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// The 1-based line.
        public var line: Int
        /// Why.
        public var refusal: AsaSyslogMessage.Refusal

        /// `file:line: reason`.
        public var description: String { "\(file):\(line): \(refusal)" }
    }

    /// What a file held.
    public struct Summary: Hashable, Sendable {
        /// The file.
        public var file: String
        /// Lines read.
        public var lines = 0
        /// Messages read.
        public var messages = 0
        /// Lines without a tag.
        public var untagged = 0
        /// Tagged lines of messages Gatewatch does not read, by message id.
        public var unsupported: [Int: Int] = [:]
        /// Lines of supported messages that did not read (malformed, unresolved names), all kept
        /// up to `problemLimit`.
        public var problems: [Problem] = []
        /// How many such lines there were.
        public var refused = 0
        /// Lines from another firewall (`hostname:` does not match).
        public var otherDevice = 0

        /// Nothing read yet from `file`.
        public init(file: String) {
            self.file = file
        }
    }

    /// Reads `bytes`; calls `sink` with each message and its header. `names` resolves endpoints
    /// logged as host names; `hostnames` (when not empty) keeps only lines from those devices;
    /// `referenceYear` dates stamps without a year.
    public static func read(_ bytes: [UInt8], file: String, names: AsaSyslogMessage.NameTable = .init(),
                            hostnames: Set<String> = [], referenceYear: Int,
                            _ sink: (AsaSyslogMessage, AsaSyslogMessage.Header) -> Void) -> Summary {
        var summary = Summary(file: file)
        var number = 0
        for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            if raw.isEmpty || (raw.count == 1 && raw.first == 13) { continue }
            summary.lines += 1
            guard raw.count <= maximumLineLength else {
                summary.refused += 1
                if summary.problems.count < problemLimit {
                    summary.problems.append(Problem(file: file, line: number, refusal: .init(
                        messageID: nil, reason: .malformed(expected: "a line of at most \(maximumLineLength) bytes"))))
                }
                continue
            }
            let line = String(decoding: raw, as: UTF8.self)
            switch AsaSyslogMessage.parseResult(line, names: names) {
            case .success(let message):
                let header = AsaSyslogMessage.Header(line: line, referenceYear: referenceYear)
                if !hostnames.isEmpty, let host = header.host, !hostnames.contains(host) {
                    summary.otherDevice += 1
                    continue
                }
                summary.messages += 1
                sink(message, header)
            case .failure(let refusal):
                switch refusal.reason {
                case .noTag: summary.untagged += 1
                case .unsupportedMessage: summary.unsupported[refusal.messageID ?? 0, default: 0] += 1
                case .malformed, .endpointIsName:
                    summary.refused += 1
                    if summary.problems.count < problemLimit {
                        summary.problems.append(Problem(file: file, line: number, refusal: refusal))
                    }
                }
            }
        }
        return summary
    }
}
