/// One column of a table view: its title and how it behaves when the screen is narrow.
internal struct TableColumn: Hashable, Sendable {
    /// What the column draws.
    internal enum Kind: Hashable, Sendable {
        /// The row's text for the column.
        case text
        /// A utilization gauge from the row's `gauge` fraction, followed by the cell text.
        case gauge
        /// A sparkline of the row's `history`.
        case sparkline
        /// Time left until the row's `deadline`, counted down as frames are drawn (`1m05s left`);
        /// the cell text when the row has no deadline.
        case countdown
        /// Time since the row's `since`, counted up as frames are drawn (`5m`, `3h`); the cell
        /// text when the row has no `since`.
        case age
    }

    /// Left or right alignment of cell text.
    internal enum Alignment: Hashable, Sendable {
        /// Left-aligned (text).
        case left
        /// Right-aligned (numbers).
        case right
    }

    /// The title in the header row.
    internal var title: String
    /// What the column draws.
    internal var kind: Kind = .text
    /// Alignment of cell text.
    internal var alignment: Alignment = .left
    /// 0 for columns always shown; higher numbers are hidden first when space runs out.
    internal var priority: Int
    /// True for columns that may be cut (with an ellipsis) and that take spare width.
    internal var flexible: Bool = false
    /// The narrowest a flexible column gets before it is hidden instead.
    internal var minWidth: Int = 8
    /// The widest the column gets.
    internal var maxWidth: Int = 60
    /// A fixed width (gauges, sparklines), overriding content widths.
    internal var fixedWidth: Int?
}
