/// The text typed at the `:` or `/` prompt (editing happens at the end of the line).
internal struct LineEditor: Hashable, Sendable {
    /// The text.
    internal var text: String

    /// Creates an editor holding `text`.
    internal init(_ text: String = "") {
        self.text = text
    }

    /// Applies an editing key; returns false for keys that do not edit.
    internal mutating func apply(_ key: ConsoleKey) -> Bool {
        switch key {
        case .character(let character):
            text.append(character)
        case .backspace:
            if !text.isEmpty { text.removeLast() }
        case .control("u"):
            text = ""
        case .control("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
        default:
            return false
        }
        return true
    }
}
