/// What one object-group stands for once its `group-object` nesting is resolved: its distinct
/// members in config order, how deep its nesting goes, and whether a `FirewallLimits` limit
/// made it unusable.
internal struct GroupExpansion<Member: Hashable> {
    /// Distinct members, nested groups' members inlined where the `group-object` line stands.
    /// Empty when `exceeded` is set.
    internal var members: [Member]
    /// Levels of groups from this one down to its deepest nested group (1 without nesting).
    internal var depth: Int
    /// The limit that made the group unusable (itself or a group it nests), if any.
    internal var exceeded: FirewallLimits.Limit?
}
