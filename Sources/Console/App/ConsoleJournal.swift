#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import History
import Inventory
import Simulator
import Synchronization

/// The console's link to the history journal: records each new live Snapshot and each event
/// (when it may write), rebuilds past states for `:at` off the UI thread, gives the Whois view an
/// address's owners over time and the Events view the events of earlier sessions.
///
/// Recording never stops the console: when a write fails (a full disk, a file made read-only)
/// the journal stops recording, says why once (`run`'s `onFailure`), and goes on serving reads.
public final class ConsoleJournal: Sendable {
    /// Events read back from earlier sessions at start.
    public static let eventsKept = 1000

    /// The journal (open for writing when recording, else for reading); nil when none could be opened.
    public let journal: Journal?
    /// Why the console does not record although it was asked to (nil when it records, or was
    /// told not to): the journal was held by another recorder, or could not be written.
    public let startupProblem: String?
    private let recorder: JournalRecorder?
    private let state = Mutex<State>(State())

    private struct State {
        var failure: String?
        var events: [JournalEvent] = []
        var lastGeneration: Int?
    }

    /// A link to `journal`; `recorder` (into the same journal) when the console records;
    /// `startupProblem` when it should record and cannot (a nil journal: it has none at all).
    public init(journal: Journal?, recorder: JournalRecorder?, startupProblem: String? = nil) {
        self.journal = journal
        self.recorder = journal?.isWriter == true ? recorder : nil
        self.startupProblem = startupProblem
    }

    /// True while new Snapshots and events are written.
    public var isRecording: Bool {
        recorder != nil && state.withLock { $0.failure == nil }
    }

    /// Queues `content`'s Snapshot as the state observed at `time` when it is a new one (a change
    /// of health alone records nothing).
    func observe(_ content: ConsoleContent, at time: Date) {
        guard let recorder else { return }
        let record = state.withLock { state -> Bool in
            guard state.failure == nil else { return false }
            if let generation = content.generation {
                defer { state.lastGeneration = generation }
                return state.lastGeneration != generation
            }
            return true
        }
        // Only for the sides that delivered: the placeholder shown before the first list ends nothing.
        if record {
            recorder.observe(content.snapshot, at: time, scope: ObservationScope.kinds(for: content.health), delta: content.delta)
        }
    }

    /// Queues events for the next flush.
    func append(_ events: [FleetEvent]) {
        guard recorder != nil, !events.isEmpty else { return }
        state.withLock { state in
            guard state.failure == nil else { return }
            state.events += events.map(\.journalEvent)
        }
    }

    /// Writes what is queued. On failure recording stops for good and the reason is returned (once).
    func flush() -> String? {
        guard let recorder, let journal else { return nil }
        let events = state.withLock { state -> [JournalEvent]? in
            guard state.failure == nil else { return nil }
            defer { state.events.removeAll() }
            return state.events
        }
        guard let events else { return nil }
        do {
            try recorder.flush()
            try journal.appendEvents(events)
            return nil
        } catch {
            let reason = "not recording: \(error)"
            state.withLock { $0.failure = reason }
            return reason
        }
    }

    /// Flushes every second until cancelled, then once more; `onFailure` is called once when
    /// recording stops.
    func run(onFailure: @escaping @Sendable (String) -> Void) async {
        guard recorder != nil else { return }
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(1))
            } catch {
                break
            }
            if let reason = flush() {
                onFailure(reason)
                return
            }
        }
        if let reason = flush() { onFailure(reason) }
    }

    /// The state at `time` from the journal, with its Simulation prepared (call off the UI thread).
    func past(at time: Date) throws(JournalError) -> ConsoleContent {
        guard let journal else { throw .missing(path: "(none open)") }
        let loaded = try journal.loadBundle(at: time)
        let simulation = Simulation(snapshot: loaded.snapshot)
        simulation.prepare()
        return ConsoleContent(snapshot: loaded.snapshot, simulation: simulation)
    }

    /// The newest events of earlier sessions, oldest first (none when they cannot be read).
    func recentEvents(limit: Int = ConsoleJournal.eventsKept) -> [FleetEvent] {
        ((try? journal?.events(limit: limit)) ?? []).map(FleetEvent.init(journal:))
    }

    /// Address timelines around `moment` (the console's clock when the model was built, or the past moment shown).
    func timeline(at moment: Date) -> AddressTimeline? {
        journal.map { AddressTimeline(journal: $0, moment: moment) }
    }
}
