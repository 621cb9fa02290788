/// Draws a table view inside the frame: column titles (with the sort mark), group headings and
/// the visible rows, the selection, and what to say when nothing is shown.
internal enum TableRenderer {
    /// Draws `table` with `state` into `area` (the frame's inside).
    internal static func render(into grid: inout CellGrid, area: Rect, table: TableModel, state: TableViewState,
                       glyphs: GlyphSet, now: Double = 0) {
        guard area.height >= 2, area.width > 0 else { return }
        let layout = ColumnLayout(model: table, width: area.width)
        // Column titles.
        for placed in layout.columns {
            let column = table.columns[placed.index]
            var title = column.title
            var role = ThemeRole.tableHeader
            if let sort = state.sort, sort.column == placed.index {
                // The mark goes after the title, which gives way when the column is narrow.
                let room = max(0, placed.width - 2)
                if title.count > room { title = String(title.prefix(room)) }
                title += " " + String(sort.descending ? glyphs.sortDescending : glyphs.sortAscending)
                role = .tableHeaderSorted
            }
            if column.alignment == .right {
                grid.writeRight(title, x: area.x + placed.x, y: area.y, width: placed.width, role: role)
            } else {
                grid.write(title, x: area.x + placed.x, y: area.y, maxWidth: placed.width, role: role)
            }
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let display = state.display
        if display.lines.isEmpty {
            let text = table.rows.isEmpty ? table.emptyText
                : "No row matches the filter '\(state.filterText)'. Esc clears it."
            grid.write(text, x: body.x + 1, y: body.y + 1, maxWidth: body.width - 2, role: .muted, ellipsis: glyphs.ellipsis)
            return
        }
        let selectedLine = state.cursor.selected < display.rowLines.count ? display.rowLines[state.cursor.selected] : -1
        let first = max(0, min(state.cursor.scroll, max(0, display.lines.count - 1)))
        let last = min(display.lines.count, first + body.height)
        for lineIndex in first..<last {
            let y = body.y + lineIndex - first
            switch display.lines[lineIndex] {
            case .group(let group):
                let heading = table.groups[group]
                var x = body.x + 1
                grid.put(glyphs.groupMarker, x: x, y: y, role: .group)
                x += 2
                x += grid.write(heading.title, x: x, y: y, maxWidth: body.maxX - x, role: .group, ellipsis: glyphs.ellipsis)
                grid.write("  " + heading.detail, x: x, y: y, maxWidth: body.maxX - x, role: .muted,
                           ellipsis: glyphs.ellipsis)
            case .row(let rowIndex):
                let row = table.rows[rowIndex]
                let selected = lineIndex == selectedLine
                let override: ThemeRole? = selected ? .selection : row.rowRole
                if let override { grid.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: override) }
                for placed in layout.columns {
                    let column = table.columns[placed.index]
                    let x = body.x + placed.x
                    let role = override ?? row.cells[placed.index].role
                    switch column.kind {
                    case .text:
                        if column.alignment == .right {
                            grid.writeRight(row.cells[placed.index].text, x: x, y: y, width: placed.width, role: role,
                                            ellipsis: glyphs.ellipsis)
                        } else {
                            grid.write(row.cells[placed.index].text, x: x, y: y, maxWidth: placed.width, role: role,
                                       ellipsis: glyphs.ellipsis)
                        }
                    case .gauge:
                        let percent = row.cells[placed.index].text
                        let barWidth = max(1, placed.width - 7)
                        Gauge.render(into: &grid, fraction: row.gauge ?? 0, x: x, y: y, width: barWidth, glyphs: glyphs,
                                     role: override)
                        grid.writeRight(percent, x: x + barWidth + 1, y: y, width: placed.width - barWidth - 1,
                                        role: override ?? PoolsTable.gaugeRole(row.gauge ?? 0))
                    case .sparkline:
                        Sparkline.render(into: &grid, samples: row.history, x: x, y: y, width: placed.width,
                                         glyphs: glyphs, role: override ?? .sparkline)
                    case .countdown:
                        let text = row.deadline.map { Formatting.countdown(seconds: $0.time - now) + $0.suffix }
                            ?? row.cells[placed.index].text
                        grid.write(text, x: x, y: y, maxWidth: placed.width, role: role, ellipsis: glyphs.ellipsis)
                    case .age:
                        let text = row.since.map { Formatting.age(seconds: now - $0) } ?? row.cells[placed.index].text
                        grid.writeRight(text, x: x, y: y, width: placed.width, role: role, ellipsis: glyphs.ellipsis)
                    }
                }
            }
        }
    }

    /// The frame title for a table: `Gateways (7)`, plus filter and sort.
    internal static func title(view: ViewDescriptor, table: TableModel, state: TableViewState, glyphs: GlyphSet) -> [String] {
        var parts = ["\(view.title) (\(table.rows.count))"]
        if !state.filterText.isEmpty {
            parts.append("filter: \(state.filterText) (\(state.display.rowLines.count) of \(table.rows.count))")
        }
        if let sort = state.sort, sort.column < table.columns.count {
            parts.append("sort: \(table.columns[sort.column].title) "
                         + String(sort.descending ? glyphs.sortDescending : glyphs.sortAscending))
        }
        return parts
    }
}
