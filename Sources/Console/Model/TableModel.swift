/// The rows of one table view for one Snapshot, built once when the Snapshot arrives.
internal struct TableModel: Hashable, Sendable {
    /// The columns.
    internal var columns: [TableColumn]
    /// The rows, in the view's natural order (grouped rows are contiguous).
    internal var rows: [TableRow]
    /// Row groups; empty for flat tables.
    internal var groups: [TableGroup]
    /// The widest text of each column, title included, in columns.
    internal var contentWidths: [Int]
    /// True when `-l k=v` filters apply (views of pods).
    internal var hasLabels: Bool
    /// What the view says when there is no row at all.
    internal var emptyText: String

    /// Creates a model and measures its columns.
    internal init(columns: [TableColumn], rows: [TableRow], groups: [TableGroup] = [], hasLabels: Bool = false,
         emptyText: String) {
        self.columns = columns
        self.rows = rows
        self.groups = groups
        self.hasLabels = hasLabels
        self.emptyText = emptyText
        var widths = columns.map { CellWidth.columns(of: $0.title) }
        for row in rows {
            for (index, cell) in row.cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], CellWidth.columns(of: cell.text))
            }
        }
        contentWidths = widths
    }
}
