extension ConsoleState {
    /// Applies one event; returns what the run loop must do besides redrawing.
    internal mutating func handle(_ event: ConsoleEvent, context: CommandContext) -> ConsoleEffect {
        let model = context.model
        defer { refresh(model) }
        switch event {
        case .resize(let newSize):
            size = newSize
            var table = currentTable
            table.reveal(rows: tableRows)
            currentTable = table
            return .none
        case .mouse(let mouse):
            message = nil
            return handleMouse(mouse, context: context)
        case .key(let key):
            message = nil
            if key == .control("c") { return .quit }
            switch mode {
            case .help:
                handleHelpKey(key)
                return .none
            case .traceForm:
                return handleTraceFormKey(key, model: model)
            case .whoisInput:
                return handleWhoisInputKey(key, model: model)
            case .filter(var editor):
                return handleFilterKey(key, editor: &editor, model: model)
            case .command(var prompt):
                return handleCommandKey(key, prompt: &prompt, context: context)
            case .normal:
                return handleNormalKey(key, context: context)
            }
        }
    }

    private mutating func handleNormalKey(_ key: ConsoleKey, context: CommandContext) -> ConsoleEffect {
        let model = context.model
        switch key {
        case .character("q"):
            return .quit
        case .character("?"):
            mode = .help
            helpScroll = 0
        case .character(":"):
            mode = .command(CommandPrompt())
        case .character("/") where model.tables[currentView] != nil:
            details.removeAll()
            mode = .filter(LineEditor(currentTable.filterText))
        case .character("t") where traceTarget(model: model) != nil:
            if let name = traceTarget(model: model) { startTrace(from: name) }
        case .character(let digit) where ViewCatalog.all.contains(where: { $0.shortcut == digit }):
            if let view = ViewCatalog.all.first(where: { $0.shortcut == digit }) { switchView(to: view.id) }
        case .escape, .backspace, .left, .character("h"):
            if !details.isEmpty {
                details.removeLast()
            } else if key == .escape, !currentTable.filterText.isEmpty, let table = model.tables[currentView] {
                currentTable.setFilter("", model: table, generation: model.generation)
            }
        case .control("l"):
            return .none
        default:
            if !details.isEmpty {
                handleDetailKey(key, model: model)
            } else if currentView == .trace {
                handleTraceViewKey(key, model: model)
            } else if currentView == .whois {
                handleWhoisViewKey(key, model: model)
            } else {
                handleTableKey(key, model: model)
            }
        }
        return .none
    }

    private mutating func handleTableKey(_ key: ConsoleKey, model: ConsoleModel) {
        guard let table = model.tables[currentView] else { return }
        var state = currentTable
        state.refresh(table, generation: model.generation)
        let rows = tableRows
        switch key {
        case .down, .character("j"): state.move(by: 1, model: table, rows: rows)
        case .up, .character("k"): state.move(by: -1, model: table, rows: rows)
        case .pageDown, .control("f"), .character(" "): state.move(by: rows, model: table, rows: rows)
        case .pageUp, .control("b"): state.move(by: -rows, model: table, rows: rows)
        case .home, .character("g"): state.jump(toEnd: false, model: table, rows: rows)
        case .end, .character("G"): state.jump(toEnd: true, model: table, rows: rows)
        case .enter, .right, .character("l"):
            currentTable = state
            openSelected(model: model)
            return
        case .character("s"), .character(">"): state.setSort(nextSort(state.sort, table: table, step: 1), model: table,
                                                              generation: model.generation)
        case .character("<"): state.setSort(nextSort(state.sort, table: table, step: -1), model: table,
                                            generation: model.generation)
        case .character("S"):
            let order = state.sort ?? SortOrder(column: ColumnLayout(model: table, width: layout.content.width).columns
                .first?.index ?? 0, descending: false)
            state.setSort(SortOrder(column: order.column, descending: !order.descending), model: table,
                          generation: model.generation)
        default:
            break
        }
        state.reveal(rows: rows)
        currentTable = state
    }

    /// The sort after `current` when stepping through the visible columns; after the last, the
    /// natural order.
    private func nextSort(_ current: SortOrder?, table: TableModel, step: Int) -> SortOrder? {
        let visible = ColumnLayout(model: table, width: layout.content.width).columns.map(\.index)
        guard !visible.isEmpty else { return nil }
        guard let current, let position = visible.firstIndex(of: current.column) else {
            return SortOrder(column: step > 0 ? visible[0] : visible[visible.count - 1], descending: false)
        }
        let next = position + step
        guard next >= 0 && next < visible.count else { return nil }
        return SortOrder(column: visible[next], descending: current.descending)
    }

    /// Enter on a table row: push its detail page.
    internal mutating func openSelected(model: ConsoleModel) {
        guard let table = model.tables[currentView], let row = currentTable.selectedRow,
              let target = table.rows[row].target else { return }
        if case .observedFlow(let sender, let destination, let proto) = target {
            traceObservedFlow(sender: sender, destination: destination, proto: proto, model: model)
            return
        }
        details.append(DetailState(target: target, page: DetailPages.page(for: target, in: model.snapshot),
                                     rows: detailRows))
    }

    private mutating func handleDetailKey(_ key: ConsoleKey, model: ConsoleModel) {
        guard var detail = details.last else { return }
        let rows = detailRows
        switch key {
        case .down, .character("j"): detail.move(by: 1, rows: rows)
        case .up, .character("k"): detail.move(by: -1, rows: rows)
        case .pageDown, .control("f"), .character(" "): detail.move(by: rows, rows: rows)
        case .pageUp, .control("b"): detail.move(by: -rows, rows: rows)
        case .home, .character("g"): detail.jump(toEnd: false, rows: rows)
        case .end, .character("G"): detail.jump(toEnd: true, rows: rows)
        case .enter, .right, .character("l"):
            if detail.cursor.selected < detail.page.lines.count, let link = detail.page.lines[detail.cursor.selected].link {
                details[details.count - 1] = detail
                details.append(DetailState(target: link, page: DetailPages.page(for: link, in: model.snapshot),
                                         rows: detailRows))
                return
            }
        default:
            break
        }
        details[details.count - 1] = detail
    }

    private mutating func handleFilterKey(_ key: ConsoleKey, editor: inout LineEditor, model: ConsoleModel) -> ConsoleEffect {
        guard let table = model.tables[currentView] else {
            mode = .normal
            return .none
        }
        switch key {
        case .enter:
            mode = .normal
            return .none
        case .escape:
            currentTable.setFilter("", model: table, generation: model.generation)
            mode = .normal
            return .none
        case .backspace where editor.text.isEmpty:
            mode = .normal
            return .none
        case .down, .up, .pageDown, .pageUp:
            var state = currentTable
            let delta = key == .down ? 1 : key == .up ? -1 : key == .pageDown ? tableRows : -tableRows
            state.move(by: delta, model: table, rows: tableRows)
            currentTable = state
            return .none
        default:
            guard editor.apply(key) else { return .none }
            var state = currentTable
            state.setFilter(editor.text, model: table, generation: model.generation)
            state.reveal(rows: tableRows)
            currentTable = state
            mode = .filter(editor)
            if !table.hasLabels && !state.filter.labels.isEmpty {
                message = ConsoleMessage("-l label filters apply to pod views (Gateways); ignored here")
            }
            return .none
        }
    }

    private mutating func handleCommandKey(_ key: ConsoleKey, prompt: inout CommandPrompt,
                                           context: CommandContext) -> ConsoleEffect {
        switch key {
        case .escape:
            mode = .normal
            return .none
        case .backspace where prompt.editor.text.isEmpty:
            mode = .normal
            return .none
        case .tab:
            prompt.complete(context: context)
        case .backTab:
            prompt.complete(context: context, backwards: true)
        case .enter:
            mode = .normal
            return execute(prompt.editor.text, context: context)
        default:
            _ = prompt.apply(key)
        }
        mode = .command(prompt)
        return .none
    }

    /// Runs a command line (without the `:`).
    internal mutating func execute(_ line: String, context: CommandContext) -> ConsoleEffect {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return .none }
        guard let command = CommandRegistry.command(named: name) else {
            message = ConsoleMessage("unknown command '\(name)' (Tab lists the commands)", isError: true)
            return .none
        }
        return command.run(&self, context, Array(words.dropFirst()))
    }
}

extension TableViewState {
    /// The filter text as typed.
    internal var filterText: String { filter.text }
}
