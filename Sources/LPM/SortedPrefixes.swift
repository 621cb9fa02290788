/// The entries of one address family in table order, as parallel arrays.
internal struct SortedPrefixes<Network, Value> {
    /// Network addresses, in table order.
    internal var networks: [Network] = []
    /// Prefix lengths, in the same order.
    internal var lengths: [UInt8] = []
    /// Values, in the same order.
    internal var values: [Value] = []
}
