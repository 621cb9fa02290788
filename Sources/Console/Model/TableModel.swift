/// The rows of one table view for one Snapshot, built once when the Snapshot arrives.
struct TableModel: Hashable, Sendable {
    /// The columns.
    var columns: [TableColumn]
    /// The rows, in the view's natural order (grouped rows are contiguous).
    var rows: [TableRow]
    /// Row groups; empty for flat tables.
    var groups: [TableGroup]
    /// The widest text of each column, title included, in columns.
    var contentWidths: [Int]
    /// True when `-l k=v` filters apply (views of pods).
    var hasLabels: Bool
    /// What the view says when there is no row at all.
    var emptyText: String

    /// Creates a model and measures its columns.
    init(columns: [TableColumn], rows: [TableRow], groups: [TableGroup] = [], hasLabels: Bool = false,
         emptyText: String) {
        self.columns = columns
        self.rows = rows
        self.groups = groups
        self.hasLabels = hasLabels
        self.emptyText = emptyText
        var widths = columns.map { CellWidth.columns(of: $0.title) }
        for row in rows {
            for (index, cell) in row.cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], CellWidth.columns(of: cell))
            }
        }
        contentWidths = widths
    }
}
