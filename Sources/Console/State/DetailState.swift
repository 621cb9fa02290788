/// One drill-down page on the navigation stack: what it shows, its lines, and where its cursor is.
internal struct DetailState: Hashable, Sendable {
    /// What the page is about.
    internal var target: DetailTarget
    /// The page, rebuilt when a new Snapshot arrives.
    internal var page: DetailPage
    /// Selected line and scroll.
    internal var cursor = ListCursor()

    /// Creates the state of a page shown in `rows` lines, selecting its first link when that is
    /// on the first screen (else the first line).
    internal init(target: DetailTarget, page: DetailPage, rows: Int) {
        self.target = target
        self.page = page
        if let link = page.lines.firstIndex(where: { $0.link != nil }), link < rows {
            cursor.selected = link
        }
    }

    /// Moves the selection by `delta` lines, keeping it visible in `rows` lines.
    internal mutating func move(by delta: Int, rows: Int) {
        cursor.move(by: delta, count: page.lines.count)
        cursor.reveal(line: cursor.selected, rows: rows, lineCount: page.lines.count)
    }

    /// Selects the first or last line.
    internal mutating func jump(toEnd: Bool, rows: Int) {
        cursor.jump(toEnd: toEnd, count: page.lines.count)
        cursor.reveal(line: cursor.selected, rows: rows, lineCount: page.lines.count)
    }
}
