/// How a table is sorted: by which column, in which direction.
internal struct SortOrder: Hashable, Sendable {
    /// The column index.
    internal var column: Int
    /// True for descending.
    internal var descending: Bool
}
