import Inventory
import Simulator

/// What `LiveFeed` publishes: a Snapshot, its Simulation (prepared off the UI thread) and the
/// sources' health. Consumers only swap these in.
public struct LiveUpdate: Sendable {
    /// The data.
    public var snapshot: Snapshot
    /// The simulator prepared for `snapshot`.
    public var simulation: Simulation
    /// The sources' health.
    public var health: SourceHealth
    /// Increases with every new Snapshot; an update with the generation of the previous one
    /// carries only a change of health.
    public var generation: Int

    /// What differs from the Snapshot of generation `generation - 1` (the objects the watch
    /// events touched; every kind for the first Snapshot).
    public var changes: ObjectChanges

    /// Creates an update.
    public init(snapshot: Snapshot, simulation: Simulation, health: SourceHealth, generation: Int,
                changes: ObjectChanges = .everything) {
        self.snapshot = snapshot
        self.simulation = simulation
        self.health = health
        self.generation = generation
        self.changes = changes
    }

    /// The Snapshot's place in the sequence, for consumers that work on what changed (the journal recorder).
    public var delta: SnapshotDelta { SnapshotDelta(generation: generation, changes: changes) }
}
