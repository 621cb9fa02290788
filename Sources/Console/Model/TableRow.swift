/// One row of a table view, with everything precomputed when the Snapshot arrives: cell texts,
/// sort keys, the lowercased text the filter searches, labels for `-l` filters.
internal struct TableRow: Hashable, Sendable {
    /// A stable identity (kept selected across Snapshots).
    internal var key: String
    /// One text per column.
    internal var cells: [String]
    /// One role per column (`.text` for plain cells).
    internal var cellRoles: [ThemeRole]
    /// A role for the whole row (idle Elastic IPs), drawn under the cell roles' text.
    internal var rowRole: ThemeRole?
    /// One sort key per column.
    internal var sortKeys: [SortKey]
    /// The lowercased UTF-8 text a `/` filter searches.
    internal var search: [UInt8]
    /// Labels a `-l k=v` filter matches (pod views only).
    internal var labels: [String: String]
    /// The group the row belongs to, an index into `TableModel.groups`.
    internal var group: Int?
    /// Where Enter leads.
    internal var target: DetailTarget?
    /// The gauge fraction for a gauge column.
    internal var gauge: Double?
    /// The history for a sparkline column, oldest first.
    internal var history: [Double]

    /// Creates a row; the search text is built from the cells plus `extraSearch`.
    internal init(key: String, cells: [String], cellRoles: [ThemeRole]? = nil, rowRole: ThemeRole? = nil,
         sortKeys: [SortKey], labels: [String: String] = [:], group: Int? = nil, target: DetailTarget? = nil,
         gauge: Double? = nil, history: [Double] = [], extraSearch: [String] = []) {
        self.key = key
        self.cells = cells
        self.cellRoles = cellRoles ?? Array(repeating: .text, count: cells.count)
        self.rowRole = rowRole
        self.sortKeys = sortKeys
        self.labels = labels
        self.group = group
        self.target = target
        self.gauge = gauge
        self.history = history
        self.search = Array((cells + extraSearch).joined(separator: "\u{1}").lowercased().utf8)
    }
}

/// A group of rows (a gateway deployment, a policy), shown as a heading line.
internal struct TableGroup: Hashable, Sendable {
    /// The heading's main text.
    internal var title: String
    /// Secondary text after the title.
    internal var detail: String
    /// The lowercased UTF-8 text a filter also searches: a group's rows match when the group does.
    internal var search: [UInt8]

    /// Creates a group.
    internal init(title: String, detail: String) {
        self.title = title
        self.detail = detail
        self.search = Array((title + "\u{1}" + detail).lowercased().utf8)
    }
}
