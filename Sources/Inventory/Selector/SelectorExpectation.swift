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
        case .shorterLabel: return "a label of at most \(SelectorTokenizer.maxLabelLength) characters"
        case .shallowerNesting: return "at most \(SelectorParser.maxNestingDepth) levels of nested parentheses"
        }
    }
}
