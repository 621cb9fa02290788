/// How a table is sorted: by which column, in which direction.
struct SortOrder: Hashable, Sendable {
    /// The column index.
    var column: Int
    /// True for descending.
    var descending: Bool
}
