#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory
import Logging
import Synchronization

/// Appends successive complete states to a journal opened for writing: `observe(_:at:)` queues a
/// state (cheap, from any thread), `flush()` writes every queued state in one transaction, and
/// `run()` flushes at least every `flushInterval` (one second by default) until cancelled, so a
/// killed recorder loses at most its last second. Unchanged objects are not encoded again (an
/// encoding cache keyed by model). Retention prunes at most hourly while recording.
///
/// Logs through swift-log (label `gatewatch.journal`, standard error by default): each flush at
/// `debug` with `states`, `opened`, `closed`, `unchanged`, `milliseconds`; pruning at `info`;
/// dropped states at `warning`; failures at `error`, with `journal` (the path) and `error`.
public final class JournalRecorder: Sendable {
    /// The journal written to.
    public let journal: Journal
    /// How long ended versions are kept (zero keeps everything).
    public let retention: Duration
    /// How often `run()` flushes.
    public let flushInterval: Duration
    /// States kept for a retry when a flush fails (the oldest go first beyond this).
    public let maximumPending: Int
    private let logger: Logger
    private let pending = Mutex<[(snapshot: Snapshot, time: Date, scope: Set<BundleObjectKind>?, delta: SnapshotDelta?)]>([])
    private let writer = Mutex<RecorderState>(RecorderState())

    /// What one flush at a time keeps: the encoding cache, the last time written, the last prune.
    private struct RecorderState {
        var cache = ObservationCache()
        var lastTime: Date?
        var lastPrune: Date?
    }

    /// A recorder into `journal` (which must be open for writing).
    public init(journal: Journal, retention: Duration = .seconds(30 * 86_400), flushInterval: Duration = .seconds(1),
                maximumPending: Int = 600, logger: Logger = Logger(label: "gatewatch.journal")) {
        self.journal = journal
        self.retention = retention
        self.flushInterval = flushInterval
        self.maximumPending = max(1, maximumPending)
        var logger = logger
        logger[metadataKey: "journal"] = .string(journal.path)
        self.logger = logger
    }

    /// Queues `snapshot` as the complete state observed at `time`; with a `scope`, complete only
    /// for those kinds (the objects of a source that could not be read keep their versions).
    /// With a `delta` (the Live layer's generation and change set), objects that no event touched
    /// since the previous observation are neither encoded nor hashed again; the journal is the
    /// same as without it.
    public func observe(_ snapshot: Snapshot, at time: Date, scope: Set<BundleObjectKind>? = nil,
                        delta: SnapshotDelta? = nil) {
        let dropped = pending.withLock { queue -> Int in
            queue.append((snapshot, time, scope, delta))
            let excess = max(0, queue.count - maximumPending)
            queue.removeFirst(excess)
            return excess
        }
        if dropped > 0 {
            logger.warning("journal backlog full: oldest states dropped", metadata: ["dropped": "\(dropped)"])
        }
    }

    /// How many objects were encoded, and how many models hashed to find unchanged ones, since
    /// the recorder started (what the Live layer's change set saves).
    public var encodingCounts: (encoded: Int, hashedModels: Int) {
        writer.withLock { ($0.cache.encodedCount, $0.cache.hashedModelCount) }
    }

    /// The number of states waiting for a flush.
    public var pendingCount: Int { pending.withLock { $0.count } }

    /// Writes every queued state, oldest first, in one transaction; then prunes when due. States
    /// older than the last one written are dropped with a warning (history is only appended). On
    /// failure the states stay queued for the next flush and the error is thrown.
    @discardableResult
    public func flush(now: Date = Date()) throws(JournalError) -> JournalChanges {
        try writer.withLock { (state: inout RecorderState) throws(JournalError) -> JournalChanges in
            let queued = pending.withLock { queue in
                let taken = queue
                queue.removeAll()
                return taken
            }
            var batch: [(observed: ObservedChanges, time: Int64)] = []
            var last = state.lastTime
            var stale = 0
            for (snapshot, time, scope, delta) in queued.sorted(by: { $0.time < $1.time }) {
                if let last, time < last {
                    stale += 1
                    continue
                }
                batch.append((Observation.changes(of: snapshot, cache: state.cache, delta: delta).limited(to: scope),
                              JournalTime.milliseconds(time)))
                last = time
            }
            if stale > 0 {
                logger.warning("states older than the journal dropped", metadata: ["dropped": "\(stale)"])
            }
            let started = ContinuousClock.now
            var changes = JournalChanges()
            if !batch.isEmpty {
                do throws(JournalError) {
                    changes = try journal.apply(batch, refine: true)
                } catch {
                    pending.withLock { queue in queue.insert(contentsOf: queued, at: 0) }
                    // The journal never took these observations: the next one lists every object.
                    state.cache.forgetGeneration()
                    logger.error("journal write failed", metadata: ["error": "\(error)", "states": "\(batch.count)"])
                    throw error
                }
                state.lastTime = last
                let elapsed = ContinuousClock.now - started
                logger.debug("journal flushed", metadata: [
                    "states": "\(batch.count)", "opened": "\(changes.opened)", "closed": "\(changes.closed)",
                    "unchanged": "\(changes.unchanged)",
                    "milliseconds": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
                ])
            }
            if retention > .zero, state.lastPrune.map({ now.timeIntervalSince($0) >= 3600 }) ?? true {
                state.lastPrune = now
                do throws(JournalError) {
                    let removed = try journal.prune(retaining: retention, now: now)
                    if removed > 0 { logger.info("journal pruned", metadata: ["versions": "\(removed)"]) }
                } catch {
                    logger.error("journal pruning failed", metadata: ["error": "\(error)"])
                    throw error
                }
            }
            return changes
        }
    }

    /// Flushes every `flushInterval` until the task is cancelled, then once more. Failures are
    /// logged and retried at the next flush.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: flushInterval)
            } catch {
                break
            }
            _ = try? flush()
        }
        _ = try? flush()
    }
}
