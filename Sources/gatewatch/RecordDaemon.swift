import Foundation
import History
import Inventory
import Live
import Logging
import MetricsServer
import Synchronization

/// `gatewatch record`'s run loop: the live feed publishes each update to every `RecordObserver`
/// (the journal's first); a flush task writes the queued states every second (a killed recorder
/// loses at most that second), logs the size on disk hourly and compacts the journal every
/// `compactInterval`; signals stop it (SIGTERM, SIGINT: a last flush, exit 0) or reload it
/// (SIGHUP: the log file and the configuration directory read again).
///
/// A journal that cannot be written `failureLimit` flushes in a row (a full disk, a file made
/// read-only) stops it with exit 2 after one error line saying why; states wait in the recorder
/// for the next flush until then.
final class RecordDaemon: Sendable {
    /// What the command line decided.
    struct Settings: Sendable {
        /// The live sources.
        var live: LiveSettings
        /// The journal file.
        var journalPath: String
        /// How long ended versions are kept (zero keeps everything).
        var retention: Duration
        /// Time between two compactions (`VACUUM`), zero for never.
        var compactInterval: Duration
        /// Time between two writes of the queued states.
        var flushInterval: Duration = .seconds(1)
        /// Time between two `journal size` log lines.
        var sizeInterval: Duration = .seconds(3600)
    }

    /// Why the daemon stopped.
    enum Stop: Sendable, Equatable {
        /// SIGTERM or SIGINT.
        case signal(Int32)
        /// The journal could not be written `failureLimit` times in a row.
        case journalFailed(String)
    }

    /// Failed flushes in a row after which the daemon gives up.
    static let failureLimit = 10

    private let settings: Settings
    private let sink: RecordLogSink
    private let logger: Logger
    private let journal: Journal
    private let recorder: JournalRecorder
    private let feed: LiveFeed
    private let observers: [any RecordObserver]
    private let stop = Mutex<Stop?>(nil)
    private let stopped = DispatchSemaphore(value: 0)

    /// Opens the journal for writing and reads the configuration; throws (exit 2, one line) when
    /// the journal is held by another recorder, unwritable, or not a journal.
    init(settings: Settings, sink: RecordLogSink, level: Logger.Level, metrics: MetricsServer? = nil) throws(CommandFailure) {
        self.settings = settings
        self.sink = sink
        logger = Logger(label: "gatewatch.record") { RecordLogHandler(label: $0, sink: sink, level: level) }
        do {
            journal = try Journal.openForWriting(path: settings.journalPath)
        } catch {
            throw CommandFailure.input(error.description)
        }
        recorder = JournalRecorder(journal: journal, retention: settings.retention, flushInterval: settings.flushInterval,
                                   logger: Logger(label: "gatewatch.journal") {
                                       RecordLogHandler(label: $0, sink: sink, level: level)
                                   })
        let configuration = LiveConfiguration.load(settings.live.configDirectory)
        for diagnostic in configuration.diagnostics { logger.warning("configuration", metadata: ["problem": .string(diagnostic)]) }
        feed = LiveFeed(settings: settings.live, configuration: configuration)
        let journalObservers: [any RecordObserver] = [JournalObserver(recorder: recorder), HealthLogObserver(logger: logger)]
        observers = journalObservers + (metrics.map { [MetricsObserver(server: $0)] } ?? [])
    }

    /// Runs until a signal or a lasting journal failure; returns the exit status.
    func run() -> Int32 {
        let info = try? journal.info()
        logger.info("recording", metadata: [
            "journal": .string(journal.path), "retain": .string(JournalDuration.format(settings.retention)),
            "bytes": "\(journal.sizeOnDisk())", "versions": "\(info?.versions ?? 0)",
            "from": .string(info?.from.map(JournalTime.format) ?? "-"), "to": .string(info?.to.map(JournalTime.format) ?? "-"),
            "pid": "\(getpid())",
        ])
        installSignals()
        let observers = self.observers
        let feedTask = Task.detached { [feed] in
            await feed.run { update in
                let now = Date()
                for observer in observers { observer.observe(update, at: now) }
            }
        }
        let flushTask = Task.detached { await self.flushLoop() }
        stopped.wait()
        feedTask.cancel()
        flushTask.cancel()
        let reason = stop.withLock { $0 }
        if case .journalFailed(let why) = reason {
            logger.error("stopping: the journal cannot be written", metadata: [
                "error": .string(why), "pending": "\(recorder.pendingCount)",
            ])
            return 2
        }
        do {
            try recorder.flush()
        } catch {
            logger.error("last flush failed", metadata: ["error": .string(error.description),
                                                         "pending": "\(recorder.pendingCount)"])
            return 2
        }
        logger.info("stopped", metadata: ["signal": .string(reason.map(Self.describe) ?? "-"),
                                          "bytes": "\(journal.sizeOnDisk())"])
        return 0
    }

    private static func describe(_ stop: Stop) -> String {
        switch stop {
        case .signal(SIGTERM): return "SIGTERM"
        case .signal(SIGINT): return "SIGINT"
        case .signal(let number): return "\(number)"
        case .journalFailed(let why): return why
        }
    }

    private func requestStop(_ reason: Stop) {
        let first = stop.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { stopped.signal() }
    }

    /// Flushes every `flushInterval`; logs the size every `sizeInterval`; compacts every
    /// `compactInterval`; gives up after `failureLimit` failed flushes in a row.
    private func flushLoop() async {
        let clock = ContinuousClock()
        var failures = 0
        var nextSize = clock.now.advanced(by: settings.sizeInterval)
        var nextCompaction = settings.compactInterval > .zero ? clock.now.advanced(by: settings.compactInterval) : nil
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: settings.flushInterval)
            } catch {
                return
            }
            do {
                try recorder.flush()
                failures = 0
            } catch {
                failures += 1
                if failures >= Self.failureLimit {
                    requestStop(.journalFailed(error.description))
                    return
                }
                continue
            }
            if clock.now >= nextSize {
                nextSize = clock.now.advanced(by: settings.sizeInterval)
                logger.info("journal size", metadata: ["bytes": "\(journal.sizeOnDisk())"])
            }
            if let due = nextCompaction, clock.now >= due {
                nextCompaction = clock.now.advanced(by: settings.compactInterval)
                compact()
            }
        }
    }

    /// Gives pruned space back to the file system and logs the sizes before and after.
    private func compact() {
        let before = journal.sizeOnDisk()
        let started = ContinuousClock.now
        do {
            try journal.compact()
            let elapsed = ContinuousClock.now - started
            logger.info("journal compacted", metadata: [
                "bytesBefore": "\(before)", "bytes": "\(journal.sizeOnDisk())",
                "milliseconds": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
        } catch {
            logger.error("journal compaction failed", metadata: ["error": .string(error.description)])
        }
    }

    /// SIGTERM and SIGINT stop (a last flush); SIGHUP reloads.
    private func installSignals() {
        RecordSignals.install { [weak self] number in
            guard let self else { return }
            if number == SIGHUP {
                self.reload()
            } else {
                self.logger.info("stopping", metadata: ["signal": .string(number == SIGTERM ? "SIGTERM" : "SIGINT")])
                self.requestStop(.signal(number))
            }
        }
    }

    /// SIGHUP: reopens the log file and reads the configuration directory again.
    private func reload() {
        if let problem = sink.reopen() {
            logger.error("log file", metadata: ["problem": .string(problem)])
        }
        let configuration = LiveConfiguration.load(settings.live.configDirectory)
        for diagnostic in configuration.diagnostics { logger.warning("configuration", metadata: ["problem": .string(diagnostic)]) }
        feed.reload(configuration: configuration)
        logger.info("reloaded", metadata: [
            "config": .string(settings.live.configDirectory.path ?? "-"),
            "firewalls": "\(configuration.config.firewalls.count)", "problems": "\(configuration.diagnostics.count)",
        ])
    }
}
