/// One drill-down page on the navigation stack: what it shows, its lines, and where its cursor is.
struct DetailState: Hashable, Sendable {
    /// What the page is about.
    var target: DetailTarget
    /// The page, rebuilt when a new Snapshot arrives.
    var page: DetailPage
    /// Selected line and scroll.
    var cursor = ListCursor()

    /// Creates the state of a page, selecting its first link.
    init(target: DetailTarget, page: DetailPage) {
        self.target = target
        self.page = page
        cursor.selected = page.lines.firstIndex { $0.link != nil } ?? 0
    }

    /// Moves the selection by `delta` lines, keeping it visible in `rows` lines.
    mutating func move(by delta: Int, rows: Int) {
        cursor.move(by: delta, count: page.lines.count)
        cursor.reveal(line: cursor.selected, rows: rows, lineCount: page.lines.count)
    }

    /// Selects the first or last line.
    mutating func jump(toEnd: Bool, rows: Int) {
        cursor.jump(toEnd: toEnd, count: page.lines.count)
        cursor.reveal(line: cursor.selected, rows: rows, lineCount: page.lines.count)
    }
}
