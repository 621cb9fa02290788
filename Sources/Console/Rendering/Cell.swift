/// One character cell of a frame: a glyph and the UI role that decides its colours.
///
/// Cells carry roles, not colours, so a frame is independent of the theme and of the terminal's
/// colour support; the terminal layer maps roles to attributes when it writes changed cells.
public struct Cell: Hashable, Sendable {
    /// The glyph; always one column wide.
    public var scalar: Unicode.Scalar
    /// What the cell shows, for the theme.
    public var role: ThemeRole

    /// Creates a cell.
    public init(_ scalar: Unicode.Scalar, role: ThemeRole = .text) {
        self.scalar = scalar
        self.role = role
    }

    /// A space in the normal text role.
    public static let blank = Cell(" ", role: .text)
}
