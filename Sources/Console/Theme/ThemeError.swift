import Inventory

/// Why a theme could not be used: where in which file, and what was expected.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The theme file (or `<built-in …>`, or the name that was asked for).
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// What was wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, on one line (values quoted from the file have control characters escaped).
    public var description: String {
        TextSafety.escapedLine(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}
