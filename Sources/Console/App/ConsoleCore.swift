#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import History
import Inventory
import Traffic

/// The terminal-independent heart of the console, shared by `ConsoleApp` and `OffscreenConsole`:
/// the current model, the UI state, the theme, the event log, and how events and Snapshots change
/// them.
internal struct ConsoleCore: Sendable {
    /// The current Snapshot's model.
    private(set) var model: ConsoleModel
    /// The UI state.
    internal var state: ConsoleState
    /// Pool utilization samples.
    private(set) var history: UtilizationHistory
    /// The theme in use.
    private(set) var theme: Theme
    /// Where themes are found.
    internal let catalog: ThemeCatalog
    /// Theme names for completion.
    private(set) var themeNames: [String]
    /// Unicode or ASCII.
    internal let glyphs: GlyphSet
    /// The sources' health.
    private(set) var status: SourceHealth
    /// When the current Snapshot arrived (seconds since 1970).
    private(set) var receivedAt: Double
    /// What changed while the console watched (the Events view).
    private(set) var events: EventLog
    /// The producer's generation of the Snapshot shown (nil when it gave none).
    private var contentGeneration: Int?
    /// The past moment shown (`:at`), in seconds since 1970; nil while the console shows the present.
    private(set) var pastMoment: Double?
    /// The newest present content, kept while a past state is shown (`:at now` goes back to it).
    private var presentContent: ConsoleContent?
    /// The present Snapshot shown when the console went to the past: what changed since is
    /// logged on the way back.
    private var presentBase: Snapshot?
    /// The journal, when one is open (`:at`, the Whois timeline, events of earlier sessions).
    internal let journal: ConsoleJournal?
    /// Why the console is not recording though it should (shown in the header), nil otherwise.
    private(set) var recordingProblem: String?
    /// The newest observed traffic (the Traffic view), nil until the intake publishes.
    private(set) var traffic: ObservedTraffic?
    /// Events not yet handed to the journal.
    private(set) var unsavedEvents: [FleetEvent] = []

    /// Creates the core for `content` on a screen of `size`.
    internal init(content: ConsoleContent, size: ScreenSize, theme: Theme, catalog: ThemeCatalog, glyphs: GlyphSet,
                  now: Double, history: UtilizationHistory? = nil, view: ViewID = .gateways, journal: ConsoleJournal? = nil) {
        let snapshot = content.snapshot
        let status = content.health
        var history = history ?? UtilizationHistory()
        if history.samples.isEmpty { history.record(snapshot) }
        self.history = history
        self.journal = journal
        var events = EventLog()
        // Earlier sessions' events first: the Events view survives restarts.
        events.append(journal?.recentEvents(limit: events.capacity) ?? [])
        var fresh = [FleetEvent(time: now, kind: .source, subject: snapshot.source.description,
                                message: "watching: \(snapshot.gateways.count) gateways, \(snapshot.pools.count) pools, "
                                    + "\(snapshot.elasticIPBindings.count) Elastic IPs",
                                role: .text, target: nil)]
        fresh += SnapshotDiff.events(from: .ok, to: status, at: now)
        if let problem = journal?.startupProblem {
            fresh.append(FleetEvent(time: now, kind: .source, subject: "journal", message: problem, role: .error, target: nil))
            recordingProblem = problem
        }
        events.append(fresh)
        unsavedEvents = fresh
        self.events = events
        model = ConsoleModel(ModelInputs(snapshot: snapshot, simulation: content.simulation,
                                         utilizationHistory: history.samples, now: now, timeline: journal?.timeline(at: Date(timeIntervalSince1970: now)) ?? nil),
                             generation: 0, events: events)
        contentGeneration = content.generation
        state = ConsoleState(size: size, view: view, themeName: theme.name)
        self.theme = theme
        self.catalog = catalog
        themeNames = catalog.availableNames()
        self.glyphs = glyphs
        self.status = status
        receivedAt = now
        prepareCurrentView()
        state.refresh(model)
        if let recordingProblem { state.message = ConsoleMessage("journal: \(recordingProblem)", isError: true) }
    }

    /// What commands see.
    internal var commandContext: CommandContext { CommandContext(model: model, themeNames: themeNames) }

    /// Takes new content: the health, then (unless the producer says the Snapshot is the one
    /// shown) the Snapshot and its Simulation: records history, logs what changed, rebuilds the
    /// model, keeps selections.
    internal mutating func publish(_ content: ConsoleContent, now: Double) {
        update(status: content.health, now: now)
        if pastMoment != nil {
            // A past state is shown: the present waits for `:at now`.
            if let generation = content.generation, generation == presentContent?.generation {
                presentContent?.health = content.health
            } else {
                presentContent = content
            }
            return
        }
        if let generation = content.generation, generation == contentGeneration { return }
        contentGeneration = content.generation
        let snapshot = content.snapshot
        history.record(snapshot)
        appendEvents(SnapshotDiff.events(from: model.snapshot, to: snapshot, at: now))
        let retired = model
        model = ConsoleModel(ModelInputs(snapshot: snapshot, simulation: content.simulation,
                                         utilizationHistory: history.samples, now: now, timeline: journal?.timeline(at: Date(timeIntervalSince1970: now)) ?? nil),
                             generation: model.generation + 1, snapshotGeneration: model.snapshotGeneration + 1,
                             events: events, traffic: traffic, previous: retired)
        // Freed after the new model took its place, so the queue holds the last reference.
        BackgroundRelease.release(consume retired)
        receivedAt = now
        prepareCurrentView()
        state.refresh(model)
    }

    /// Shows `content`, the state rebuilt from the journal at `moment` (seconds since 1970),
    /// read-only: the header says so; new live data waits until `:at now`. No events are made
    /// from the jump.
    internal mutating func showPast(_ content: ConsoleContent, at moment: Double, now: Double) {
        if pastMoment == nil {
            presentContent = ConsoleContent(snapshot: model.snapshot, simulation: model.simulator.simulation, health: status,
                                            generation: contentGeneration)
            presentBase = model.snapshot
        }
        pastMoment = moment
        model = ConsoleModel(ModelInputs(snapshot: content.snapshot, simulation: content.simulation,
                                         utilizationHistory: [:], now: moment,
                                         timeline: journal?.timeline(at: Date(timeIntervalSince1970: moment)) ?? nil),
                             generation: model.generation + 1, snapshotGeneration: model.snapshotGeneration + 1,
                             events: events, traffic: traffic)
        prepareCurrentView()
        state.refresh(model)
        state.message = ConsoleMessage("showing the state at \(JournalTime.format(Date(timeIntervalSince1970: moment))) (read-only); :at now returns")
    }

    /// Opens on the content shown as the past state at `moment` (`console --at`): read-only, the
    /// header saying so, with no present to return to.
    internal mutating func openInPast(at moment: Double) {
        pastMoment = moment
        model = ConsoleModel(ModelInputs(snapshot: model.snapshot, simulation: model.simulator.simulation,
                                         utilizationHistory: [:], now: moment,
                                         timeline: journal?.timeline(at: Date(timeIntervalSince1970: moment)) ?? nil),
                             generation: model.generation + 1, snapshotGeneration: model.snapshotGeneration + 1,
                             events: events)
        prepareCurrentView()
        state.refresh(model)
        state.message = ConsoleMessage("showing the state at \(JournalTime.format(Date(timeIntervalSince1970: moment))) (read-only)")
    }

    /// Leaves the past state for the newest present content (`:at now`).
    internal mutating func showPresent(now: Double) {
        if pastMoment != nil, presentContent == nil {
            state.message = ConsoleMessage("opened with --at: no present to return to (run gatewatch without --at)")
            return
        }
        guard pastMoment != nil, let present = presentContent else {
            state.message = ConsoleMessage("already showing the present")
            return
        }
        pastMoment = nil
        presentContent = nil
        if let base = presentBase, present.generation == nil || present.generation != contentGeneration {
            history.record(present.snapshot)
            appendEvents(SnapshotDiff.events(from: base, to: present.snapshot, at: now))
            receivedAt = now
        }
        presentBase = nil
        contentGeneration = present.generation
        model = ConsoleModel(ModelInputs(snapshot: present.snapshot, simulation: present.simulation,
                                         utilizationHistory: history.samples, now: now, timeline: journal?.timeline(at: Date(timeIntervalSince1970: now)) ?? nil),
                             generation: model.generation + 1, snapshotGeneration: model.snapshotGeneration + 1,
                             events: events, traffic: traffic)
        prepareCurrentView()
        state.refresh(model)
        state.message = ConsoleMessage("showing the present")
    }

    /// What `:at TEXT` asks for at `now`: the moment to rebuild from the journal, or nil when it
    /// was handled here (`now`, a time that does not parse, no journal), with a message.
    internal mutating func travelTarget(_ text: String, now: Double) -> Date? {
        let moment: Date
        do {
            moment = try JournalTime.parse(text, now: Date(timeIntervalSince1970: now))
        } catch {
            state.message = ConsoleMessage(":at: \(error)", isError: true)
            return nil
        }
        if text.trimmingSpaces == "now" {
            showPresent(now: now)
            return nil
        }
        guard journal?.journal != nil else {
            state.message = ConsoleMessage(":at needs the journal: none is open (gatewatch record, or the live console, "
                                           + "writes one; --journal PATH)", isError: true)
            return nil
        }
        state.message = ConsoleMessage("rebuilding the state at \(JournalTime.format(moment)) from the journal…")
        return moment
    }

    /// Says once that recording stopped (the footer, the Events view, the header).
    internal mutating func recordingStopped(_ reason: String, now: Double) {
        guard recordingProblem == nil else { return }
        recordingProblem = reason
        appendEvents([FleetEvent(time: now, kind: .source, subject: "journal", message: reason, role: .error, target: nil)])
        model.update(events: events)
        state.refresh(model)
        state.message = ConsoleMessage("journal: \(reason)", isError: true)
    }

    /// Adds events to the log and to those the journal has not saved yet.
    private mutating func appendEvents(_ new: [FleetEvent]) {
        guard !new.isEmpty else { return }
        events.append(new)
        unsavedEvents += new
    }

    /// Hands over the events the journal has not saved yet.
    internal mutating func takeUnsavedEvents() -> [FleetEvent] {
        defer { unsavedEvents.removeAll() }
        return unsavedEvents
    }

    /// Takes newer observed traffic: rebuilds the Traffic view's table.
    internal mutating func publish(traffic newTraffic: ObservedTraffic) {
        traffic = newTraffic
        model.update(traffic: newTraffic)
        state.refresh(model)
    }

    /// Takes the sources' health: logs failures and recoveries.
    internal mutating func update(status newStatus: SourceHealth, now: Double) {
        let changes = SnapshotDiff.events(from: status, to: newStatus, at: now)
        status = newStatus
        guard !changes.isEmpty else { return }
        appendEvents(changes)
        model.update(events: events)
        state.refresh(model)
    }

    /// Handles an event. `.applyTheme` has already been applied when returned (the terminal must
    /// repaint with the new theme); `.quit` asks the run loop to stop.
    internal mutating func handle(_ event: ConsoleEvent) -> ConsoleEffect {
        let effect = state.handle(event, context: commandContext)
        if case .applyTheme(let spec) = effect {
            switchTheme(spec)
        }
        if prepareCurrentView() { state.refresh(model) }
        return effect
    }

    /// Builds the current view's table if it is not built yet for this Snapshot.
    @discardableResult
    private mutating func prepareCurrentView() -> Bool {
        model.prepare(state.currentView)
    }

    /// Switches to the theme `spec` names; a theme that cannot be used falls back to the default
    /// with a message naming the file and line.
    internal mutating func switchTheme(_ spec: String) {
        switch catalog.load(spec) {
        case .success(let theme):
            self.theme = theme
            state.message = ConsoleMessage("theme \(theme.name)")
        case .failure(let problem):
            theme = .default
            state.message = ConsoleMessage("\(problem); using the default theme", isError: true)
        }
        state.themeName = theme.name
        themeNames = catalog.availableNames()
    }

    /// Shows `message` in the footer until the next key.
    internal mutating func show(_ message: String, isError: Bool) {
        state.message = ConsoleMessage(message, isError: isError)
    }

    /// Draws the frame for `now` into `grid`.
    internal func render(into grid: inout CellGrid, now: Double) {
        FrameRenderer.render(into: &grid, model: model, state: state,
                             context: FrameContext(glyphs: glyphs, now: now, receivedAt: receivedAt, status: status,
                                                   pastMoment: pastMoment, recordingProblem: recordingProblem),
                             commands: commandContext)
    }
}
