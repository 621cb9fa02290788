/// A horizontal utilization bar with eighth-cell resolution (whole cells in ASCII).
internal enum Gauge {
    /// Draws `fraction` (0…1) as a bar `width` cells wide at (`x`, `y`).
    internal static func render(into grid: inout CellGrid, fraction: Double, x: Int, y: Int, width: Int, glyphs: GlyphSet,
                       role: ThemeRole? = nil) {
        guard width > 0 else { return }
        let clamped = max(0, min(1, fraction.isFinite ? fraction : 0))
        let fill = role ?? PoolsTable.gaugeRole(clamped)
        let empty = role ?? .gaugeEmpty
        let steps = glyphs.gaugePartials.count + 1
        // Anything above zero shows at least the smallest mark, so a used pool never looks empty.
        var units = Int((clamped * Double(width * steps)).rounded())
        if clamped > 0 && units == 0 { units = 1 }
        for cell in 0..<width {
            let used = units - cell * steps
            if used >= steps {
                grid.put(glyphs.gaugeFull, x: x + cell, y: y, role: fill)
            } else if used > 0 {
                grid.put(steps > 1 ? glyphs.gaugePartials[used - 1] : glyphs.gaugeFull, x: x + cell, y: y, role: fill)
            } else {
                grid.put(glyphs.gaugeEmpty, x: x + cell, y: y, role: empty)
            }
        }
    }
}
