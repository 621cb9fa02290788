import Inventory
import Testing

/// Where a selector stops being valid, and what was expected there.
@Suite("Selector: parse errors")
struct SelectorParseErrorTests {
    /// A selector, the 1-based character column of its error and the expected phrase.
    struct Case: Sendable, CustomTestStringConvertible {
        let selector: String
        let column: Int
        let expected: String

        init(_ selector: String, _ column: Int, _ expected: String) {
            self.selector = selector
            self.column = column
            self.expected = expected
        }

        var testDescription: String { "<\(selectorTestAbbreviated(selector))> at \(column)" }
    }

    static let operand = "a label, 'has(', 'all(', 'global(', '!' or '('"
    static let end = "'&&', '||' or the end of the selector"
    static let closingParenthesis = "'&&', '||' or ')'"

    @Test("error column and expectation", arguments: [
        // Calico's badSelectors.
        Case("b == b", 6, "a quoted string"),
        Case("b contains b", 12, "a quoted string"),
        Case("b starts with b", 15, "a quoted string"),
        Case("'b1' == b", 1, operand),
        Case("b", 2, "an operator after label 'b'"),
        Case("a b", 3, "an operator after label 'a'"),
        Case("!", 2, operand),
        Case(#"foo == "bar" &"#, 14, "'&&'"),
        Case(#"foo == "bar" |"#, 14, "'||'"),
        Case("foo != ||", 8, "a quoted string"),
        Case(#"foo in {"", ||"#, 13, "a quoted string or '}'"),
        Case(#"foo in """#, 8, "'{'"),
        Case(#""FOO"#, 1, #"a closing '"'"#),
        Case(#""FOO'"#, 1, #"a closing '"'"#),
        Case("'FOO", 1, #"a closing "'""#),
        Case("(", 2, operand),
        Case(#"(a == "foo""#, 12, closingParenthesis),
        Case(")", 1, operand),
        Case("()", 2, operand),
        Case("%", 1, operand),
        Case(#"a == "b" && %"#, 13, operand),
        Case(#"a == "b" || %"#, 13, operand),
        Case("a ", 3, "an operator after label 'a'"),
        Case("has(foo) &&", 12, operand),
        // Lexical errors.
        Case(#"app = "web""#, 5, "'=='"),
        Case("has()", 5, "a label name"),
        Case("has( )", 6, "a label name"),
        Case("has(foo", 8, "')'"),
        Case("has( foo ", 10, "')'"),
        Case("has(foo bar)", 9, "')'"),
        Case("all(", 5, "')'"),
        Case("global( x)", 9, "')'"),
        Case(String(repeating: "a", count: 513) + #" == "v""#, 1, "a label of at most 512 characters"),
        Case("has(a) && has(" + String(repeating: "b", count: 513) + ")", 15, "a label of at most 512 characters"),
        Case(#"a inx {"x"}"#, 3, "an operator after label 'a'"),
        Case(#"app IN {"x"}"#, 5, "an operator after label 'app'"),
        Case(#"app starts "x""#, 5, "an operator after label 'app'"),
        Case(#"has (app)"#, 5, "an operator after label 'has'"),
        Case(#"app !has(b)"#, 5, "an operator after label 'app'"),
        // Grammar errors.
        Case(#"app == "web" && tier == 5"#, 25, "a quoted string"),
        Case(#"a == "b" c == "d""#, 10, end),
        Case(#"a == "b")"#, 9, end),
        Case(#"a == "b" AND c == "d""#, 10, end),
        Case(#"a in {"x" "y"}"#, 11, "',' or '}'"),
        Case(#"a in {,}"#, 7, "a quoted string or '}'"),
        Case(#"a in {"x",,}"#, 11, "a quoted string or '}'"),
        Case(#"a in {"x""#, 10, "',' or '}'"),
        Case(#"(a == "b" || (c == "d")"#, 24, closingParenthesis),
        // Line breaks are not whitespace.
        Case("a == \"b\"\n", 9, end),
        Case("\na == \"b\"", 1, operand),
        Case("a ==\n\"b\"", 5, "a quoted string"),
        Case("a\n== \"b\"", 2, "an operator after label 'a'"),
        // Columns count characters, not bytes.
        Case("a == \"\u{E9}\u{E9}\" && \u{FC}", 14, operand),
        Case("a == \"\u{1F600}\" ||", 12, operand),
        Case("a == \"e\u{301}\" && %", 13, operand),
        // Nesting.
        Case(String(repeating: "(", count: 129) + "has(a)" + String(repeating: ")", count: 129), 129,
             "at most 128 levels of nested parentheses"),
    ])
    func errorColumn(_ test: Case) {
        let error = #expect(throws: SelectorParseError.self) {
            try Selector(test.selector)
        }
        #expect(error?.column == test.column)
        #expect(error?.expected == test.expected)
        #expect(error?.selector == test.selector)
    }

    @Test("the error names the column and what was expected")
    func description() {
        let error = #expect(throws: SelectorParseError.self) {
            try Selector(#"app == "web" && tier == 5"#)
        }
        #expect(error?.description == "invalid selector at column 25: expected a quoted string")
    }

    @Test("errors are values that compare equal")
    func errorsAreValues() {
        #expect(throws: SelectorParseError(selector: "b == b", column: 6, expected: "a quoted string")) {
            try Selector("b == b")
        }
    }
}
