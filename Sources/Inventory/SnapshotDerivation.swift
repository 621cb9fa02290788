import Synchronization

/// Names one Snapshot among those built in this process: two Snapshots with one identity are the
/// same value (copies), so a later Snapshot can say which one it was derived from.
public struct SnapshotIdentity: Hashable, Sendable {
    private static let counter = Atomic<UInt64>(0)
    private let value: UInt64

    /// A new identity, never given before in this process.
    static func next() -> SnapshotIdentity {
        SnapshotIdentity(value: counter.add(1, ordering: .relaxed).newValue)
    }
}

/// How a Snapshot was derived from an earlier one by `Snapshot.updating(cluster:changedPods:)`:
/// which Snapshot, and how its pods changed by position. A Simulation of the earlier Snapshot
/// prepares the later one from this (the touched pods' senders again, everything else shared).
public struct SnapshotDerivation: Hashable, Sendable {
    /// The Snapshot this one was derived from.
    public let base: SnapshotIdentity
    /// The pods changed in place, added, removed and moved.
    public let pods: PodPositionChanges
}
