import Inventory

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

    /// Creates the core for `content` on a screen of `size`.
    internal init(content: ConsoleContent, size: ScreenSize, theme: Theme, catalog: ThemeCatalog, glyphs: GlyphSet,
                  now: Double, history: UtilizationHistory? = nil, view: ViewID = .gateways) {
        let snapshot = content.snapshot
        let status = content.health
        var history = history ?? UtilizationHistory()
        if history.samples.isEmpty { history.record(snapshot) }
        self.history = history
        var events = EventLog()
        events.append([FleetEvent(time: now, kind: .source, subject: snapshot.source.description,
                                  message: "watching: \(snapshot.gateways.count) gateways, \(snapshot.pools.count) pools, "
                                      + "\(snapshot.elasticIPBindings.count) Elastic IPs",
                                  role: .text, target: nil)])
        events.append(SnapshotDiff.events(from: .ok, to: status, at: now))
        self.events = events
        model = ConsoleModel(ModelInputs(snapshot: snapshot, simulation: content.simulation,
                                         utilizationHistory: history.samples, now: now),
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
    }

    /// What commands see.
    internal var commandContext: CommandContext { CommandContext(model: model, themeNames: themeNames) }

    /// Takes new content: the health, then (unless the producer says the Snapshot is the one
    /// shown) the Snapshot and its Simulation: records history, logs what changed, rebuilds the
    /// model, keeps selections.
    internal mutating func publish(_ content: ConsoleContent, now: Double) {
        update(status: content.health, now: now)
        if let generation = content.generation, generation == contentGeneration { return }
        contentGeneration = content.generation
        let snapshot = content.snapshot
        history.record(snapshot)
        events.append(SnapshotDiff.events(from: model.snapshot, to: snapshot, at: now))
        model = ConsoleModel(ModelInputs(snapshot: snapshot, simulation: content.simulation,
                                         utilizationHistory: history.samples, now: now),
                             generation: model.generation + 1, snapshotGeneration: model.snapshotGeneration + 1,
                             events: events)
        receivedAt = now
        prepareCurrentView()
        state.refresh(model)
    }

    /// Takes the sources' health: logs failures and recoveries.
    internal mutating func update(status newStatus: SourceHealth, now: Double) {
        let changes = SnapshotDiff.events(from: status, to: newStatus, at: now)
        status = newStatus
        guard !changes.isEmpty else { return }
        events.append(changes)
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

    /// Builds the current view's table if it is built on demand (Findings).
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
                             context: FrameContext(glyphs: glyphs, now: now, receivedAt: receivedAt, status: status),
                             commands: commandContext)
    }
}
