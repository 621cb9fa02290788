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

    /// Creates an update.
    public init(snapshot: Snapshot, simulation: Simulation, health: SourceHealth, generation: Int) {
        self.snapshot = snapshot
        self.simulation = simulation
        self.health = health
        self.generation = generation
    }
}
