/// Why a piece of text is not a valid Calico selector, and where.
///
/// Carries the selector text, the 1-based column (counted in characters) where parsing stopped, and what the
/// grammar (§8.1) allowed at that point, so a caller can point at the problem with its own location (file, object,
/// field) without parsing again.
public struct SelectorParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The selector text that failed to parse, exactly as given.
    public let selector: String
    /// The 1-based column, in characters, where the problem is. One past the last character when the text ended
    /// too early.
    public let column: Int
    /// What was expected at `column`, e.g. `a quoted string`, `')'`, `an operator after label 'app'`.
    public let expected: String

    /// Creates an error for `selector` at `column` (1-based, in characters).
    public init(selector: String, column: Int, expected: String) {
        self.selector = selector
        self.column = column
        self.expected = expected
    }

    /// Creates an error at a UTF-8 byte offset of `selector`, converting the offset to a character column.
    internal init(selector: String, byteOffset: Int, expected: SelectorExpectation) {
        let utf8 = selector.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(max(byteOffset, 0), utf8.count))
        let before = String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
        self.init(selector: selector, column: before.count + 1, expected: expected.description)
    }

    /// One line: `invalid selector at column 12: expected a quoted string`.
    public var description: String {
        "invalid selector at column \(column): expected \(expected)"
    }
}
