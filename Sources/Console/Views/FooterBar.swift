/// The bottom row: the keys that work here, a message, or the `:`/`/` prompt (with completions on
/// the row above while typing a command).
internal enum FooterBar {
    /// Draws the footer (and the completion row) for `state`.
    internal static func render(into grid: inout CellGrid, layout: FrameLayout, state: ConsoleState, context: CommandContext,
                       glyphs: GlyphSet) {
        let row = layout.footerRow
        grid.fill(Rect(x: 0, y: row, width: grid.width, height: 1), role: .footer)
        switch state.mode {
        case .filter(let editor):
            let x = grid.write("/" + editor.text, x: 0, y: row, maxWidth: grid.width - 1, role: .prompt)
            grid.put(" ", x: x, y: row, role: .selection)
            hints(into: &grid, KeyBindings.filterFooter, row: row, from: x + 2, rightAligned: true)
        case .command(let prompt):
            let x = grid.write(":" + prompt.editor.text, x: 0, y: row, maxWidth: grid.width - 1, role: .prompt)
            grid.put(" ", x: x, y: row, role: .selection)
            hints(into: &grid, KeyBindings.commandFooter, row: row, from: x + 2, rightAligned: true)
            completions(into: &grid, row: layout.completionRow, prompt: prompt, context: context)
        case .traceForm:
            if let message = state.message {
                grid.write(" " + message.text, x: 0, y: row, maxWidth: grid.width, role: message.isError ? .messageError : .messageInfo,
                           ellipsis: glyphs.ellipsis)
            } else {
                hints(into: &grid, KeyBindings.traceFormFooter, row: row, from: 0, rightAligned: false)
            }
            traceCompletions(into: &grid, row: layout.completionRow, form: state.trace, context: context)
        case .whoisInput:
            hints(into: &grid, KeyBindings.whoisInputFooter, row: row, from: 0, rightAligned: false)
        case .normal, .help:
            if let message = state.message {
                grid.write(" " + message.text, x: 0, y: row, maxWidth: grid.width, role: message.isError ? .messageError : .messageInfo,
                           ellipsis: glyphs.ellipsis)
            } else {
                hints(into: &grid, footer(for: state, context: context), row: row, from: 0, rightAligned: false)
            }
        }
    }

    /// The keys that work in `state`'s view.
    internal static func footer(for state: ConsoleState, context: CommandContext) -> [KeyBindings.Binding] {
        if case .help = state.mode { return KeyBindings.helpFooter }
        if !state.details.isEmpty { return KeyBindings.detailFooter }
        switch state.currentView {
        case .trace: return KeyBindings.traceFooter
        case .whois: return KeyBindings.whoisFooter
        case .gateways: return KeyBindings.podTableFooter
        case .traffic: return KeyBindings.trafficFooter
        default: return KeyBindings.tableFooter
        }
    }

    /// The pod (or protocol) candidates for the trace form's focused field, on the frame's bottom
    /// border row.
    private static func traceCompletions(into grid: inout CellGrid, row: Int, form: TraceForm, context: CommandContext) {
        let candidates = form.candidates(in: context.model.snapshot)
        guard !candidates.isEmpty, candidates != [form.text(form.focus)] else { return }
        writeCandidates(candidates, chosen: form.cycledCandidate(in: context.model.snapshot), into: &grid, row: row)
    }

    /// Writes `key action` pairs from column `from` while they fit.
    private static func hints(into grid: inout CellGrid, _ bindings: [KeyBindings.Binding], row: Int, from: Int,
                              rightAligned: Bool) {
        let texts = bindings.map { (" \($0.keys)", " \($0.action) ") }
        var total = 0
        var count = 0
        for (keys, action) in texts {
            let width = keys.count + action.count
            if from + total + width > grid.width { break }
            total += width
            count += 1
        }
        var x = rightAligned ? grid.width - total : from
        for (keys, action) in texts.prefix(count) {
            x += grid.write(keys, x: x, y: row, role: .footerKey)
            x += grid.write(action, x: x, y: row, role: .footer)
        }
    }

    /// The candidates for the word being typed, on the frame's bottom border row.
    private static func completions(into grid: inout CellGrid, row: Int, prompt: CommandPrompt, context: CommandContext) {
        let candidates = prompt.candidates(context: context)
        guard !candidates.isEmpty else { return }
        writeCandidates(candidates, chosen: prompt.cycledCandidate(context: context), into: &grid, row: row)
    }

    /// Completion candidates side by side from the left, the chosen one highlighted, as many as fit.
    private static func writeCandidates(_ candidates: [String], chosen: String?, into grid: inout CellGrid, row: Int) {
        var x = 1
        for candidate in candidates {
            let text = " \(candidate) "
            guard x + text.count < grid.width else { break }
            x += grid.write(text, x: x, y: row, role: candidate == chosen ? .completionSelected : .completion)
            x += 1
        }
    }
}
