/// A plain-text table for people: a header row and left-aligned, space-padded columns.
public struct TextTable: Sendable {
    /// The column headers.
    public var headers: [String]
    /// The rows, one text per column.
    public var rows: [[String]] = []

    /// A table with these column headers.
    public init(_ headers: String...) {
        self.headers = headers
    }

    /// Appends a row.
    public mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as lines, columns separated by two spaces, trailing spaces trimmed.
    public func rendered() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                text += cell
                if i < cells.count - 1 { text += String(repeating: " ", count: widths[i] - cell.count + 2) }
            }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
