import Firewall
import Foundation
import Inventory
import LPM
import Synchronization
import Traffic

/// The one path observed traffic takes into the live views: sources (the syslog listener, a
/// flow-log poller, a bundle's `logs/`) hand in batches of lines or parsed records with a source
/// label; one worker parses, attributes (against the newest Snapshot) and folds them, and
/// publishes an `ObservedTraffic` at most every `publishInterval`.
///
/// Memory is bounded: the queue between sources and the worker holds at most `queueLimit` items
/// (more are dropped and counted per source); totals are kept per row key (at most
/// `TrafficWindows.keyLimit` per grouping) with a ring of windows each; denies in a ring of
/// `denyLimit`; the aggregator is replaced every `epochLimit` items and on a new Snapshot, so
/// its per-attribution state cannot grow without end.
public final class TrafficIntake: Sendable {
    /// Lines or records queued for the worker at most, unless the intake is made with another limit.
    public static let defaultQueueLimit = 131_072
    /// Denies kept for the feed.
    public static let denyLimit = 256
    /// Rows published per grouping.
    public static let publishedRows = 32
    /// Items one aggregator takes before it is replaced (its totals folded first).
    public static let epochLimit = 2_000_000
    /// ACEs whose hits are counted.
    public static let aceLimit = 4096

    /// A batch from one source.
    public enum Batch: Sendable {
        /// Syslog lines (one message each).
        case syslog(source: String, lines: [String])
        /// Parsed VPC Flow Logs records.
        case flowLog(source: String, records: [FlowLogRecord])

        var source: String {
            switch self {
            case .syslog(let source, _), .flowLog(let source, _): return source
            }
        }

        var count: Int {
            switch self {
            case .syslog(_, let lines): return lines.count
            case .flowLog(_, let records): return records.count
            }
        }
    }

    private struct Inbox {
        var batches: [Batch] = []
        var queued = 0
        var counters: [String: ObservedSourceCounters] = [:]
        var snapshot: Snapshot
        var snapshotChanged = false
        var generation: Int?
        var stopped = false
    }

    /// Seconds between publications at most (4 a second).
    public let publishInterval: Double
    /// Lines or records queued for the worker at most.
    public let queueLimit: Int
    private let inbox: Mutex<Inbox>
    private let windowSeconds: Double
    private let windowCount: Int

    /// An intake attributing against `snapshot` until `update(snapshot:)` hands a newer one.
    public init(snapshot: Snapshot, queueLimit: Int = TrafficIntake.defaultQueueLimit, publishInterval: Double = 0.25,
                windowSeconds: Double = 5, windowCount: Int = 48) {
        inbox = Mutex(Inbox(snapshot: snapshot))
        self.queueLimit = max(1, queueLimit)
        self.publishInterval = max(0.25, publishInterval)
        self.windowSeconds = windowSeconds
        self.windowCount = windowCount
    }

    /// Queues `batch`; what does not fit in the queue is dropped and counted. False when
    /// anything was dropped.
    @discardableResult
    public func submit(_ batch: Batch) -> Bool {
        inbox.withLock { box in
            var counters = box.counters[batch.source] ?? ObservedSourceCounters(source: batch.source)
            counters.received += UInt64(batch.count)
            let room = max(0, queueLimit - box.queued)
            var kept = batch
            if batch.count > room {
                counters.droppedByIntake += UInt64(batch.count - room)
                switch batch {
                case .syslog(let source, let lines): kept = .syslog(source: source, lines: Array(lines.prefix(room)))
                case .flowLog(let source, let records): kept = .flowLog(source: source, records: Array(records.prefix(room)))
                }
            }
            box.counters[batch.source] = counters
            if kept.count > 0 {
                box.batches.append(kept)
                box.queued += kept.count
            }
            return kept.count == batch.count
        }
    }

    /// Records what `source` itself reports dropped so far (a listener's queue, the kernel).
    public func noteDropped(source: String, total: UInt64) {
        inbox.withLock { box in
            box.counters[source, default: ObservedSourceCounters(source: source)].droppedBySource = total
        }
    }

    /// Records that `source`'s last read failed (`message`), or that it read again (nil).
    public func noteFailure(source: String, message: String?) {
        inbox.withLock { box in
            box.counters[source, default: ObservedSourceCounters(source: source)].failure = message
        }
    }

    /// Attributes from now on against `snapshot`; an update with the `generation` of the
    /// Snapshot in use (a change of health only) changes nothing.
    public func update(snapshot: Snapshot, generation: Int? = nil) {
        inbox.withLock { box in
            if let generation {
                guard generation != box.generation else { return }
                box.generation = generation
            }
            box.snapshot = snapshot
            box.snapshotChanged = true
        }
    }

    /// Makes `run` return.
    public func stop() {
        inbox.withLock { $0.stopped = true }
    }

    /// Items waiting for the worker.
    public var queued: Int { inbox.withLock { $0.queued } }

    /// Works until `stop()`: takes queued batches, folds them and calls `publish` (at most every
    /// `publishInterval`, only when something changed). Runs on the calling thread.
    public func run(now: @Sendable () -> Double = { Date().timeIntervalSince1970 },
                    publish: (ObservedTraffic) -> Void) {
        var worker = Worker(snapshot: inbox.withLock { $0.snapshot }, windowSeconds: windowSeconds,
                            windowCount: windowCount)
        var lastTick = -Double.infinity
        var lastCounters: [String: ObservedSourceCounters] = [:]
        var changed = true
        while true {
            let (batches, snapshot, stopped, counters) = inbox.withLock { box in
                defer {
                    box.batches.removeAll(keepingCapacity: true)
                    box.queued = 0
                    box.snapshotChanged = false
                }
                return (box.batches, box.snapshotChanged ? box.snapshot : nil, box.stopped, box.counters)
            }
            if let snapshot {
                worker.replace(snapshot: snapshot)
                changed = true
            }
            for batch in batches {
                worker.take(batch, now: now())
                changed = true
            }
            let time = now()
            if time - lastTick >= publishInterval || stopped {
                // What arrived since the last tick belongs to the window open until now.
                worker.sample()
                let closed = worker.windows.closedWindows
                worker.windows.advance(to: time)
                if changed || stopped || worker.windows.closedWindows != closed || counters != lastCounters {
                    publish(worker.observed(counters: counters))
                    lastCounters = counters
                    changed = false
                }
                lastTick = time
            }
            if stopped { return }
            if batches.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
        }
    }

    /// The worker's state: confined to the thread of `run`.
    private struct Worker {
        var snapshot: Snapshot
        var aggregator: TrafficAggregator
        var resolver: DenyResolver
        var names: AsaSyslogMessage.NameTable
        var hostnames: Set<String>
        var windows: TrafficWindows
        var denies = TrafficRing<ObservedDeny>(capacity: TrafficIntake.denyLimit)
        var aceHits: [String: UInt64] = [:]
        var parsed: [String: (read: UInt64, refused: UInt64, ignored: UInt64)] = [:]
        var epochItems = 0
        var flowLogSeen = false

        init(snapshot: Snapshot, windowSeconds: Double, windowCount: Int) {
            self.snapshot = snapshot
            aggregator = TrafficAggregator(snapshot: snapshot)
            resolver = DenyResolver(snapshot: snapshot)
            let context = Self.syslogContext(snapshot)
            names = context.0
            hostnames = context.1
            windows = TrafficWindows(windowSeconds: windowSeconds, windowCount: windowCount)
        }

        static func syslogContext(_ snapshot: Snapshot) -> (AsaSyslogMessage.NameTable, Set<String>) {
            var names = AsaSyslogMessage.NameTable()
            for file in snapshot.firewallConfigs {
                names.addresses.merge(AsaSyslogMessage.NameTable(runningConfig: file.text).addresses) { first, _ in first }
            }
            let hostnames = snapshot.config.firewalls.count > 1 ? Set(snapshot.config.firewalls.compactMap(\.hostname)) : []
            return (names, hostnames)
        }

        /// Folds what the current aggregator holds, then starts a new one on `snapshot`.
        mutating func replace(snapshot: Snapshot) {
            sample()
            windows.startEpoch()
            self.snapshot = snapshot
            aggregator = TrafficAggregator(snapshot: snapshot)
            aggregator.countSyslogBytes = !flowLogSeen
            resolver = DenyResolver(snapshot: snapshot)
            let context = Self.syslogContext(snapshot)
            names = context.0
            hostnames = context.1
            epochItems = 0
        }

        mutating func sample() {
            for grouping in TrafficWindows.groupings { windows.fold(aggregator.report(by: grouping)) }
        }

        mutating func take(_ batch: Batch, now: Double) {
            if epochItems >= TrafficIntake.epochLimit { replace(snapshot: snapshot) }
            epochItems += batch.count
            var counts = parsed[batch.source] ?? (read: 0, refused: 0, ignored: 0)
            switch batch {
            case .flowLog(_, let records):
                if !flowLogSeen {
                    flowLogSeen = true
                    aggregator.countSyslogBytes = false
                }
                for record in records {
                    counts.read += 1
                    aggregator.add(record)
                }
            case .syslog(let source, let lines):
                let year = Timestamp.utcComponents(secondsSince1970: now).year
                for line in lines {
                    guard line.utf8.count <= SyslogReader.maximumLineLength else {
                        counts.refused += 1
                        continue
                    }
                    switch AsaSyslogMessage.parseResult(line, names: names) {
                    case .success(let message):
                        let header = AsaSyslogMessage.Header(line: line, referenceYear: year)
                        if !hostnames.isEmpty, let host = header.host, !hostnames.contains(host) {
                            counts.ignored += 1
                            continue
                        }
                        counts.read += 1
                        let time = header.timestamp ?? Int64(now)
                        aggregator.add(message, time: time)
                        if message.isDenied { noteDeny(message, host: header.host, time: time, source: source) }
                    case .failure(let refusal):
                        switch refusal.reason {
                        case .noTag, .unsupportedMessage: counts.ignored += 1
                        case .malformed, .endpointIsName: counts.refused += 1
                        }
                    }
                }
            }
            parsed[batch.source] = counts
        }

        private mutating func noteDeny(_ message: AsaSyslogMessage, host: String?, time: Int64, source: String) {
            let endpoints = message.source.map { [$0] + message.endpoints.filter { $0 != message.source } } ?? message.endpoints
            guard let initiator = endpoints.first else { return }
            let responder = message.destination ?? endpoints.dropFirst().first
            let cluster = endpoints.first { aggregator.isClusterSide($0.address) }
            let remote = endpoints.first { !aggregator.isClusterSide($0.address) }
            let attribution = cluster.flatMap { cluster in
                remote.flatMap { aggregator.attribution(of: cluster.address, remote: $0.address, time: time) }
            }
            let ace = resolver.entry(for: message, host: host, at: time)
            if let ace {
                if aceHits[ace.key] != nil || aceHits.count < TrafficIntake.aceLimit { aceHits[ace.key, default: 0] += 1 }
            }
            let sender = cluster.flatMap { resolver.sender(for: $0.address, attribution: attribution) }
            denies.append(ObservedDeny(
                time: time, source: source, product: message.product, messageID: message.messageID,
                protocolName: message.protocolName, ipProtocol: message.ipProtocol, sourceAddress: initiator.address,
                sourcePort: initiator.port, destination: responder?.address ?? initiator.address,
                destinationPort: responder?.port, namespaces: attribution?.namespaces ?? [],
                gateways: attribution?.gateways ?? [], sender: sender, accessList: message.accessList,
                hashes: message.hashes, ace: ace))
        }

        func observed(counters: [String: ObservedSourceCounters]) -> ObservedTraffic {
            var result = ObservedTraffic()
            for grouping in TrafficWindows.groupings {
                result.rows[grouping] = windows.rows(grouping, top: TrafficIntake.publishedRows)
            }
            result.denies = denies.elements.reversed()
            result.deniesOverwritten = denies.overwritten
            result.aceHits = aceHits
            result.sources = counters.values.map { entry in
                var entry = entry
                if let counts = parsed[entry.source] {
                    entry.read = counts.read
                    entry.refused = counts.refused
                    entry.ignored = counts.ignored
                }
                return entry
            }.sorted { $0.source < $1.source }
            result.unattributed = aggregator.report(by: .path, top: 0).unattributed
            result.windowSeconds = windows.windowSeconds
            result.evictedKeys = windows.evictedKeys
            return result
        }
    }
}
