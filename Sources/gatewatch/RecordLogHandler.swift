import Foundation
import Logging
import Presentation

/// `record`'s swift-log handler: one line per event, `logfmt`-style metadata sorted by key, so
/// journald, `grep` and log shippers read it alike:
///
///     2026-12-07T00:41:02.123Z info gatewatch.record: journal flushed opened=3 states=1
///     <6>gatewatch.record: journal flushed opened=3 states=1          (under systemd)
///
/// Control characters in messages and values are escaped, so an event is always one line. Only
/// what the daemon hands in is written: paths, counts, sizes, error descriptions (which never
/// carry credentials), never a request or a credential.
struct RecordLogHandler: LogHandler {
    /// The label (`gatewatch.record`, `gatewatch.journal`).
    let label: String
    /// Where lines go.
    let sink: RecordLogSink
    /// The lowest level written.
    var logLevel: Logger.Level
    /// Metadata on every line of this logger.
    var metadata: Logger.Metadata = [:]
    /// Unused (no task-local metadata).
    var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label` writing at `level` and above into `sink`.
    init(label: String, sink: RecordLogSink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = .string("\(error)") }
        var line = sink.journald ? "<\(Self.priority(event.level))>" : "\(LogClock.now()) \(event.level) "
        line += "\(label): \(Self.escaped("\(event.message)"))"
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            line += " \(key)=\(Self.quoted(Self.text(value)))"
        }
        sink.write(line)
    }

    /// The syslog priority journald reads from a `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return values.map(text).joined(separator: ",")
        case .dictionary(let pairs): return pairs.keys.sorted().map { "\($0):\(pairs[$0].map(text) ?? "")" }.joined(separator: ",")
        }
    }

    /// The value as is when it is a plain word, else in double quotes with `"` and `\` escaped.
    static func quoted(_ value: String) -> String {
        let escapedValue = escaped(value)
        let plain = !escapedValue.isEmpty && !escapedValue.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" }
        if plain { return escapedValue }
        return "\"" + escapedValue.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Control and bidi characters neutralised: a log event stays on one line.
    static func escaped(_ text: String) -> String {
        TerminalText.neutralized(text, keepingNewlines: false)
    }
}

/// The wall clock as the log prints it.
enum LogClock {
    /// `2026-12-07T00:41:02.123Z`.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var time = tm()
        var seconds = spec.tv_sec
        gmtime_r(&seconds, &time)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(time.tm_year + 1900, 4))-\(pad(time.tm_mon + 1, 2))-\(pad(time.tm_mday, 2))T"
            + "\(pad(time.tm_hour, 2)):\(pad(time.tm_min, 2)):\(pad(time.tm_sec, 2)).\(pad(Int32(spec.tv_nsec / 1_000_000), 3))Z"
    }
}
