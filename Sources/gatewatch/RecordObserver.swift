import Foundation
import History
import Inventory
import Live
import Logging
import Synchronization

/// Something `record` tells of every update it takes from the live feed, in the order the feed
/// publishes them: the journal (`JournalObserver`), the health log (`HealthLogObserver`), and
/// whatever else a daemon serves from the same publications (Prometheus metrics plug in here:
/// append an observer to `RecordDaemon`'s list, nothing else changes).
protocol RecordObserver: Sendable {
    /// Takes `update` (a new Snapshot with its prepared Simulation, or a change of health alone,
    /// `LiveUpdate.generation` tells which), observed at `time`.
    func observe(_ update: LiveUpdate, at time: Date)
}

/// Queues every new Snapshot for the journal as the complete state observed at its arrival time
/// (an object's own timestamps refine it where they are more precise: `Journal.record`), for the
/// kinds of the sides that delivered (`ObservationScope`: the empty placeholder before the first
/// list, or an EC2 side without credentials, ends nothing). A change of health alone records nothing.
final class JournalObserver: RecordObserver {
    /// The recorder the states go to.
    let recorder: JournalRecorder
    private let lastGeneration = Mutex<Int?>(nil)

    /// An observer queuing into `recorder`.
    init(recorder: JournalRecorder) {
        self.recorder = recorder
    }

    func observe(_ update: LiveUpdate, at time: Date) {
        let isNew = lastGeneration.withLock { last -> Bool in
            defer { last = update.generation }
            return last != update.generation
        }
        if isNew {
            recorder.observe(update.snapshot, at: time, scope: ObservationScope.kinds(for: update.health), delta: update.delta)
        }
    }
}

/// Logs each source's phase when it changes: a failure or staleness at `warning` with why, a
/// recovery at `info`.
final class HealthLogObserver: RecordObserver {
    /// Where the lines go.
    let logger: Logger
    private let last = Mutex<SourceHealth?>(nil)

    /// An observer logging into `logger`.
    init(logger: Logger) {
        self.logger = logger
    }

    func observe(_ update: LiveUpdate, at time: Date) {
        let health = update.health.significant
        let previous = last.withLock { last -> SourceHealth? in
            defer { last = health }
            return last
        }
        guard previous != health else { return }
        for source in health.sources where previous?[source.kind] != source {
            var metadata: Logger.Metadata = ["source": .string(source.kind.rawValue), "phase": .string(source.phase.rawValue)]
            if !source.stale.isEmpty { metadata["stale"] = .string(source.stale.joined(separator: ",")) }
            if source.isStale {
                metadata["reason"] = .string(source.failure ?? source.summary)
                logger.warning("source not current", metadata: metadata)
            } else {
                metadata["summary"] = .string(source.summary)
                logger.info(source.phase == .live ? "source live" : "source connecting", metadata: metadata)
            }
        }
    }
}
