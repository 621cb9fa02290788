/// One row of a table view, with everything precomputed when the Snapshot arrives: its cells
/// (text, role, sort key), the lowercased text the filter searches, labels for `-l` filters.
internal struct TableRow: Hashable, Sendable {
    /// A stable identity (kept selected across Snapshots).
    internal var key: String
    /// One cell per column.
    internal var cells: [TableCell]
    /// A role for the whole row (idle Elastic IPs), drawn under the cell roles' text.
    internal var rowRole: ThemeRole?
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
    /// When a countdown column reaches zero (seconds since 1970), and what follows the time left.
    internal var deadline: (time: Double, suffix: String)? {
        get { deadlineTime.map { ($0, deadlineSuffix) } }
        set {
            deadlineTime = newValue?.time
            deadlineSuffix = newValue?.suffix ?? ""
        }
    }
    private var deadlineTime: Double?
    private var deadlineSuffix = ""
    /// When an age column starts counting (seconds since 1970).
    internal var since: Double?

    /// Creates a row; the search text is built from the cells plus `extraSearch`.
    internal init(key: String, cells: [TableCell], rowRole: ThemeRole? = nil, labels: [String: String] = [:],
                  group: Int? = nil, target: DetailTarget? = nil, gauge: Double? = nil, history: [Double] = [],
                  extraSearch: [String] = []) {
        self.key = key
        self.cells = cells
        self.rowRole = rowRole
        self.labels = labels
        self.group = group
        self.target = target
        self.gauge = gauge
        self.history = history
        self.search = Array((cells.map(\.text) + extraSearch).joined(separator: "\u{1}").lowercased().utf8)
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
