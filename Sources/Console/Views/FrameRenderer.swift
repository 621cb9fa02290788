/// Draws a whole frame from the model and the UI state into an off-screen grid: the one place
/// that decides what the screen shows. Pure: no terminal, no clock, no I/O.
internal enum FrameRenderer {
    /// Redraws `grid` (resized to the state's size) for `state`.
    internal static func render(into grid: inout CellGrid, model: ConsoleModel, state: ConsoleState, context: FrameContext,
                       commands: CommandContext) {
        grid.asciiOnly = context.glyphs.isASCII
        grid.reset(width: state.size.width, height: state.size.height)
        guard state.size.isUsable else {
            tooSmall(into: &grid, size: state.size)
            return
        }
        let layout = state.layout
        HeaderBar.render(into: &grid, row: layout.headerRow, model: model, context: context)
        TabBar.render(into: &grid, row: layout.tabRow, current: state.currentView)

        let glyphs = context.glyphs
        guard let view = ViewCatalog.descriptor(state.currentView) else { return }
        if let detail = state.details.last {
            let crumbs = [view.title] + state.details.map(\.page.title)
            let arrow = glyphs.isASCII ? " > " : " \(glyphs.linkMarker) "
            let position = "\(min(detail.cursor.selected + 1, detail.page.lines.count))/\(detail.page.lines.count)"
            FrameBox.draw(into: &grid, layout.frame, role: .border, glyphs: glyphs,
                          titles: [crumbs.joined(separator: arrow)], footnote: position)
            DetailRenderer.render(into: &grid, area: layout.content, detail: detail, glyphs: glyphs)
        } else if state.currentView == .trace {
            FrameBox.draw(into: &grid, layout.frame, role: .border, glyphs: glyphs, titles: TraceRenderer.titles(state.trace),
                          footnote: state.trace.candidate.map { _ in "w: what-if" })
            TraceRenderer.render(into: &grid, area: layout.content, form: state.trace, editing: state.mode == .traceForm,
                                 glyphs: glyphs)
        } else if state.currentView == .whois {
            let lines = state.whois.lookup?.page.lines.count ?? 0
            FrameBox.draw(into: &grid, layout.frame, role: .border, glyphs: glyphs,
                          titles: ["Whois"] + (state.whois.lookup.map { [$0.input] } ?? []),
                          footnote: lines == 0 ? nil : "\(min(state.whois.cursor.selected + 1, lines))/\(lines)")
            WhoisRenderer.render(into: &grid, area: layout.content, form: state.whois, editing: state.mode == .whoisInput,
                                 glyphs: glyphs)
        } else if let table = model.tables[state.currentView] {
            var tableState = state.currentTable
            tableState.refresh(table, generation: model.generation)
            let count = tableState.display.rowLines.count
            let position = count == 0 ? "0/0" : "\(tableState.cursor.selected + 1)/\(count)"
            FrameBox.draw(into: &grid, layout.frame, role: .border, glyphs: glyphs,
                          titles: TableRenderer.title(view: view, table: table, state: tableState, glyphs: glyphs),
                          footnote: position)
            TableRenderer.render(into: &grid, area: layout.content, table: table, state: tableState, glyphs: glyphs,
                                 now: context.now)
        }
        FooterBar.render(into: &grid, layout: layout, state: state, context: commands, glyphs: glyphs)
        if case .help = state.mode { HelpOverlay.render(into: &grid, glyphs: glyphs, scroll: state.helpScroll) }
    }

    /// What a screen smaller than 80×24 shows instead of the views.
    internal static func tooSmall(into grid: inout CellGrid, size: ScreenSize) {
        let lines = [
            "Terminal too small: \(size.width)x\(size.height)",
            "gatewatch needs at least \(ScreenSize.minimum.width)x\(ScreenSize.minimum.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - line.count) / 2)
            grid.write(line, x: x, y: top + index, role: index == 0 ? .messageError : .text)
        }
    }
}
