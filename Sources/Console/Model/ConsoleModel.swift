import Inventory
import Traffic

/// Everything the views show for one Snapshot: every view's rows and the header's counts.
/// Rendering a frame only reads it. A view's table is built the first time the view is shown
/// (`prepare`), so a new Snapshot costs the shown view's rows only; the Events table follows the
/// event log and the Traffic table the traffic intake.
internal struct ConsoleModel: Sendable {
    /// The data.
    internal let snapshot: Snapshot
    /// Table rows per view.
    private(set) var tables: [ViewID: TableModel]
    /// `gateways ready/total`.
    internal let readyGateways: Int
    /// Firewall names from `gatewatch.yaml`.
    internal let firewalls: [String]
    /// Increases with every change of content (a Snapshot, an event), so cached display lists know
    /// to rebuild.
    private(set) var generation: Int
    /// Increases with every Snapshot only, so traces and lookups know to run again.
    internal let snapshotGeneration: Int
    /// What the tables were built from, for tables built on demand.
    private let inputs: ModelInputs
    /// The simulator for this Snapshot (traces, whois, what-if candidates).
    internal let simulator: SimulatorCache
    /// Denies observed per firewall entry (`firewall|list|line`), from the Traffic intake.
    private var observedHits: [String: UInt64] = [:]
    /// The Rules table as the Simulation gives it, before observed hits are added.
    private var baseRules: TableModel?
    /// The views whose tables were taken from the previous model.
    private(set) var reused: Set<ViewID> = []

    /// Takes `inputs`; builds the Events table from `events` and the Traffic table from `traffic`
    /// (the Snapshot's tables wait for `prepare`), and keeps the tables of `previous` that the new
    /// Snapshot leaves as they are (`ViewDescriptor.reusable`).
    internal init(_ inputs: ModelInputs, generation: Int, snapshotGeneration: Int? = nil, events: EventLog = EventLog(),
                  traffic: ObservedTraffic? = nil, previous: ConsoleModel? = nil) {
        snapshot = inputs.snapshot
        self.inputs = inputs
        simulator = SimulatorCache(simulation: inputs.simulation, timeline: inputs.timeline)
        var tables: [ViewID: TableModel] = [:]
        for view in ViewCatalog.all {
            switch view.kind {
            case .eventLog: tables[view.id] = EventsTable.model(events)
            case .observedTraffic: tables[view.id] = TrafficTable.model(traffic, snapshot: inputs.snapshot)
            case .table:
                guard let previous, let reusable = view.reusable, let table = previous.tables[view.id],
                      reusable(previous.inputs, inputs) else { continue }
                tables[view.id] = table
                reused.insert(view.id)
            case .traceForm, .whoisForm: break
            }
        }
        self.tables = tables
        observedHits = traffic?.aceHits ?? [:]
        readyGateways = inputs.snapshot.gateways.reduce(0) { $0 + ($1.ready ? 1 : 0) }
        firewalls = inputs.snapshot.config.firewalls.map(\.name)
        self.generation = generation
        self.snapshotGeneration = snapshotGeneration ?? generation
    }

    /// Builds `view`'s table if it is a Snapshot table not built yet; true when it built it.
    @discardableResult
    internal mutating func prepare(_ view: ViewID) -> Bool {
        guard tables[view] == nil, let descriptor = ViewCatalog.descriptor(view),
              case .table(let build) = descriptor.kind else { return false }
        let table = build(inputs)
        if view == .rules {
            baseRules = table
            tables[view] = RulesTable.withObservedHits(table, observedHits)
        } else {
            tables[view] = table
        }
        return true
    }

    /// Rebuilds the Traffic table from `traffic`.
    internal mutating func update(traffic: ObservedTraffic) {
        tables[.traffic] = TrafficTable.model(traffic, snapshot: snapshot)
        if traffic.aceHits != observedHits {
            // The Rules view shows the denies seen per entry.
            observedHits = traffic.aceHits
            if let baseRules { tables[.rules] = RulesTable.withObservedHits(baseRules, observedHits) }
        }
        generation += 1
    }

    /// Rebuilds the Events table from `log`.
    internal mutating func update(events log: EventLog) {
        tables[.events] = EventsTable.model(log)
        generation += 1
    }
}
