import LPM

/// One cell of a table view: the text shown, the role it is drawn in, and the key its column
/// sorts by. A row is a list of these, one per column, so a cell's text, role and sort key can
/// never drift apart.
internal struct TableCell: Hashable, Sendable {
    /// The text shown.
    internal var text: String
    /// The role it is drawn in.
    internal var role: ThemeRole
    /// What the column sorts by.
    internal var sortKey: SortKey

    /// A cell showing `text`, sorted by `sortKey`.
    internal init(_ text: String, role: ThemeRole = .text, sortKey: SortKey) {
        self.text = text
        self.role = role
        self.sortKey = sortKey
    }

    /// A text cell sorted by its text (`-` for nil, sorted last).
    internal static func text(_ value: String?, role: ThemeRole = .text) -> TableCell {
        TableCell(value ?? "-", role: role, sortKey: .text(of: value))
    }

    /// A number cell shown as `text`.
    internal static func number(_ value: Double, _ text: String, role: ThemeRole = .text) -> TableCell {
        TableCell(text, role: role, sortKey: .number(value))
    }

    /// An address cell (`-` for nil), sorted as an address.
    internal static func address(_ value: IPAddress?, role: ThemeRole = .text) -> TableCell {
        TableCell(value?.description ?? "-", role: role, sortKey: value.map(SortKey.address) ?? .none)
    }
}
