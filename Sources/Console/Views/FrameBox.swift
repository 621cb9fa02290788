/// A framed box with titles in its top border: `┌─ Gateways (7) ─ sort: IP ▲ ──┐`.
internal enum FrameBox {
    /// Draws the border of `rect` and `titles` along its top edge.
    internal static func draw(into grid: inout CellGrid, _ rect: Rect, role: ThemeRole, glyphs: GlyphSet, titles: [String] = [],
                     footnote: String? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y
        let bottom = rect.maxY - 1
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            grid.put(glyphs.horizontal, x: x, y: top, role: role)
            grid.put(glyphs.horizontal, x: x, y: bottom, role: role)
        }
        for y in (top + 1)..<bottom {
            grid.put(glyphs.vertical, x: rect.x, y: y, role: role)
            grid.put(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        grid.put(glyphs.topLeft, x: rect.x, y: top, role: role)
        grid.put(glyphs.topRight, x: rect.maxX - 1, y: top, role: role)
        grid.put(glyphs.bottomLeft, x: rect.x, y: bottom, role: role)
        grid.put(glyphs.bottomRight, x: rect.maxX - 1, y: bottom, role: role)
        var x = rect.x + 2
        for (index, title) in titles.enumerated() {
            let room = rect.maxX - 2 - x
            guard room > 3 else { break }
            x += grid.write(" \(title) ", x: x, y: top, maxWidth: room, role: index == 0 ? .title : .muted,
                            ellipsis: glyphs.ellipsis)
            x += 1
        }
        if let footnote {
            let text = " \(footnote) "
            let width = CellWidth.columns(of: text)
            if width + 4 < rect.width { grid.write(text, x: rect.maxX - 2 - width, y: bottom, role: .muted) }
        }
    }
}
