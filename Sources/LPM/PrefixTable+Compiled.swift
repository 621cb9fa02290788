extension PrefixTable {
    /// Compiles the table into a read-only form for fast lookups (see `CompiledPrefixTable`).
    ///
    /// The compiled table answers `longestMatch` exactly as this table does at the time of the
    /// call; later changes to this table do not reach it. Compile once, look up many times.
    public func compiled() -> CompiledPrefixTable<Value> {
        CompiledPrefixTable(self)
    }
}
