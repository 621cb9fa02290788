#if canImport(Glibc)
import Glibc
#endif
import Firewall
import Foundation
import Logs
import Synchronization
import Traffic

/// `traffic --syslog-listen`: receives firewall syslog until `--listen-for` ends or Ctrl-C, feeding
/// each message to the aggregator, then reports what each listener received and dropped.
enum TrafficListening {
    /// Set by SIGINT/SIGTERM.
    private static let interrupted = Atomic<Bool>(false)

    static func run(_ endpoints: [SyslogEndpoint], seconds: Double?, aggregator: TrafficAggregator,
                    names: AsaSyslogMessage.NameTable, hostnames: Set<String>, year: Int) throws {
        var listeners: [SyslogListener] = []
        for endpoint in endpoints {
            do {
                let listener = try SyslogListener(endpoint: endpoint)
                listener.start()
                listeners.append(listener)
                printError("listening for syslog on \(listener.endpoint)")
            } catch {
                for listener in listeners { listener.stop() }
                throw CommandFailure.input(error.description)
            }
        }
        signal(SIGINT) { _ in TrafficListening.interrupted.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in TrafficListening.interrupted.store(true, ordering: .relaxed) }
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var summaries = listeners.map { SyslogReader.Summary(file: $0.endpoint.description) }
        func take() {
            for (index, listener) in listeners.enumerated() {
                let messages = listener.drain()
                guard !messages.isEmpty else { continue }
                var bytes: [UInt8] = []
                for message in messages {
                    // One message per line: a newline inside an octet-counted message is a space.
                    bytes += message.map { $0 == 10 || $0 == 13 ? 32 : $0 }
                    bytes.append(10)
                }
                let summary = SyslogReader.read(bytes, file: listener.endpoint.description, names: names,
                                                hostnames: hostnames, referenceYear: year) { message, header in
                    aggregator.add(message, time: header.timestamp ?? Int64(Date().timeIntervalSince1970))
                }
                summaries[index].merge(summary)
            }
        }
        // Losses are reported as they happen (at most once a second per listener), not only at the end.
        var reportedDrops = listeners.map { _ in 0 }
        var lastReport = Date()
        while !interrupted.load(ordering: .relaxed), deadline.map({ Date() < $0 }) ?? true {
            usleep(100_000)
            take()
            guard Date().timeIntervalSince(lastReport) >= 1 else { continue }
            lastReport = Date()
            for (index, listener) in listeners.enumerated() {
                let statistics = listener.statistics
                guard statistics.dropped > reportedDrops[index] else { continue }
                printError("\(listener.endpoint): overloaded, \(statistics.dropped - reportedDrops[index]) more dropped; "
                    + "so far \(statistics.summary)")
                reportedDrops[index] = statistics.dropped
            }
        }
        for listener in listeners { listener.stop() }
        take()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        for (index, listener) in listeners.enumerated() {
            aggregator.noteSyslogFile(summaries[index])
            let statistics = listener.statistics
            printError("\(listener.endpoint): \(statistics.summary)")
        }
    }
}

extension SyslogReader.Summary {
    /// Adds `other`'s counts (and its problems, up to the limit).
    mutating func merge(_ other: SyslogReader.Summary) {
        lines += other.lines
        messages += other.messages
        untagged += other.untagged
        refused += other.refused
        otherDevice += other.otherDevice
        unsupported.merge(other.unsupported, uniquingKeysWith: +)
        problems += other.problems.prefix(max(0, SyslogReader.problemLimit - problems.count))
    }
}
