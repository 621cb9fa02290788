/// A recursive-descent parser for Calico selectors (§8.1), following Calico's parser
/// (`libcalico-go/lib/selector/parser/parser.go`):
///
/// ```
/// selector = [ or ] EOF
/// or       = and { "||" and }
/// and      = unary { "&&" unary }
/// unary    = { "!" } primary
/// primary  = "(" or ")" | "all()" | "global()" | "has(" label ")"
///          | label ( "==" | "!=" | "contains" | "starts with" | "ends with" ) string
///          | label ( "in" | "not in" ) "{" [ string { "," string } [ "," ] ] "}"
/// ```
internal struct SelectorParser {
    /// The deepest nesting of parentheses accepted. Calico has no limit; this one keeps the recursion of parsing,
    /// evaluation and printing well within the stack for hostile input, far above anything a person writes.
    internal static let maxNestingDepth = 128

    private var tokenizer: SelectorTokenizer
    /// The next token, not yet consumed.
    private var current: SelectorToken
    /// The selector text, for error messages.
    private let text: String
    /// How many parentheses enclose the current position.
    private var depth = 0

    private init(_ text: String) throws(SelectorParseError) {
        self.text = text
        self.tokenizer = SelectorTokenizer(text)
        self.current = try tokenizer.next()
    }

    /// Parses `text` into an expression. Empty or blank text is `all()`.
    internal static func parse(_ text: String) throws(SelectorParseError) -> SelectorExpression {
        var parser = try SelectorParser(text)
        if parser.current.kind == .end {
            return .all
        }
        let expression = try parser.parseOr()
        guard parser.current.kind == .end else {
            throw parser.error(.end)
        }
        return expression
    }

    // MARK: Grammar rules

    /// `and { "||" and }`
    private mutating func parseOr() throws(SelectorParseError) -> SelectorExpression {
        let first = try parseAnd()
        guard current.kind == .or else { return first }
        var operands = [first]
        while current.kind == .or {
            try advance()
            operands.append(try parseAnd())
        }
        return .or(operands)
    }

    /// `unary { "&&" unary }`
    private mutating func parseAnd() throws(SelectorParseError) -> SelectorExpression {
        let first = try parseUnary()
        guard current.kind == .and else { return first }
        var operands = [first]
        while current.kind == .and {
            try advance()
            operands.append(try parseUnary())
        }
        return .and(operands)
    }

    /// `{ "!" } primary`: an odd number of `!` negates, an even number cancels.
    private mutating func parseUnary() throws(SelectorParseError) -> SelectorExpression {
        var negate = false
        while current.kind == .not {
            negate.toggle()
            try advance()
        }
        let primary = try parsePrimary()
        return negate ? primary.negated : primary
    }

    private mutating func parsePrimary() throws(SelectorParseError) -> SelectorExpression {
        let token = current
        switch token.kind {
        case .has:
            try advance()
            return .has(label: token.text)
        case .all:
            try advance()
            return .all
        case .global:
            try advance()
            return .global
        case .label:
            try advance()
            return try parseMatch(label: token.text)
        case .leftParenthesis:
            guard depth < Self.maxNestingDepth else {
                throw error(.shallowerNesting)
            }
            try advance()
            depth += 1
            let inner = try parseOr()
            guard current.kind == .rightParenthesis else {
                throw error(.closingParenthesis)
            }
            depth -= 1
            try advance()
            return inner
        default:
            throw error(.operand)
        }
    }

    /// The operator and right-hand side after `label`.
    private mutating func parseMatch(label: String) throws(SelectorParseError) -> SelectorExpression {
        let op = current.kind
        switch op {
        case .equals, .notEquals, .contains, .startsWith, .endsWith:
            try advance()
            let value = try parseString()
            switch op {
            case .equals: return .equals(label: label, value: value)
            case .notEquals: return .notEquals(label: label, value: value)
            case .contains: return .contains(label: label, value: value)
            case .startsWith: return .startsWith(label: label, value: value)
            default: return .endsWith(label: label, value: value)
            }
        case .isIn, .notIn:
            try advance()
            let values = try parseSet()
            return op == .isIn ? .isIn(label: label, values: values) : .notIn(label: label, values: values)
        default:
            throw error(.operatorAfterLabel(label))
        }
    }

    private mutating func parseString() throws(SelectorParseError) -> String {
        guard current.kind == .string else {
            throw error(.quotedString)
        }
        let value = current.text
        try advance()
        return value
    }

    /// `"{" [ string { "," string } [ "," ] ] "}"`
    private mutating func parseSet() throws(SelectorParseError) -> SelectorValueSet {
        guard current.kind == .leftBrace else {
            throw error(.setStart)
        }
        try advance()
        var values: [String] = []
        while current.kind == .string {
            values.append(current.text)
            try advance()
            guard current.kind == .comma else {
                guard current.kind == .rightBrace else {
                    throw error(.setSeparator)
                }
                break
            }
            try advance()
        }
        guard current.kind == .rightBrace else {
            throw error(.setItem)
        }
        try advance()
        return SelectorValueSet(values)
    }

    // MARK: Helpers

    private mutating func advance() throws(SelectorParseError) {
        current = try tokenizer.next()
    }

    /// An error at the current token.
    private func error(_ expectation: SelectorExpectation) -> SelectorParseError {
        SelectorParseError(selector: text, byteOffset: current.offset, expected: expectation)
    }
}
