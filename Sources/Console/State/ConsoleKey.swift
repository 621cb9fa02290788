/// A key the console reacts to, decoded from the terminal (or made up by a test).
public enum ConsoleKey: Hashable, Sendable {
    /// A printable character.
    case character(Character)
    /// A control chord: `.control("c")` is Ctrl-C.
    case control(Character)
    /// Return.
    case enter
    /// Escape.
    case escape
    /// Backspace.
    case backspace
    /// Delete.
    case delete
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Cursor up.
    case up
    /// Cursor down.
    case down
    /// Cursor left.
    case left
    /// Cursor right.
    case right
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
}

/// A mouse action, in screen cells.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// Left button pressed or clicked.
        case click
        /// Left button double-clicked.
        case doubleClick
        /// Wheel turned up.
        case wheelUp
        /// Wheel turned down.
        case wheelDown
    }

    /// What happened.
    public var kind: Kind
    /// The column.
    public var column: Int
    /// The row.
    public var row: Int

    /// Creates a mouse event.
    public init(_ kind: Kind, column: Int, row: Int) {
        self.kind = kind
        self.column = column
        self.row = row
    }
}

/// Input the console's state machine handles.
public enum ConsoleEvent: Hashable, Sendable {
    /// A key.
    case key(ConsoleKey)
    /// A mouse action.
    case mouse(MouseEvent)
    /// The terminal has a new size.
    case resize(ScreenSize)

    /// The events for typing `text` (each character a key; `\n` is Enter, `\u{1B}` Escape).
    public static func typing(_ text: String) -> [ConsoleEvent] {
        text.map { character in
            switch character {
            case "\n", "\r": return .key(.enter)
            case "\u{1B}": return .key(.escape)
            case "\t": return .key(.tab)
            case "\u{7F}": return .key(.backspace)
            default: return .key(.character(character))
            }
        }
    }
}
