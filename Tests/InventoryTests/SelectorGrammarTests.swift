import Inventory
import Testing

/// The grammar rules of §8.1 that Calico's tables do not spell out.
@Suite("Selector: grammar (§8.1)")
struct SelectorGrammarTests {
    @Test("blank text means all()", arguments: ["", " ", "\t", " \t  "])
    func blankTextIsAll(_ text: String) throws {
        let selector = try Selector(text)
        #expect(selector.isAll)
        #expect(selector == .all)
    }

    @Test("space and TAB are whitespace between any tokens", arguments: [
        "a\t==\t\"b\"",
        "\ta == \"b\"\t",
        "!\t( has(\ta\t) ||\ta\tin\t{\t\"x\"\t,\t\"y\"\t}\t)",
        "a\tstarts\twith\t\"b\"",
    ])
    func spaceAndTabAreWhitespace(_ text: String) throws {
        _ = try Selector(text)
    }

    @Test("line breaks and other spaces are not whitespace", arguments: [
        "a == \"b\"\n",
        "a == \"b\"\r\n",
        "\na == \"b\"",
        "a ==\n\"b\"",
        "a == \"b\" &&\nc == \"d\"",
        "a\u{00A0}== \"b\"",
        "a ==\u{000B}\"b\"",
        "a ==\u{000C}\"b\"",
        "\n",
    ])
    func otherWhitespaceIsInvalid(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("a line break inside a string is part of the value")
    func lineBreakInsideString() throws {
        #expect(try Selector("a == \"x\ny\"").matches(["a": "x\ny"]))
    }

    @Test("has(, all( and global( take no space before '('", arguments: ["has (a)", "all ()", "global ()", "has\t(a)"])
    func noSpaceBeforeCallParenthesis(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("spaces are allowed inside has(), all() and global()", arguments: [
        SelectorCanonicalCase("has( a )", "has(a)"),
        SelectorCanonicalCase("has(\ta\t)", "has(a)"),
        SelectorCanonicalCase("all( )", "all()"),
        SelectorCanonicalCase("global(\t)", "global()"),
    ])
    func spacesInsideCall(_ test: SelectorCanonicalCase) throws {
        #expect(try Selector(test.input).canonical == test.expected)
    }

    @Test("operators written without a space, or with extra spaces inside", arguments: [
        SelectorCanonicalCase(#"a startswith "x""#, #"a starts with "x""#),
        SelectorCanonicalCase(#"a endswith "x""#, #"a ends with "x""#),
        SelectorCanonicalCase(#"a notin {"x"}"#, #"a not in {"x"}"#),
        SelectorCanonicalCase(#"a starts   with "x""#, #"a starts with "x""#),
        SelectorCanonicalCase("a ends \t with \"x\"", #"a ends with "x""#),
        SelectorCanonicalCase(#"a not    in {"x"}"#, #"a not in {"x"}"#),
    ])
    func operatorSpelling(_ test: SelectorCanonicalCase) throws {
        #expect(try Selector(test.input).canonical == test.expected)
    }

    @Test("a keyword operator may be followed directly by a non-label character", arguments: [
        SelectorCanonicalCase(#"a in{"x"}"#, #"a in {"x"}"#),
        SelectorCanonicalCase(#"a notin{"x"}"#, #"a not in {"x"}"#),
        SelectorCanonicalCase(#"a contains"x""#, #"a contains "x""#),
        SelectorCanonicalCase("a startswith'x'", #"a starts with "x""#),
        SelectorCanonicalCase(#"a ends with"x""#, #"a ends with "x""#),
    ])
    func keywordOperatorFollowedByPunctuation(_ test: SelectorCanonicalCase) throws {
        #expect(try Selector(test.input).canonical == test.expected)
    }

    @Test("a keyword operator followed by a label character is invalid", arguments: [
        #"a inx {"x"}"#,
        #"a in_ {"x"}"#,
        #"a containsx "x""#,
        #"a contains/ "x""#,
        #"a startswithx "x""#,
        #"a starts withx "x""#,
        #"a notinx {"x"}"#,
        #"a not inx {"x"}"#,
        #"a no tin {"x"}"#,
    ])
    func keywordOperatorFollowedByLabelCharacter(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("keywords are label names where no operator is expected", arguments: [
        SelectorMatchCase(#"in == "x""#, [["in": "x"]], [["in": "y"], [:]]),
        SelectorMatchCase(#"contains contains "x""#, [["contains": "axb"]], [["contains": "y"]]),
        SelectorMatchCase(#"all == "x""#, [["all": "x"]], [[:]]),
        SelectorMatchCase(#"global == "x""#, [["global": "x"]], [[:]]),
        SelectorMatchCase(#"has == "x""#, [["has": "x"]], [[:]]),
        SelectorMatchCase(#"not in {"x"}"#, [["not": "x"]], [["not": "y"], [:]]),
        SelectorMatchCase("notin notin {}", [["notin": "x"], [:]], []),
        SelectorMatchCase(#"starts starts with "x""#, [["starts": "xy"]], [["starts": "yx"]]),
        SelectorMatchCase(#"with ends with "x""#, [["with": "yx"]], [["with": "xy"]]),
        SelectorMatchCase("has(in) && has(all)", [["in": "", "all": ""]], [["in": ""]]),
    ])
    func keywordsAsLabels(_ test: SelectorMatchCase) throws {
        let selector = try Selector(test.selector)
        for labels in test.matches {
            #expect(selector.matches(labels), "\(test.selector) should match \(labels)")
        }
        for labels in test.nonMatches {
            #expect(!selector.matches(labels), "\(test.selector) should not match \(labels)")
        }
    }

    @Test("strings have no escapes: a backslash is an ordinary character")
    func noEscapes() throws {
        let selector = try Selector(#"a == "x\""#)
        #expect(selector.matches(["a": #"x\"#]))
        #expect(selector.canonical == #"a == "x\""#)
        #expect(try Selector(#"a == 'x\'"#).matches(["a": #"x\"#]))
        #expect(try Selector(#"a == "\n""#).matches(["a": #"\n"#]))
    }

    @Test("a quote inside a string ends it; the other kind of quote does not", arguments: [
        SelectorMatchCase(#"a == "it's""#, [["a": "it's"]], []),
        SelectorMatchCase(#"a == 'say "hi"'"#, [["a": #"say "hi""#]], []),
    ])
    func quotesInsideStrings(_ test: SelectorMatchCase) throws {
        let selector = try Selector(test.selector)
        for labels in test.matches {
            #expect(selector.matches(labels))
        }
    }

    @Test("an escaped quote does not exist", arguments: [#"a == "it\"s""#, #"a == 'it\'s'"#])
    func escapedQuoteIsInvalid(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("keywords and operators are case-sensitive", arguments: [
        #"a IN {"x"}"#,
        #"a In {"x"}"#,
        #"a NOT IN {"x"}"#,
        #"a Contains "x""#,
        #"a STARTS WITH "x""#,
        "HAS(a)",
        "Has(a)",
        "ALL()",
        "Global()",
        #"a == "x" AND b == "y""#,
        #"a == "x" and b == "y""#,
        #"a == "x" OR b == "y""#,
        #"NOT a == "x""#,
    ])
    func caseSensitiveKeywords(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("labels may use [A-Za-z0-9_./-]", arguments: [
        "has(a)",
        "has(Z)",
        "has(0)",
        "has(projectcalico.org/namespace)",
        "has(kubernetes.io/metadata.name)",
        "has(a_b-c.d/e)",
        "has(-)",
        "has(./-_)",
        #"9 == "x""#,
        #"app.kubernetes.io/name == "x""#,
    ])
    func labelCharacters(_ text: String) throws {
        _ = try Selector(text)
    }

    @Test("characters outside the label set are invalid in labels", arguments: [
        #"a:b == "x""#,
        #"a@b == "x""#,
        #"a+b == "x""#,
        #"é == "x""#,
        "has(a:b)",
        "has(a b)",
        "has(é)",
        "has(\"a\")",
    ])
    func labelCharactersOutsideTheSet(_ text: String) {
        #expect(throws: SelectorParseError.self) {
            try Selector(text)
        }
    }

    @Test("labels are at most 512 characters")
    func labelLengthLimit() throws {
        let longest = String(repeating: "k", count: 512)
        let tooLong = String(repeating: "k", count: 513)
        #expect(try Selector("\(longest) == \"v\"").matches([longest: "v"]))
        #expect(try Selector("has(\(longest))").matches([longest: ""]))
        #expect(throws: SelectorParseError.self) { try Selector("\(tooLong) == \"v\"") }
        #expect(throws: SelectorParseError.self) { try Selector("has(\(tooLong))") }
        #expect(throws: SelectorParseError.self) { try Selector("a == \"v\" && \(tooLong) in {}") }
    }

    @Test("values have no length limit")
    func longValues() throws {
        let value = String(repeating: "v", count: 10_000)
        #expect(try Selector("a == \"\(value)\"").matches(["a": value]))
    }

    @Test("the invalid forms listed in §8.1", arguments: [
        SelectorBadCase("b == b", "label op label"),
        SelectorBadCase("b != b", "label op label"),
        SelectorBadCase("b in b", "label in label"),
        SelectorBadCase(#""a" == b"#, "literal on the left"),
        SelectorBadCase(#""a" == "b""#, "literal on the left"),
        SelectorBadCase("b", "bare label"),
        SelectorBadCase("b && c", "bare labels"),
        SelectorBadCase(#"a = "b""#, "single ="),
        SelectorBadCase(#"a === "b""#, "==="),
        SelectorBadCase(#"a == "b" & c == "d""#, "single &"),
        SelectorBadCase(#"a == "b" | c == "d""#, "single |"),
        SelectorBadCase(#"foo in """#, "in without a set"),
        SelectorBadCase(#"foo in {"a" "b"}"#, "set items without a comma"),
        SelectorBadCase(#"foo in {,}"#, "comma without an item"),
        SelectorBadCase(#"foo in {"a",,}"#, "double comma"),
        SelectorBadCase(#"foo in {"a""#, "unterminated set"),
        SelectorBadCase(#"foo in {a}"#, "set of labels"),
        SelectorBadCase(#"a == "b"#, "unterminated string"),
        SelectorBadCase(#"(a == "b""#, "unterminated parenthesis"),
        SelectorBadCase(#"a == "b")"#, "unbalanced parenthesis"),
        SelectorBadCase("()", "empty parentheses"),
        SelectorBadCase("has()", "has without a label"),
        SelectorBadCase(#"a == "b" ||"#, "dangling ||"),
        SelectorBadCase(#"&& a == "b""#, "leading &&"),
        SelectorBadCase(#"a == "b" && || c == "d""#, "&& ||"),
        SelectorBadCase(#"a == "b" c == "d""#, "missing operator between expressions"),
        SelectorBadCase("all() all()", "missing operator between expressions"),
        SelectorBadCase("!!", "negation of nothing"),
        SelectorBadCase("all() == \"x\"", "all() is not a label"),
        SelectorBadCase(#"has(a) == "x""#, "has() is not a label"),
        SelectorBadCase(#"a == "b" == "c""#, "chained comparison"),
        SelectorBadCase(#"{"a"}"#, "bare set"),
        SelectorBadCase(#"a == b"#, "unquoted value"),
    ])
    func invalidForms(_ test: SelectorBadCase) {
        #expect(throws: SelectorParseError.self) {
            try Selector(test.selector)
        }
    }

    @Test("a trailing comma in a set is allowed")
    func trailingCommaInSet() throws {
        #expect(try Selector(#"a in {"x",}"#).canonical == #"a in {"x"}"#)
        #expect(try Selector(#"a not in {"x", "y", }"#).canonical == #"a not in {"x", "y"}"#)
    }

    @Test("parentheses nest up to 128 levels")
    func nestingLimit() throws {
        let deepest = String(repeating: "(", count: 128) + "has(a)" + String(repeating: ")", count: 128)
        #expect(try Selector(deepest).canonical == "has(a)")
        let tooDeep = String(repeating: "(", count: 129) + "has(a)" + String(repeating: ")", count: 129)
        #expect(throws: SelectorParseError.self) { try Selector(tooDeep) }
        let negated = String(repeating: "!(", count: 128) + "has(a)" + String(repeating: ")", count: 128)
        #expect(try Selector(negated).canonical == "has(a)")
    }

    @Test("the deepest accepted tree evaluates and prints")
    func deepestTree() throws {
        // has(a) && (has(a) && (… && (has(b)))): 128 nested && nodes that do not collapse.
        let text = String(repeating: "has(a) && (", count: 128) + "has(b)" + String(repeating: ")", count: 128)
        let selector = try Selector(text)
        #expect(selector.matches(["a": "", "b": ""]))
        #expect(!selector.matches(["a": ""]))
        #expect(try Selector(selector.canonical) == selector)
        #expect(selector.canonical.hasPrefix("(has(a) && (has(a) && "))
    }

    @Test("long && and || chains parse without nesting")
    func longChains() throws {
        let terms = (0..<5_000).map { "l\($0) == \"v\"" }
        let conjunction = try Selector(terms.joined(separator: " && "))
        let disjunction = try Selector(terms.joined(separator: " || "))
        let all = Dictionary(uniqueKeysWithValues: (0..<5_000).map { ("l\($0)", "v") })
        #expect(conjunction.matches(all))
        #expect(!conjunction.matches(["l0": "v"]))
        #expect(disjunction.matches(["l4999": "v"]))
        #expect(!disjunction.matches([:]))
    }
}
