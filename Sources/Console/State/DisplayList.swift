/// The lines a table view shows after filtering and sorting: group headings and rows.
internal struct DisplayList: Hashable, Sendable {
    /// One line.
    internal enum Line: Hashable, Sendable {
        /// A group heading: an index into `TableModel.groups`.
        case group(Int)
        /// A row: an index into `TableModel.rows`.
        case row(Int)
    }

    /// The lines, top to bottom.
    internal var lines: [Line] = []
    /// For each selectable row, its index in `lines`.
    internal var rowLines: [Int] = []

    /// Filters and sorts `model`'s rows.
    internal init(model: TableModel, filter: FilterQuery, sort: SortOrder?) {
        var indices: [Int] = []
        indices.reserveCapacity(model.rows.count)
        for (index, row) in model.rows.enumerated() {
            let group = row.group.map { model.groups[$0] }
            if filter.isEmpty || filter.matches(row, group: group, hasLabels: model.hasLabels) { indices.append(index) }
        }
        if let sort, sort.column < model.columns.count {
            let column = sort.column
            let rows = model.rows
            indices.sort { a, b in
                let ga = rows[a].group ?? -1
                let gb = rows[b].group ?? -1
                if ga != gb { return ga < gb }
                let ka = rows[a].cells[column].sortKey
                let kb = rows[b].cells[column].sortKey
                if ka == kb { return a < b }
                // Empty values stay last in both directions.
                if case .none = ka { return false }
                if case .none = kb { return true }
                return sort.descending ? kb < ka : ka < kb
            }
        }
        lines.reserveCapacity(indices.count + model.groups.count)
        rowLines.reserveCapacity(indices.count)
        var currentGroup: Int?
        for index in indices {
            if let group = model.rows[index].group, group != currentGroup {
                lines.append(.group(group))
                currentGroup = group
            }
            rowLines.append(lines.count)
            lines.append(.row(index))
        }
    }

    /// An empty list.
    internal init() {}
}
