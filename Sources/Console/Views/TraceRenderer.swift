/// Draws the Trace view: the form (pod, destination, protocol; the field being edited shows a
/// cursor), the what-if candidate if one is loaded, and the result packet-tracer style, or side by
/// side with the candidate's when comparing.
internal enum TraceRenderer {
    /// Draws `form` into `area` (the frame's inside); `editing` when the form has the keys.
    internal static func render(into grid: inout CellGrid, area: Rect, form: TraceForm, editing: Bool, glyphs: GlyphSet) {
        guard area.height >= TraceLayout.formHeight + 1 else { return }
        let labelWidth = 13
        for field in TraceForm.Field.allCases {
            let y = area.y + field.rawValue
            let focused = editing && form.focus == field
            grid.write(field.label, x: area.x + 1, y: y, role: focused ? .title : .muted)
            let x = area.x + 1 + labelWidth
            let room = area.maxX - x - 1
            let text = form.text(field)
            if text.isEmpty && !focused {
                grid.write(field.placeholder, x: x, y: y, maxWidth: room, role: .muted, ellipsis: glyphs.ellipsis)
            } else {
                // Show the end of a long value, where the typing happens.
                let shown = CellWidth.columns(of: text) >= room ? String(text.suffix(max(1, room - 1))) : text
                let written = grid.write(shown, x: x, y: y, maxWidth: room, role: focused ? .prompt : .text)
                if focused {
                    grid.put(" ", x: x + written, y: y, role: .selection)
                    if text.isEmpty {
                        grid.write(field.placeholder, x: x + 2, y: y, maxWidth: room - 2, role: .muted, ellipsis: glyphs.ellipsis)
                    }
                }
            }
        }
        if let candidate = form.candidate {
            let state = TraceLayout.comparing(form) ? "compared side by side (w hides)" : "loaded (w compares)"
            grid.write("what-if: \(candidate.label) \(state)", x: area.x + 1 + labelWidth + 18, y: area.y + 2,
                       maxWidth: max(0, area.maxX - (area.x + 1 + labelWidth + 18) - 1), role: .messageInfo,
                       ellipsis: glyphs.ellipsis)
        }
        let ruleY = area.y + TraceLayout.formHeight - 1
        for x in area.x..<area.maxX { grid.put(glyphs.horizontal, x: x, y: ruleY, role: .border) }

        let body = Rect(x: area.x, y: area.y + TraceLayout.formHeight, width: area.width,
                        height: area.height - TraceLayout.formHeight)
        guard form.run != nil else {
            let hint = editing
                ? "Fill in the form: Tab completes the pod and moves on, Enter traces."
                : "Enter edits the form, or press t on a gateway, or type :trace NS/POD DST[:PORT] [tcp|udp|icmp]."
            for (index, line) in TextWrap.lines(hint, width: body.width - 2).enumerated() where index < body.height {
                grid.write(line, x: body.x + 1, y: body.y + index, role: .muted)
            }
            return
        }
        let (current, candidate) = TraceLayout.lines(form, width: body.width)
        let count = TraceLayout.lineCount(form, width: body.width)
        let scroll = max(0, min(form.scroll, count - body.height))
        guard let candidate else {
            draw(current, into: &grid, area: body, scroll: scroll, glyphs: glyphs)
            return
        }
        let half = (body.width - 1) / 2
        let left = Rect(x: body.x, y: body.y + 1, width: half, height: body.height - 1)
        let right = Rect(x: body.x + half + 1, y: body.y + 1, width: body.width - half - 1, height: body.height - 1)
        grid.write("Current", x: left.x + 1, y: body.y, maxWidth: left.width - 1, role: .tableHeader)
        grid.write("What-if: \(form.candidate?.label ?? "candidate")", x: right.x + 1, y: body.y,
                   maxWidth: right.width - 1, role: .tableHeader, ellipsis: glyphs.ellipsis)
        for y in body.y..<body.maxY { grid.put(glyphs.vertical, x: body.x + half, y: y, role: .border) }
        draw(current, into: &grid, area: left, scroll: scroll, glyphs: glyphs)
        draw(candidate, into: &grid, area: right, scroll: scroll, glyphs: glyphs)
    }

    private static func draw(_ lines: [DetailPage.Line], into grid: inout CellGrid, area: Rect, scroll: Int,
                             glyphs: GlyphSet) {
        var cursor = ListCursor()
        cursor.scroll = scroll
        cursor.selected = min(scroll, max(0, lines.count - 1))
        DetailRenderer.render(into: &grid, area: area, lines: lines, cursor: cursor, glyphs: glyphs, showSelection: false)
    }

    /// The frame titles: `Trace: VERDICT` (and the what-if verdict when comparing), then the packet.
    internal static func titles(_ form: TraceForm) -> [String] {
        guard let run = form.run else { return ["Trace"] }
        let packet = "\(run.input.source) → \(run.input.destination) \(run.input.proto)"
        guard let verdict = run.verdict else { return ["Trace: cannot trace", packet] }
        var title = "Trace: \(verdict.rawValue.uppercased())"
        if TraceLayout.comparing(form), case .success(let after)? = run.candidate {
            title += ", what-if \(after.verdict.rawValue.uppercased())"
        }
        return [title, packet]
    }
}
