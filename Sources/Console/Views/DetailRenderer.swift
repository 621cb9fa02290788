/// Draws a drill-down page inside the frame, with the selected line highlighted.
internal enum DetailRenderer {
    /// Draws `detail` into `area`.
    internal static func render(into grid: inout CellGrid, area: Rect, detail: DetailState, glyphs: GlyphSet) {
        render(into: &grid, area: area, lines: detail.page.lines, cursor: detail.cursor, glyphs: glyphs)
    }

    /// Draws `lines` into `area` with `cursor`'s line selected (none when `showSelection` is false).
    internal static func render(into grid: inout CellGrid, area: Rect, lines: [DetailPage.Line], cursor: ListCursor,
                                glyphs: GlyphSet, showSelection: Bool = true) {
        guard area.height > 0 else { return }
        var first = max(0, min(cursor.scroll, max(0, lines.count - 1)))
        // Keep the selection on screen even if the state's scroll is stale (a resize).
        if cursor.selected >= first + area.height { first = cursor.selected - area.height + 1 }
        if cursor.selected < first { first = cursor.selected }
        let last = min(lines.count, first + area.height)
        guard first < last else { return }
        for index in first..<last {
            let y = area.y + index - first
            let line = lines[index]
            let selected = showSelection && index == cursor.selected
            if selected { grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            var x = area.x + 1
            if line.link != nil {
                grid.put(glyphs.linkMarker, x: area.x, y: y, role: selected ? .selection : .link)
            }
            for segment in line.segments where x < area.maxX {
                x += grid.write(segment.text, x: x, y: y, maxWidth: area.maxX - x, role: selected ? .selection : segment.role,
                                ellipsis: glyphs.ellipsis)
            }
        }
    }
}
