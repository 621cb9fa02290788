/// An off-screen frame: a grid of cells that views draw into and the terminal layer diffs
/// against the previous frame, writing only the cells that changed.
public struct CellGrid: Hashable, Sendable {
    /// Columns.
    public private(set) var width: Int
    /// Rows.
    public private(set) var height: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// True when every glyph written must be ASCII (the locale is not UTF-8).
    public var asciiOnly: Bool

    /// Creates a blank grid.
    public init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The size of the grid.
    public var size: ScreenSize { ScreenSize(width: width, height: height) }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Blanks every cell, resizing the grid when the size differs (keeps its storage otherwise).
    public mutating func reset(width: Int, height: Int) {
        let width = max(0, width)
        let height = max(0, height)
        if width == self.width && height == self.height {
            for index in cells.indices { cells[index] = .blank }
        } else {
            self.width = width
            self.height = height
            cells = Array(repeating: .blank, count: width * height)
        }
    }

    /// Fills `rect` (clipped to the grid) with `scalar` in `role`.
    internal mutating func fill(_ rect: Rect, with scalar: Unicode.Scalar = " ", role: ThemeRole) {
        let x0 = max(0, rect.x)
        let x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y)
        let y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(scalar, role: role)
        for y in y0..<y1 {
            let base = y * width
            for x in x0..<x1 { cells[base + x] = cell }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the glyphs.
    internal mutating func setRole(_ role: ThemeRole, in rect: Rect) {
        let x0 = max(0, rect.x)
        let x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y)
        let y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            let base = y * width
            for x in x0..<x1 { cells[base + x].role = role }
        }
    }

    /// Puts one glyph, ignoring positions outside the grid.
    internal mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, role: ThemeRole) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let shown = CellWidth.displayable(scalar, asciiOnly: asciiOnly) ?? CellWidth.replacement
        cells[y * width + x] = Cell(shown, role: role)
    }

    /// Writes `text` from column `x` of row `y`, at most `maxWidth` columns (to the grid's edge when
    /// nil). Text that does not fit ends with `ellipsis` when one is given. Returns the columns used.
    @discardableResult
    internal mutating func write(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, role: ThemeRole,
                        ellipsis: Unicode.Scalar? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let base = y * width
        var column = 0
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if asciiOnly, scalar.value >= 0x80, let folded = CellWidth.asciiFold(scalar) {
                // `→` becomes `->` and so on, rather than a replacement character.
                for part in folded {
                    if column == limit {
                        if let ellipsis, limit > 0, x + limit - 1 >= 0 {
                            cells[base + x + limit - 1] = Cell(ellipsis, role: role)
                        }
                        return column
                    }
                    if x + column >= 0 { cells[base + x + column] = Cell(part, role: role) }
                    column += 1
                }
                continue
            }
            guard let shown = CellWidth.displayable(scalar, asciiOnly: asciiOnly) else { continue }
            if column == limit {
                // One more glyph than fits: mark the cut.
                if let ellipsis, limit > 0, x + limit - 1 >= 0 {
                    cells[base + x + limit - 1] = Cell(ellipsis, role: role)
                }
                return column
            }
            if x + column >= 0 { cells[base + x + column] = Cell(shown, role: role) }
            column += 1
        }
        return column
    }

    /// Writes `text` right-aligned in the `width` columns starting at `x`.
    @discardableResult
    internal mutating func writeRight(_ text: some StringProtocol, x: Int, y: Int, width columns: Int, role: ThemeRole,
                             ellipsis: Unicode.Scalar? = nil) -> Int {
        let length = CellWidth.columns(of: text, asciiOnly: asciiOnly)
        if length >= columns { return write(text, x: x, y: y, maxWidth: columns, role: role, ellipsis: ellipsis) }
        return write(text, x: x + columns - length, y: y, maxWidth: length, role: role)
    }

    /// Row `y` as text, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var scalars = String.UnicodeScalarView()
        let base = y * width
        var end = width
        while end > 0 && cells[base + end - 1].scalar == " " { end -= 1 }
        for x in 0..<end { scalars.append(cells[base + x].scalar) }
        return String(scalars)
    }

    /// The whole frame as text: one line per row, trailing spaces removed. This is what golden
    /// tests compare and what a user would read off the screen.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }

    /// The roles of row `y`, one character per cell (see `ThemeRole.code`), for tests that pin
    /// down colours.
    public func roleLine(_ y: Int) -> String {
        String(String.UnicodeScalarView((0..<width).map { cells[y * width + $0].role.code }))
    }
}
