/// A one-row chart of the last samples of a series, scaled between its minimum and maximum.
internal enum Sparkline {
    /// Draws the last `width` samples of `samples` at (`x`, `y`), right-aligned.
    internal static func render(into grid: inout CellGrid, samples: [Double], x: Int, y: Int, width: Int, glyphs: GlyphSet,
                       role: ThemeRole = .sparkline) {
        guard width > 0, samples.count >= 2 else { return }
        let shown = samples.suffix(width)
        let low = shown.min() ?? 0
        let high = shown.max() ?? 0
        let levels = glyphs.sparkLevels
        let start = x + width - shown.count
        for (offset, value) in shown.enumerated() {
            let level = high > low ? Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded()) : 0
            grid.put(levels[max(0, min(levels.count - 1, level))], x: start + offset, y: y, role: role)
        }
    }
}
