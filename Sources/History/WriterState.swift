import Inventory

/// What the one writer keeps in memory between transactions. Only the writer changes the journal
/// (the lock guarantees it), so this stays true to the database.
struct WriterState: Sendable {
    /// Row ids of the interned kinds.
    var kindIDs: [BundleObjectKind: Int64] = [:]
    /// The open version of every object that has one, by kind and key.
    var open: [BundleObjectKind: [String: OpenVersion]] = [:]
    /// The last body stored whole, per kind: new bodies of the kind are stored as deltas against it.
    var keyframes: [BundleObjectKind: (id: Int64, base: ContentDelta.Base)] = [:]
    /// `covered_from`, when the journal holds a state.
    var coveredFrom: Int64?
    /// `covered_to`: the last observation.
    var coveredTo: Int64?
    /// Set when a transaction failed: the memory may differ from the database until it is read again.
    var needsReload = false
}
