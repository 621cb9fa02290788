/// A rectangle of cells: the area a widget draws into.
internal struct Rect: Hashable, Sendable {
    /// The leftmost column.
    internal var x: Int
    /// The top row.
    internal var y: Int
    /// Columns.
    internal var width: Int
    /// Rows.
    internal var height: Int

    /// Creates a rectangle; negative sizes count as empty.
    internal init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle.
    internal var maxX: Int { x + width }
    /// The row just below the rectangle.
    internal var maxY: Int { y + height }
    /// True when it holds no cell.
    internal var isEmpty: Bool { width == 0 || height == 0 }

    /// True when the cell (`column`, `row`) lies inside.
    internal func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side.
    internal func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
