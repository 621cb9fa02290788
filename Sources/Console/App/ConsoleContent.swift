import Inventory
import Simulator

/// What the console shows: a Snapshot, the Simulation prepared for it, and the sources' health.
/// Producers (`Live`, or the command for a bundle) prepare it off the UI thread; the console only
/// swaps it in.
public struct ConsoleContent: Sendable {
    /// The data.
    public var snapshot: Snapshot
    /// The simulator for `snapshot`.
    public var simulation: Simulation
    /// The sources' health (`.ok` for a bundle).
    public var health: SourceHealth
    /// Increases with every new Snapshot; content with the generation of the one shown carries
    /// only a change of health. Nil: always a new Snapshot.
    public var generation: Int?
    /// What differs from the Snapshot of generation `generation - 1`, when the producer knows
    /// (the live feed's change set); the journal recorder then encodes only those objects.
    public var changes: ObjectChanges?

    /// Content for `snapshot`; the simulation is made (not yet prepared) when not given.
    public init(snapshot: Snapshot, simulation: Simulation? = nil, health: SourceHealth = .ok, generation: Int? = nil,
                changes: ObjectChanges? = nil) {
        self.snapshot = snapshot
        self.simulation = simulation ?? Simulation(snapshot: snapshot)
        self.health = health
        self.generation = generation
        self.changes = changes
    }

    /// The Snapshot's place in the live sequence, when it has one.
    var delta: SnapshotDelta? {
        guard let generation, let changes else { return nil }
        return SnapshotDelta(generation: generation, changes: changes)
    }
}
