import CNCurses
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory
import Simulator
import Traffic
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive console: `gatewatch`, `gatewatch --demo`, `gatewatch --from DIR`.
///
/// `run()` takes over the terminal on the calling thread and returns when the user quits (or on
/// SIGTERM/SIGINT/SIGHUP), with the terminal restored. The run loop sleeps in `poll` on the
/// keyboard and a wake pipe, so it wakes for keys, for resizes and for Snapshots that other
/// threads hand in with `publish`; the UI thread itself never does network I/O.
public final class ConsoleApp: Sendable {
    private struct Mailbox: Sendable {
        var content: ConsoleContent?
        var running = false
        /// A past state rebuilt for `:at` (with its moment), or why it could not be.
        var past: (content: ConsoleContent, moment: Double)?
        var pastFailure: String?
        /// Why recording stopped, once.
        var recordingStopped: String?
        /// The newest Simulation handed in: a background preparation of an older one stops before
        /// its Rules index (live updates can outpace it; only the newest is ever shown).
        var newestSimulation: ObjectIdentifier?
        /// The newest observed traffic (newest wins).
        var traffic: ObservedTraffic?
    }

    private let initialContent: ConsoleContent
    private let options: ConsoleOptions
    private let environment: [String: String]
    private let mailbox = Mutex(Mailbox())
    private let wakePipe = WakePipe()
    private let startupTheme: Theme
    private let startupProblem: ThemeError?
    private let catalog: ThemeCatalog

    /// Prepares the console on `content`; its Simulation is prepared on a background task (a trace
    /// asked for before that finishes waits for it, never prepares it twice). Throws `ConsoleError.notATerminal` when standard input
    /// or output is not a terminal. The theme is `options.theme`, else `GATEWATCH_THEME`, else the
    /// settings file's (`ConsoleConfigFile`), else the default. A theme (or settings file) that
    /// cannot be used is not an error: the default is used and the console says why in its footer
    /// (see `themeProblem`).
    public init(content: ConsoleContent, options: ConsoleOptions) throws {
        self.initialContent = content
        self.options = options
        let environment = options.environment ?? Self.processEnvironment()
        self.environment = environment
        guard isatty(0) == 1 else { throw ConsoleError.notATerminal(stream: "input") }
        guard isatty(1) == 1 else { throw ConsoleError.notATerminal(stream: "output") }
        catalog = ThemeCatalog.fromEnvironment(environment, configDirectory: options.configDirectory)
        let (spec, settingsProblem) = ThemeSelection.spec(option: options.theme, environment: environment,
                                                          configPath: options.configDirectory?.file("config.yaml"))
        let (theme, themeProblem) = catalog.resolve(spec)
        (startupTheme, startupProblem) = (theme, themeProblem ?? settingsProblem)
        let simulation = content.simulation
        mailbox.withLock { $0.newestSimulation = ObjectIdentifier(simulation) }
        Task.detached(priority: .utility) { self.prepare(simulation) }
    }

    /// Prepares `simulation` off the UI thread: its tables, and when firewalls are placed and it is
    /// still the newest, the Rules view's reverse index and the findings it marks lines with (each
    /// built once per Simulation).
    private func prepare(_ simulation: Simulation) {
        simulation.prepare()
        let snapshot = simulation.snapshot
        guard !snapshot.config.firewalls.isEmpty, !snapshot.firewallConfigs.isEmpty else { return }
        // `simulation` is alive here, so its identifier cannot have been reused.
        guard mailbox.withLock({ $0.newestSimulation == ObjectIdentifier(simulation) }) else { return }
        _ = simulation.rulesIndex()
        _ = simulation.findings()
    }

    /// Prepares the console on `snapshot` alone (its Simulation made here).
    public convenience init(snapshot: Snapshot, options: ConsoleOptions) throws {
        try self.init(content: ConsoleContent(snapshot: snapshot, health: options.sourceStatus), options: options)
    }

    deinit {
        wakePipe.close()
    }

    /// Why the requested theme was not used (the default was), if it was not.
    public var themeProblem: ThemeError? { startupProblem }

    /// Hands in newer content from any thread (prepared: the UI thread only swaps it in); the
    /// console shows it at once. Content published faster than it is shown folds into the newest.
    public func publish(_ content: ConsoleContent) {
        options.journal?.observe(content, at: Date())
        let simulation = content.simulation
        mailbox.withLock { box in
            box.content = content
            box.newestSimulation = ObjectIdentifier(simulation)
        }
        Task.detached(priority: .utility) { self.prepare(simulation) }
        wakePipe.wake(UInt8(ascii: "S"))
    }

    /// Hands in newer observed traffic from any thread (the intake publishes at most 4 times a
    /// second); traffic published faster than it is shown folds into the newest.
    public func publish(traffic: ObservedTraffic) {
        mailbox.withLock { $0.traffic = traffic }
        wakePipe.wake(UInt8(ascii: "S"))
    }

    /// Runs the console until the user quits. Throws `ConsoleError.terminalUnavailable` when
    /// ncurses cannot open the terminal (unknown or `dumb` TERM).
    public func run() throws {
        let alreadyRunning = mailbox.withLock { box -> Bool in
            defer { box.running = true }
            return box.running
        }
        guard !alreadyRunning else { throw ConsoleError.alreadyRunning }
        defer { mailbox.withLock { $0.running = false } }

        setlocale(LC_ALL, "")
        let codeset = String(cString: gw_codeset())
        let asciiOnly = options.asciiOnly ?? !(codeset == "UTF-8" || codeset == "utf8")
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        SignalTrap.saveTerminalModes()
        let terminal: Terminal
        do {
            terminal = try Terminal(theme: startupTheme, colors: options.colors, noColor: noColor, mouse: options.mouse)
        } catch {
            SignalTrap.uninstall()
            throw error
        }
        SignalTrap.install(wake: wakePipe.writeDescriptor, restore: terminal.restoreSequence())
        defer {
            terminal.close()
            SignalTrap.uninstall()
        }

        var core = ConsoleCore(content: initialContent, size: terminal.size, theme: startupTheme, catalog: catalog,
                               glyphs: asciiOnly ? .ascii : .unicode, now: Self.now(), view: options.initialView,
                               journal: options.journal)
        if let moment = options.pastMoment { core.openInPast(at: moment.timeIntervalSince1970) }
        // The journal is written off the UI thread, every second; a failure stops recording, not the console.
        let journal = options.journal
        journal?.observe(initialContent, at: Date())
        let journalTask = journal.map { journal in
            Task.detached { [self] in
                await journal.run { reason in
                    self.mailbox.withLock { $0.recordingStopped = reason }
                    self.wakePipe.wake(UInt8(ascii: "S"))
                }
            }
        }
        defer {
            journalTask?.cancel()
            journal?.append(core.takeUnsavedEvents())
            _ = journal?.flush()
        }
        if let startupProblem { core.show("\(startupProblem); using the default theme", isError: true) }
        var grid = CellGrid(width: 0, height: 0, asciiOnly: asciiOnly)
        core.render(into: &grid, now: Self.now())
        terminal.draw(grid)

        var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0)]
        loop: while true {
            // Wake at the next whole second at the latest, so the data age stays current.
            let now = Self.now()
            let timeout = Int32(max(10, min(1000, (1.0 - (now - now.rounded(.down))) * 1000)))
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            _ = poll(&descriptors, 2, timeout)
            for byte in wakePipe.drain() {
                switch byte {
                case UInt8(ascii: "T"):
                    break loop
                case UInt8(ascii: "S"):
                    let content = mailbox.withLock { box in
                        defer { box.content = nil }
                        return box.content
                    }
                    if let content { core.publish(content, now: Self.now()) }
                    let traffic = mailbox.withLock { box in
                        defer { box.traffic = nil }
                        return box.traffic
                    }
                    if let traffic { core.publish(traffic: traffic) }
                    let (past, failure, stopped) = mailbox.withLock { box in
                        defer { (box.past, box.pastFailure, box.recordingStopped) = (nil, nil, nil) }
                        return (box.past, box.pastFailure, box.recordingStopped)
                    }
                    if let past { core.showPast(past.content, at: past.moment, now: Self.now()) }
                    if let failure { core.show(failure, isError: true) }
                    if let stopped { core.recordingStopped(stopped, now: Self.now()) }
                default:
                    break
                }
            }
            for event in terminal.pendingEvents() {
                switch core.handle(event) {
                case .quit: break loop
                case .applyTheme: terminal.apply(core.theme)
                case .travel(let text):
                    if let moment = core.travelTarget(text, now: Self.now()), let journal {
                        rebuild(at: moment, from: journal)
                    }
                case .none:
                    if event == .key(.control("l")) { terminal.invalidate() }
                }
            }
            journal?.append(core.takeUnsavedEvents())
            core.render(into: &grid, now: Self.now())
            terminal.draw(grid)
        }
    }

    /// Rebuilds the state at `moment` from `journal` on a background task and hands it to the
    /// UI thread through the mailbox.
    private func rebuild(at moment: Date, from journal: ConsoleJournal) {
        Task.detached(priority: .userInitiated) { [self] in
            do {
                let content = try journal.past(at: moment)
                self.mailbox.withLock { $0.past = (content, moment.timeIntervalSince1970) }
            } catch {
                self.mailbox.withLock { $0.pastFailure = ":at: \(error)" }
            }
            self.wakePipe.wake(UInt8(ascii: "S"))
        }
    }

    /// Seconds since 1970 from the wall clock.
    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
