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

/// What the selector grammar allowed where parsing stopped: the source of `SelectorParseError.expected`.
///
/// Keeping every phrase here means the throw sites name a case rather than assemble text.
internal enum SelectorExpectation: Sendable, CustomStringConvertible {
    /// The start of an operand: a label, `has(`, `all(`, `global(`, `!` or `(`.
    case operand
    /// An operator after a label (`==`, `!=`, `in`, `not in`, `contains`, `starts with`, `ends with`).
    case operatorAfterLabel(String)
    /// A quoted string after `==`, `!=`, `contains`, `starts with` or `ends with`.
    case quotedString
    /// The `{` that opens the set after `in` or `not in`.
    case setStart
    /// A set item or the closing `}` (after `{` or after a comma).
    case setItem
    /// A comma or the closing `}` after a set item.
    case setSeparator
    /// `&&`, `||` or the `)` that closes a parenthesised group.
    case closingParenthesis
    /// `&&`, `||` or the end of the text after a complete expression.
    case end
    /// The quote (`"` or `'`) that ends a string.
    case closingQuote(Character)
    /// The second character of `==`, `&&` or `||` after a lone `=`, `&` or `|`.
    case doubledOperator(String)
    /// A label name inside `has(…)`.
    case labelName
    /// The `)` that closes `has(label`, `all(` or `global(`.
    case closingCallParenthesis
    /// A label that is too long.
    case shorterLabel
    /// Parentheses nested deeper than the parser accepts.
    case shallowerNesting

    /// The longest label Calico accepts, in characters (`tokenizer.MaxLabelLength`).
    internal static let maxLabelLength = 512
    /// The deepest nesting of parentheses accepted. Calico has no limit; this one keeps recursion off the edge
    /// of the stack for hostile input, far above anything a person writes.
    internal static let maxNestingDepth = 128

    /// The phrase that follows "expected" in an error message.
    internal var description: String {
        switch self {
        case .operand: return "a label, 'has(', 'all(', 'global(', '!' or '('"
        case .operatorAfterLabel(let label): return "an operator after label '\(label)'"
        case .quotedString: return "a quoted string"
        case .setStart: return "'{'"
        case .setItem: return "a quoted string or '}'"
        case .setSeparator: return "',' or '}'"
        case .closingParenthesis: return "'&&', '||' or ')'"
        case .end: return "'&&', '||' or the end of the selector"
        case .closingQuote(let quote): return quote == "'" ? "a closing \"'\"" : "a closing '\(quote)'"
        case .doubledOperator(let op): return "'\(op)'"
        case .labelName: return "a label name"
        case .closingCallParenthesis: return "')'"
        case .shorterLabel: return "a label of at most \(Self.maxLabelLength) characters"
        case .shallowerNesting: return "at most \(Self.maxNestingDepth) levels of nested parentheses"
        }
    }
}
