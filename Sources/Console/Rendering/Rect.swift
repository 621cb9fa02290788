/// A rectangle of cells: the area a widget draws into.
struct Rect: Hashable, Sendable {
    /// The leftmost column.
    var x: Int
    /// The top row.
    var y: Int
    /// Columns.
    var width: Int
    /// Rows.
    var height: Int

    /// Creates a rectangle; negative sizes count as empty.
    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle.
    var maxX: Int { x + width }
    /// The row just below the rectangle.
    var maxY: Int { y + height }
    /// True when it holds no cell.
    var isEmpty: Bool { width == 0 || height == 0 }

    /// True when the cell (`column`, `row`) lies inside.
    func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle shrunk by `amount` cells on every side.
    func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
