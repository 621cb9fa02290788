/// The `?` overlay: every key and command, in a framed box over the view; when it is taller than
/// the screen (80×24), j/k and the page keys scroll it.
internal enum HelpOverlay {
    /// The overlay's lines: (keys or section title, action, is a title).
    private static let lines: [(String, String, Bool)] = KeyBindings.sections.flatMap { section in
        [(section.title, "", true)] + section.bindings.map { ($0.keys, $0.action, false) }
    }

    /// How far the overlay can scroll on a screen `height` rows tall.
    internal static func maxScroll(height: Int) -> Int {
        max(0, lines.count - max(1, min(height, lines.count + 2) - 2))
    }

    /// Draws the overlay centred on the screen, scrolled by `scroll` lines.
    internal static func render(into grid: inout CellGrid, glyphs: GlyphSet, scroll: Int = 0) {
        let keyWidth = KeyBindings.sections.flatMap(\.bindings).map(\.keys.count).max() ?? 10
        let actionWidth = KeyBindings.sections.flatMap(\.bindings).map(\.action.count).max() ?? 30
        let width = min(grid.width - 2, keyWidth + actionWidth + 7)
        let height = min(grid.height, lines.count + 2)
        let box = Rect(x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        let first = max(0, min(scroll, maxScroll(height: grid.height)))
        let visible = box.height - 2
        grid.fill(box, role: .overlay)
        var titles = ["Keys", "any key closes"]
        if lines.count > visible {
            titles[1] = "j/k scroll \(first + 1)-\(min(lines.count, first + visible))/\(lines.count), any other key closes"
        }
        FrameBox.draw(into: &grid, box, role: .overlayBorder, glyphs: glyphs, titles: titles)
        for (index, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            let y = box.y + 1 + index
            if line.2 {
                grid.write(line.0, x: box.x + 2, y: y, maxWidth: box.width - 4, role: .title)
            } else {
                grid.write(line.0, x: box.x + 3, y: y, maxWidth: keyWidth, role: .overlayKey)
                grid.write(line.1, x: box.x + 4 + keyWidth, y: y, maxWidth: box.maxX - box.x - keyWidth - 6, role: .overlay,
                           ellipsis: glyphs.ellipsis)
            }
        }
    }
}
