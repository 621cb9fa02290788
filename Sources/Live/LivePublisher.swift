import Inventory
import Simulator

/// Decides, for each folded `LiveState`, whether anything is worth publishing, and builds it:
/// a new Snapshot and a prepared Simulation only when the data changed (`LiveState.version`),
/// the previous ones with the new health when only the health changed, nothing otherwise.
public struct LivePublisher: Sendable {
    /// Prepares each Simulation before it is published (off the UI thread); off in tests that
    /// only count publications.
    public var preparesSimulation: Bool
    private var last: LiveUpdate?
    private var builtVersion = -1

    /// A publisher that has published nothing yet.
    public init(preparesSimulation: Bool = true) {
        self.preparesSimulation = preparesSimulation
    }

    /// Makes the next update a new Snapshot whatever the state's version (the configuration changed).
    public mutating func invalidate() {
        builtVersion = -1
    }

    /// How many Snapshots were built so far.
    public private(set) var snapshotsBuilt = 0

    /// The update to publish for `state`, nil when it would repeat the last one.
    public mutating func update(for state: LiveState, configuration: LiveConfiguration) -> LiveUpdate? {
        let health = state.health
        if let last, state.version == builtVersion {
            guard health.significant != last.health.significant else { return nil }
            var changed = last
            changed.health = health
            self.last = changed
            return changed
        }
        let changes = last == nil || builtVersion < 0 ? ObjectChanges.everything : state.changes(since: builtVersion)
        let snapshot = last.map { state.snapshot(configuration: configuration, updating: $0.snapshot, changes: changes) }
            ?? state.snapshot(configuration: configuration)
        let simulation = last.map { Simulation(snapshot: snapshot, following: $0.simulation) } ?? Simulation(snapshot: snapshot)
        if preparesSimulation { simulation.prepare() }
        snapshotsBuilt += 1
        let made = LiveUpdate(snapshot: snapshot, simulation: simulation, health: health,
                              generation: (last?.generation ?? 0) + 1, changes: changes)
        builtVersion = state.version
        last = made
        return made
    }
}
