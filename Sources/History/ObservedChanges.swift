import Inventory

/// What one observation tells the journal: the objects it saw, the objects it knows vanished,
/// and the kinds for which `objects` is the whole list — an open version of such a kind that is
/// not among them ended. A complete state has every kind complete; a change set (the Live
/// layer's, or the synthesizer's) lists only what changed and names what vanished.
struct ObservedChanges: Sendable {
    /// New, changed and (for complete kinds) unchanged objects, one per identity.
    var objects: [ObservedObject]
    /// Objects that vanished, whatever the kind.
    var removals: [ObjectIdentity] = []
    /// The kinds `objects` lists whole; nil when it lists every kind whole.
    var completeKinds: Set<BundleObjectKind>?

    /// Whether `objects` lists every object of `kind`.
    func isComplete(_ kind: BundleObjectKind) -> Bool {
        completeKinds?.contains(kind) ?? true
    }

    /// The same observation, complete only for the kinds of `scope` as well (nil: no limit).
    func limited(to scope: Set<BundleObjectKind>?) -> ObservedChanges {
        guard let scope else { return self }
        var limited = self
        limited.completeKinds = completeKinds.map { $0.intersection(scope) } ?? scope
        return limited
    }
}
