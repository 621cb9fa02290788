#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory
import Traffic

/// The console without a terminal: the same state machine and renderer as `ConsoleApp`, drawing
/// into a `CellGrid`. Tests drive it with events and read frames as text; the benchmark times
/// `render(into:)` and filter keystrokes with it.
public struct OffscreenConsole: Sendable {
    private var core: ConsoleCore
    /// The clock used for ages, in seconds since 1970 (fixed unless changed).
    public var now: Double
    /// True once an event asked to quit.
    public private(set) var isFinished = false

    /// Creates a console on `snapshot`, `width`×`height` cells.
    ///
    /// - Parameters:
    ///   - theme: a theme name or file (the default when nil).
    ///   - asciiOnly: draw with ASCII glyphs only.
    ///   - now: the clock for ages (default 2026-11-25T12:00:00Z); also the Snapshot's arrival time.
    ///   - utilizationHistory: pool utilization samples (pool name → oldest-first), for sparklines.
    ///   - status: the sources' health, for the STALE marker.
    ///   - themeDirectories: where `NAME.yaml` themes are looked for.
    ///   - journal: the history journal (`:at` rebuilds synchronously here, the Whois view shows
    ///     timelines, the Events view starts with earlier events, events are saved on `saveEvents()`).
    ///   - pastMoment: the moment `snapshot` shows (`console --at`): opened read-only on it.
    public init(snapshot: Snapshot, width: Int = 80, height: Int = 24, theme: String? = nil, asciiOnly: Bool = false,
                now: Double = 1_795_608_000, utilizationHistory: [String: [Double]] = [:], status: SourceHealth = .ok,
                themeDirectories: [String] = [], journal: ConsoleJournal? = nil, pastMoment: Date? = nil) {
        let catalog = ThemeCatalog(searchDirectories: themeDirectories)
        let (resolved, problem) = catalog.resolve(theme)
        self.now = now
        core = ConsoleCore(content: ConsoleContent(snapshot: snapshot, health: status),
                           size: ScreenSize(width: width, height: height), theme: resolved,
                           catalog: catalog, glyphs: asciiOnly ? .ascii : .unicode, now: now,
                           history: utilizationHistory.isEmpty ? nil : UtilizationHistory(samples: utilizationHistory),
                           journal: journal)
        if let pastMoment { core.openInPast(at: pastMoment.timeIntervalSince1970) }
        if let problem { core.show("\(problem); using the default theme", isError: true) }
    }

    /// The theme in use.
    public var theme: Theme { core.theme }

    /// The view shown.
    public var currentView: ViewID { core.state.currentView }

    /// The footer message, if any.
    public var message: String? { core.state.message?.text }

    /// Sends one event. Returns false when it asked to quit.
    @discardableResult
    public mutating func send(_ event: ConsoleEvent) -> Bool {
        guard !isFinished else { return false }
        switch core.handle(event) {
        case .quit:
            isFinished = true
        case .travel(let text):
            // The console rebuilds on a background task; here, at once.
            if let moment = core.travelTarget(text, now: now), let journal = core.journal {
                do {
                    core.showPast(try journal.past(at: moment), at: moment.timeIntervalSince1970, now: now)
                } catch {
                    core.show(":at: \(error)", isError: true)
                }
            }
        default:
            break
        }
        return !isFinished
    }

    /// Sends a key.
    @discardableResult
    public mutating func send(_ key: ConsoleKey) -> Bool {
        send(.key(key))
    }

    /// Types `text` (see `ConsoleEvent.typing`).
    public mutating func type(_ text: String) {
        for event in ConsoleEvent.typing(text) { send(event) }
    }

    /// Resizes the screen.
    public mutating func resize(width: Int, height: Int) {
        send(.resize(ScreenSize(width: width, height: height)))
    }

    /// Hands in a new Snapshot (and the sources' health).
    public mutating func publish(_ snapshot: Snapshot, status: SourceHealth = .ok) {
        publish(ConsoleContent(snapshot: snapshot, health: status))
    }

    /// Hands in new content, as `ConsoleApp.publish` does.
    public mutating func publish(_ content: ConsoleContent) {
        core.journal?.observe(content, at: Date(timeIntervalSince1970: now))
        core.publish(content, now: now)
    }

    /// The simulator behind the content shown (tests check the console prepares none of its own).
    internal var simulator: SimulatorCache { core.model.simulator }

    /// The Snapshot views whose tables are built (tests check only shown views are).
    internal var builtTables: Set<ViewID> {
        Set(ViewCatalog.all.compactMap { view in
            guard case .table = view.kind, core.model.tables[view.id] != nil else { return nil }
            return view.id
        })
    }

    /// Hands in the sources' health alone (failures and recoveries go to the Events view).
    public mutating func publish(status: SourceHealth) {
        core.update(status: status, now: now)
    }

    /// Hands in observed traffic, as the traffic intake does.
    public mutating func publish(traffic: ObservedTraffic) {
        core.publish(traffic: traffic)
    }

    /// Hands the events not saved yet to the journal and writes them (as the console does every
    /// second); returns why recording stopped, if it did.
    @discardableResult
    public mutating func saveEvents() -> String? {
        guard let journal = core.journal else { return nil }
        journal.append(core.takeUnsavedEvents())
        let problem = journal.flush()
        if let problem { core.recordingStopped(problem, now: now) }
        return problem
    }

    /// True while a past state (`:at`) is shown.
    public var showsPast: Bool { core.pastMoment != nil }

    /// Draws the current frame into `grid` (reusing its storage when the size is unchanged).
    public func render(into grid: inout CellGrid) {
        core.render(into: &grid, now: now)
    }

    /// The current frame.
    public func render() -> CellGrid {
        var grid = CellGrid(width: 0, height: 0)
        render(into: &grid)
        return grid
    }
}
