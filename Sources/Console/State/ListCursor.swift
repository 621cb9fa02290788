/// A selection in a list of `count` items, and the first line shown: shared by tables and
/// detail pages.
internal struct ListCursor: Hashable, Sendable {
    /// The selected item, from 0.
    internal var selected = 0
    /// The first visible line.
    internal var scroll = 0

    /// Moves the selection by `delta` items, clamped.
    internal mutating func move(by delta: Int, count: Int) {
        guard count > 0 else {
            selected = 0
            return
        }
        selected = min(max(0, selected + delta), count - 1)
    }

    /// Selects the first or last item.
    internal mutating func jump(toEnd: Bool, count: Int) {
        selected = toEnd ? max(0, count - 1) : 0
    }

    /// Clamps the selection to `count` items.
    internal mutating func clamp(count: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
    }

    /// Scrolls so that lines `line` (and `leading` lines before it, when they fit) are visible in
    /// a viewport of `rows` lines of a list of `lineCount` lines.
    internal mutating func reveal(line: Int, leading: Int = 0, rows: Int, lineCount: Int) {
        guard rows > 0 else {
            scroll = 0
            return
        }
        if line < scroll + leading { scroll = max(0, line - leading) }
        if line >= scroll + rows { scroll = line - rows + 1 }
        scroll = min(scroll, max(0, lineCount - rows))
        scroll = max(0, scroll)
    }
}
