extension ConsoleState {
    /// Mouse: the wheel scrolls; a click on a tab switches view, on a column title sorts by it
    /// (again: reverses), on a row selects it, on the selected row (or a double click) opens it.
    internal mutating func handleMouse(_ mouse: MouseEvent, context: CommandContext) -> ConsoleEffect {
        let model = context.model
        if case .help = mode {
            mode = .normal
            return .none
        }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            let delta = mouse.kind == .wheelUp ? -3 : 3
            if details.isEmpty, let table = model.tables[currentView] {
                var state = currentTable
                state.move(by: delta, model: table, rows: tableRows)
                currentTable = state
            } else if !details.isEmpty {
                details[details.count - 1].move(by: delta, rows: detailRows)
            } else if mode == .normal, currentView == .trace || currentView == .whois {
                for _ in 0..<3 { _ = handle(.key(delta < 0 ? .up : .down), context: context) }
            }
            return .none
        case .click, .doubleClick:
            break
        }
        let layout = self.layout
        if mouse.row == layout.tabRow {
            if let tab = TabBar.regions(width: size.width).first(where: { $0.columns.contains(mouse.column) }) {
                switchView(to: tab.view)
            }
            return .none
        }
        guard layout.content.contains(column: mouse.column, row: mouse.row) else { return .none }
        if !details.isEmpty {
            var detail = details[details.count - 1]
            let line = detail.cursor.scroll + mouse.row - layout.content.y
            guard line < detail.page.lines.count else { return .none }
            let again = detail.cursor.selected == line
            detail.cursor.selected = line
            details[details.count - 1] = detail
            if (again || mouse.kind == .doubleClick), let link = detail.page.lines[line].link {
                details.append(DetailState(target: link, page: DetailPages.page(for: link, in: model.snapshot),
                                         rows: detailRows))
            }
            return .none
        }
        if currentView == .trace {
            clickTrace(row: mouse.row - layout.content.y)
            return .none
        }
        if currentView == .whois {
            clickWhois(row: mouse.row - layout.content.y, doubleClick: mouse.kind == .doubleClick, model: model)
            return .none
        }
        guard let table = model.tables[currentView] else { return .none }
        var state = currentTable
        if mouse.row == layout.tableHeaderRow {
            let offset = mouse.column - layout.content.x
            let columns = ColumnLayout(model: table, width: layout.content.width).columns
            if let column = columns.first(where: { offset >= $0.x - 1 && offset < $0.x + $0.width }) {
                let descending = state.sort?.column == column.index ? !(state.sort?.descending ?? true) : false
                state.setSort(SortOrder(column: column.index, descending: descending), model: table,
                              generation: model.generation)
                currentTable = state
            }
            return .none
        }
        let line = state.cursor.scroll + mouse.row - layout.tableBody.y
        let previous = state.cursor.selected
        let hadSelection = state.selectedRow != nil
        guard line >= 0, line < state.display.lines.count, state.select(line: line, model: table, rows: tableRows) else {
            return .none
        }
        currentTable = state
        if mouse.kind == .doubleClick || (hadSelection && previous == state.cursor.selected) {
            openSelected(model: model)
        }
        return .none
    }

    /// A click on a form row of the Trace view edits that field.
    private mutating func clickTrace(row: Int) {
        guard let field = TraceForm.Field(rawValue: row) else { return }
        trace.focus = field
        mode = .traceForm
    }

    /// A click on the Whois input edits it; on a line of the answer selects it, and on the selected
    /// line (or a double click) follows its link.
    private mutating func clickWhois(row: Int, doubleClick: Bool, model: ConsoleModel) {
        if row == 0 {
            mode = .whoisInput
            return
        }
        guard let page = whois.lookup?.page else { return }
        let line = whois.cursor.scroll + row - WhoisLayout.inputHeight
        guard line >= 0, line < page.lines.count else { return }
        let again = whois.cursor.selected == line
        whois.cursor.selected = line
        if again || doubleClick, let link = page.lines[line].link {
            details.append(DetailState(target: link, page: DetailPages.page(for: link, in: model.snapshot), rows: detailRows))
        }
    }
}
