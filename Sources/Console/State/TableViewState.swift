/// The UI state of one table view: filter, sort, selection and scroll, plus the display list they
/// produce (rebuilt only when the filter, the sort or the Snapshot changes).
internal struct TableViewState: Hashable, Sendable {
    /// The active filter.
    private(set) var filter = FilterQuery()
    /// The active sort, nil for the view's natural order.
    private(set) var sort: SortOrder?
    /// Selection (an index into `display.rowLines`) and scroll (a line).
    internal var cursor = ListCursor()
    /// The filtered, sorted lines.
    private(set) var display = DisplayList()
    /// The model generation `display` was built from.
    private(set) var builtGeneration = -1
    /// The key of the selected row, to keep it selected across rebuilds.
    private(set) var selectedKey: String?

    /// Creates the state of a view not yet shown.
    internal init() {}

    /// Rebuilds the display list if the model changed.
    internal mutating func refresh(_ model: TableModel, generation: Int) {
        if generation != builtGeneration { rebuild(model, generation: generation) }
    }

    /// Sets the filter and rebuilds.
    internal mutating func setFilter(_ text: String, model: TableModel, generation: Int) {
        guard text != filter.text else { return }
        filter = FilterQuery(text)
        rebuild(model, generation: generation, keepSelection: false)
    }

    /// Sets the sort and rebuilds.
    internal mutating func setSort(_ order: SortOrder?, model: TableModel, generation: Int) {
        sort = order
        rebuild(model, generation: generation)
    }

    /// The row index (into `TableModel.rows`) of the selection.
    internal var selectedRow: Int? {
        guard cursor.selected < display.rowLines.count else { return nil }
        if case .row(let row) = display.lines[display.rowLines[cursor.selected]] { return row }
        return nil
    }

    /// Moves the selection and keeps it visible in `rows` lines.
    internal mutating func move(by delta: Int, model: TableModel, rows: Int) {
        cursor.move(by: delta, count: display.rowLines.count)
        remember(model)
        reveal(rows: rows)
    }

    /// Selects the first or last row.
    internal mutating func jump(toEnd: Bool, model: TableModel, rows: Int) {
        cursor.jump(toEnd: toEnd, count: display.rowLines.count)
        remember(model)
        reveal(rows: rows)
    }

    /// Selects the row shown on line `line`, if that line is a row.
    internal mutating func select(line: Int, model: TableModel, rows: Int) -> Bool {
        guard let position = display.rowLines.firstIndex(of: line) else { return false }
        cursor.selected = position
        remember(model)
        reveal(rows: rows)
        return true
    }

    /// Scrolls so the selection (and its group heading) is visible in `rows` lines.
    internal mutating func reveal(rows: Int) {
        guard cursor.selected < display.rowLines.count else {
            cursor.scroll = 0
            return
        }
        let line = display.rowLines[cursor.selected]
        let heading = line > 0 && { if case .group = display.lines[line - 1] { return true } else { return false } }()
        cursor.reveal(line: line, leading: heading ? 1 : 0, rows: rows, lineCount: display.lines.count)
    }

    private mutating func remember(_ model: TableModel) {
        selectedKey = selectedRow.map { model.rows[$0].key }
    }

    private mutating func rebuild(_ model: TableModel, generation: Int, keepSelection: Bool = true) {
        display = DisplayList(model: model, filter: filter, sort: sort)
        builtGeneration = generation
        if keepSelection, let key = selectedKey,
           let position = display.rowLines.firstIndex(where: { line in
               if case .row(let row) = display.lines[line] { return model.rows[row].key == key }
               return false
           }) {
            cursor.selected = position
        } else {
            cursor.clamp(count: display.rowLines.count)
            if !keepSelection { cursor.selected = 0; cursor.scroll = 0 }
        }
        remember(model)
    }
}
