extension RulesTable {
    /// `model` with the denies observed per entry (`firewall|list|line` → count, from the Traffic
    /// intake) added to the HITS cell as `+N seen`; rows without observed denies are unchanged.
    internal static func withObservedHits(_ model: TableModel, _ hits: [String: UInt64]) -> TableModel {
        guard !hits.isEmpty, let column = columns.firstIndex(where: { $0.title == "HITS" }) else { return model }
        var rows = model.rows
        var changed = false
        for index in rows.indices {
            guard let seen = hits[rows[index].key], column < rows[index].cells.count else { continue }
            var cell = rows[index].cells[column]
            let base = cell.text.split(separator: " ").first.map(String.init) ?? cell.text
            cell.text = "\(base) +\(seen) seen"
            cell.role = .warn
            rows[index].cells[column] = cell
            changed = true
        }
        guard changed else { return model }
        return TableModel(columns: model.columns, rows: rows, groups: model.groups, hasLabels: model.hasLabels,
                          emptyText: model.emptyText)
    }
}
