/// Where a Snapshot stands in a sequence of Snapshots from one producer (the Live layer's
/// publications): its `generation`, and what differs from the Snapshot of generation
/// `generation - 1`. A consumer that saw that Snapshot need only look at `changes`; one that did
/// not treats the Snapshot as new.
public struct SnapshotDelta: Hashable, Sendable {
    /// The Snapshot's generation (increasing by one per Snapshot).
    public var generation: Int
    /// What differs from the Snapshot of the previous generation.
    public var changes: ObjectChanges

    /// A delta.
    public init(generation: Int, changes: ObjectChanges) {
        self.generation = generation
        self.changes = changes
    }
}
