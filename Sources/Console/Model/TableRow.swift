/// One row of a table view, with everything precomputed when the Snapshot arrives: cell texts,
/// sort keys, the lowercased text the filter searches, labels for `-l` filters.
struct TableRow: Hashable, Sendable {
    /// A stable identity (kept selected across Snapshots).
    var key: String
    /// One text per column.
    var cells: [String]
    /// One role per column (`.text` for plain cells).
    var cellRoles: [ThemeRole]
    /// A role for the whole row (idle Elastic IPs), drawn under the cell roles' text.
    var rowRole: ThemeRole?
    /// One sort key per column.
    var sortKeys: [SortKey]
    /// The lowercased UTF-8 text a `/` filter searches.
    var search: [UInt8]
    /// Labels a `-l k=v` filter matches (pod views only).
    var labels: [String: String]
    /// The group the row belongs to, an index into `TableModel.groups`.
    var group: Int?
    /// Where Enter leads.
    var target: DetailTarget?
    /// The gauge fraction for a gauge column.
    var gauge: Double?
    /// The history for a sparkline column, oldest first.
    var history: [Double]

    /// Creates a row; the search text is built from the cells plus `extraSearch`.
    init(key: String, cells: [String], cellRoles: [ThemeRole]? = nil, rowRole: ThemeRole? = nil,
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
struct TableGroup: Hashable, Sendable {
    /// The heading's main text.
    var title: String
    /// Secondary text after the title.
    var detail: String
    /// The lowercased UTF-8 text a filter also searches: a group's rows match when the group does.
    var search: [UInt8]

    /// Creates a group.
    init(title: String, detail: String) {
        self.title = title
        self.detail = detail
        self.search = Array((title + "\u{1}" + detail).lowercased().utf8)
    }
}
