/// The `?` overlay: every key and command, in a framed box over the view.
internal enum HelpOverlay {
    /// Draws the overlay centred on the screen.
    internal static func render(into grid: inout CellGrid, glyphs: GlyphSet) {
        var lines: [(String, String, Bool)] = []
        for section in KeyBindings.sections {
            lines.append((section.title, "", true))
            for binding in section.bindings { lines.append((binding.keys, binding.action, false)) }
        }
        let keyWidth = KeyBindings.sections.flatMap(\.bindings).map(\.keys.count).max() ?? 10
        let actionWidth = KeyBindings.sections.flatMap(\.bindings).map(\.action.count).max() ?? 30
        let width = min(grid.width - 2, keyWidth + actionWidth + 7)
        let height = min(grid.height, lines.count + 2)
        let box = Rect(x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(box, role: .overlay)
        FrameBox.draw(into: &grid, box, role: .overlayBorder, glyphs: glyphs, titles: ["Keys", "any key closes"])
        for (index, line) in lines.prefix(box.height - 2).enumerated() {
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
