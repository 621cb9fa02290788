import Inventory
import Testing

/// Calico's own conformance tables, ported from projectcalico/calico:
/// `libcalico-go/lib/selector/parser/parser_test.go` (`selectorTests`, `badSelectors`, `canonicalisationTests`, and
/// the canonical outputs of the visitor table) and `libcalico-go/lib/selector/tokenizer/tokenizer_test.go`
/// (`tokenTests`). Facts carried over, tests written anew.
@Suite("Selector: Calico conformance tables")
struct SelectorCalicoConformanceTests {
    // MARK: selectorTests

    @Test("selectorTests: matches and non-matches", arguments: calicoSelectorTests)
    func selectorTest(_ test: SelectorMatchCase) throws {
        let selector = try Selector(test.selector)
        for labels in test.matches {
            #expect(selector.matches(labels), "\(test.selector) should match \(labels)")
        }
        for labels in test.nonMatches {
            #expect(!selector.matches(labels), "\(test.selector) should not match \(labels)")
        }
    }

    @Test("selectorTests: same results after canonicalising", arguments: calicoSelectorTests)
    func selectorTestAfterCanonicalising(_ test: SelectorMatchCase) throws {
        let reparsed = try Selector(try Selector(test.selector).canonical)
        for labels in test.matches {
            #expect(reparsed.matches(labels), "\(reparsed) should match \(labels)")
        }
        for labels in test.nonMatches {
            #expect(!reparsed.matches(labels), "\(reparsed) should not match \(labels)")
        }
    }

    // MARK: badSelectors

    @Test("badSelectors are rejected", arguments: calicoBadSelectors)
    func badSelector(_ test: SelectorBadCase) {
        #expect(throws: SelectorParseError.self) {
            try Selector(test.selector)
        }
    }

    // MARK: canonicalisationTests

    @Test("canonicalisationTests: canonical form and round trip", arguments: calicoCanonicalisationTests)
    func canonicalisation(_ test: SelectorCanonicalCase) throws {
        let selector = try Selector(test.input)
        #expect(selector.canonical == test.expected)
        let roundTripped = try Selector(selector.canonical)
        #expect(roundTripped.canonical == test.expected)
        #expect(roundTripped == selector)
    }

    // MARK: tokenTests

    @Test("tokenTests that expect a tokenizer error are invalid selectors", arguments: calicoTokenizerErrors)
    func tokenizerError(_ test: SelectorBadCase) {
        #expect(throws: SelectorParseError.self) {
            try Selector(test.selector)
        }
    }

    @Test("tokenTests that tokenize a whole selector parse to the same selector", arguments: calicoTokenizerSelectors)
    func tokenizerSelector(_ test: SelectorCanonicalCase) throws {
        #expect(try Selector(test.input).canonical == test.expected)
    }
}

// MARK: - Case types

/// One entry of Calico's `selectorTests`.
struct SelectorMatchCase: Sendable, CustomTestStringConvertible {
    let selector: String
    let matches: [[String: String]]
    let nonMatches: [[String: String]]

    init(_ selector: String, _ matches: [[String: String]], _ nonMatches: [[String: String]]) {
        self.selector = selector
        self.matches = matches
        self.nonMatches = nonMatches
    }

    var testDescription: String { "<\(selectorTestAbbreviated(selector))>" }
}

/// A selector that must be rejected, with Calico's comment on why.
struct SelectorBadCase: Sendable, CustomTestStringConvertible {
    let selector: String
    let why: String

    init(_ selector: String, _ why: String) {
        self.selector = selector
        self.why = why
    }

    var testDescription: String { "<\(selectorTestAbbreviated(selector))> (\(why))" }
}

/// An input and its expected canonical form.
struct SelectorCanonicalCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String

    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String { "<\(selectorTestAbbreviated(input))> → <\(selectorTestAbbreviated(expected))>" }
}

/// `text`, or its first 40 and last 20 characters when it is longer than 80, for test names.
func selectorTestAbbreviated(_ text: String) -> String {
    guard text.count > 80 else { return text }
    return "\(text.prefix(40))…(\(text.count) characters)…\(text.suffix(20))"
}

// MARK: - parser_test.go: selectorTests

let calicoSelectorTests: [SelectorMatchCase] = [
    .init(#"a == "b""#, [["a": "b"], ["a": "b", "c": "d"]], [[:], ["a": "c"], ["c": "d"]]),
    .init(
        #"a == "b" && c == "d""#,
        [["a": "b", "c": "d"]],
        [[:], ["a": "b", "c": "e"], ["a": "c", "c": "d"], ["c": "d"], ["a": "b"]]
    ),
    .init(
        #"a == "b" || c == "d""#,
        [["a": "b", "c": "d"], ["a": "b"], ["c": "d"]],
        [[:], ["a": "e", "c": "e"], ["c": "e"], ["a": "e"]]
    ),
    .init(#"a in {"'", '"', "c"}"#, [["a": "c"], ["a": "\""], ["a": "'"]], [[:], ["a": "e"]]),
    .init(#"a not in {"'", '"', "c"}"#, [[:], ["a": "e"]], [["a": "c"], ["a": "\""], ["a": "'"]]),

    .init("a == 'a'", [["a": "a"]], []),
    .init(#"a == "a""#, [["a": "a"]], []),
    .init(#"a != "b""#, [["a": "a"]], []),
    .init(#"a != "a""#, [[:]], []),
    .init(#"a contains "a""#, [["a": "a"], ["a": "bab"], ["a": "aaa", "b": "c"]], [[:], ["a": "b"], ["b": "aaa"]]),
    .init(
        #"a starts with "a""#,
        [["a": "a"], ["a": "abb"], ["a": "aaa", "b": "c"]],
        [[:], ["a": "b"], ["a": "baa"], ["b": "aaa"]]
    ),
    .init(
        #"a ends with "a""#,
        [["a": "a"], ["a": "bba"], ["a": "aaa", "b": "c"]],
        [[:], ["a": "b"], ["a": "aab"], ["b": "aaa"]]
    ),
    .init(#"a in {"a"}"#, [["a": "a"]], []),
    .init(#"!a in {"a"}"#, [["a": "b"]], []),
    .init(#"a in {"a", "b"}"#, [["a": "a"]], []),
    .init(#"a in {"a", "b"}"#, [["a": "b"]], []),
    .init(#"a not in {"d", "e"}"#, [["a": "a"]], []),
    .init("has(a)", [["a": "b"]], []),
    .init("!has(a)", [["b": "b"]], []),
    .init("", [[:]], []),
    .init(" ", [[:]], []),
    .init("", [["a": "b"]], []),
    .init("all()", [[:]], []),
    .init(" all()", [[:]], []),
    .init(" all()", [["a": "b"]], []),
    .init("global()", [[:]], []),
    .init(" global()", [[:]], []),
    .init(" global()", [["a": "b"]], []),

    .init("a == 'a'", [], [["a": "b"]]),
    .init("a == 'a'", [], [[:]]),
    .init(#"a != "a""#, [], [["a": "a"]]),
    .init("a != 'a'", [], [["a": "a"]]),
    .init(#"a in {"a"}"#, [], [["a": "b"]]),
    .init(#"a not in {"a"}"#, [], [["a": "a"]]),
    .init(#"a in {"a", "b"}"#, [], [["a": "c"]]),
    .init("has(b)", [], [["a": "b"]]),
    .init("!!has(b)", [], [["a": "b"]]),
    .init("! has(a)", [], [["a": "b"]]),
    .init("!has(a)", [], [["a": "b"]]),
    .init("!!! has(a)", [], [["a": "b"]]),
    .init("!!!has(a)", [], [["a": "b"]]),
    .init("!! ! has(a)", [], [["a": "b"]]),
    .init("! !!has(a)", [], [["a": "b"]]),

    // Boolean expressions...
    .init("a == 'a1' && b == 'b1'", [["a": "a1", "b": "b1"]], []),
    .init("a == 'a1' && b != 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("a != 'a1' && b == 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("a != 'a1' && b != 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("a != 'a1' && !b == 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("!a == 'a1' && b == 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("has(a) && !has(b)", [["a": "a"]], []),
    .init("!has(b) && has(a)", [["a": "a"]], []),
    .init("!(!has(a) || has(b))", [["a": "a"]], []),
    .init("!(has(b) || !has(a))", [["a": "a"]], []),

    .init("a == 'a1' || b == 'b1'", [["a": "a1", "b": "b1"]], []),
    .init("a == 'a1' || b != 'b1'", [["a": "a1", "b": "b1"]], []),
    .init("a != 'a1' || b == 'b1'", [["a": "a1", "b": "b1"]], []),
    .init("a != 'a1' || b != 'b1'", [], [["a": "a1", "b": "b1"]]),
    .init("! a == 'a1' || ! b == 'b1'", [], [["a": "a1", "b": "b1"]]),
]

// MARK: - parser_test.go: badSelectors

let calicoBadSelectors: [SelectorBadCase] = [
    .init("b == b", "label == label"),
    .init("b contains b", "label contains label"),
    .init("b starts with b", "label starts with label"),
    .init("b ends with b", "label ends with label"),
    .init("'b1' == b", "literal on lhs"),
    .init("b", "bare label"),
    .init("a b", "garbage"),
    .init("!", "garbage"),
    .init(#"foo == "bar" &"#, "garbage"),
    .init(#"foo == "bar" |"#, "garbage"),
    .init("foo != ||", "garbage"),
    .init(#"foo in {"", ||"#, "garbage"),
    .init(#"foo in """#, "expect set literal"),
    .init(#""FOO"#, "unterminated string"),
    .init(#""FOO'"#, "unterminated string"),
    .init(#""FOO"#, "unterminated string (listed twice by Calico)"),
    .init("'FOO", "unterminated string"),
    .init("(", "unterminated paren"),
    .init(#"(a == "foo""#, "unterminated paren"),
    .init(")", "unterminated paren"),
    .init("()", "unterminated paren"),
    .init("%", "unexpected char"),
    .init(#"a == "b" && %"#, "unexpected char"),
    .init(#"a == "b" || %"#, "unexpected char"),
    .init("a ", "should be followed by operator"),
    .init("has(foo) &&", "should be followed by operator"),
]

// MARK: - parser_test.go: canonicalisationTests and the visitor table's outputs

let calicoCanonicalisationTests: [SelectorCanonicalCase] = [
    .init("", "all()"),
    .init(" all() ", "all()"),
    .init(" (all() )", "all()"),
    .init("! (has( b)||! has(a ))", "!(has(b) || !has(a))"),
    .init(#"! (a == "b"&&! c != "d")"#, #"!(a == "b" && !c != "d")"#),
    .init(#"a == "'""#, #"a == "'""#),
    .init(#"a == '"'"#, #"a == '"'"#),
    .init(#"a contains '"'"#, #"a contains '"'"#),
    .init(#"a contains "'""#, #"a contains "'""#),
    .init(#"a startswith '"'"#, #"a starts with '"'"#),
    .init(#"a endswith "'""#, #"a ends with "'""#),
    .init(#"a!='"'"#, #"a != '"'"#),
    // Set items get sorted/de-duped.
    .init(#"a in {"d"}"#, #"a in {"d"}"#),
    .init(#"a in {"a", "b"}"#, #"a in {"a", "b"}"#),
    .init(#"a in {"d", "a", "b"}"#, #"a in {"a", "b", "d"}"#),
    .init(#"a in {"z", "x", "y", "a"}"#, #"a in {"a", "x", "y", "z"}"#),
    .init(#"a in {"z", "z", "x", "y", "x", "a"}"#, #"a in {"a", "x", "y", "z"}"#),
    // The visitor table ("Visitor tests"), without the label prefix the visitor adds.
    .init("k == 'v'", #"k == "v""#),
    .init("k != 'v'", #"k != "v""#),
    .init("k contains 'v'", #"k contains "v""#),
    .init("k starts with 'v'", #"k starts with "v""#),
    .init("k ends with 'v'", #"k ends with "v""#),
    .init("k == 'v' && x == 'y'", #"(k == "v" && x == "y")"#),
    .init("k == 'v' || has(x)", #"(k == "v" || has(x))"#),
    .init("!(k == 'v')", #"!k == "v""#),
    .init("k in {'v'}", #"k in {"v"}"#),
    .init("k not in {'v'}", #"k not in {"v"}"#),
    .init(
        "!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
        #"!(!((k == "v" && has(t)) || all()) && a in {"b", "c"})"#
    ),
]

// MARK: - tokenizer_test.go: tokenTests

/// The `tokenTests` entries that expect an error (`expected == nil`).
let calicoTokenizerErrors: [SelectorBadCase] = [
    .init(String(repeating: "a", count: 513) + #" == "value""#, "label of 513 characters"),
    .init(#"label == "value"#, "unterminated double-quoted string"),
    .init("label == 'value", "unterminated single-quoted string"),
    .init(#"label = "value""#, "single ="),
    .init("all(", "all( without )"),
    .init("global(", "global( without )"),
    .init("has()", "has() without a label"),
    .init("has(foo", "has( without )"),
    .init("has( foo ", "has( without )"),
    .init(#"a == "b" & has(foo)"#, "single &"),
    .init(#"a == "b" | has(foo)"#, "single |"),
    .init(#"label starts foo "value""#, "starts without with"),
    .init(#"label inf "value""#, "in followed by a label character"),
    .init(#"label ends foo "value""#, "ends without with"),
    .init(#"label ends withs "value""#, "with followed by a label character"),
    .init(#"label squiggles "value""#, "not an operator"),
]

/// The `tokenTests` entries whose tokens form a whole valid selector, with the canonical form of those tokens.
/// (Entries such as `a not in "bar" && …` tokenize but do not parse, so they are not here.)
let calicoTokenizerSelectors: [SelectorCanonicalCase] = [
    .init(#"a=="b""#, #"a == "b""#),
    .init(#"a!="b""#, #"a != "b""#),
    .init(#"a != "b""#, #"a != "b""#),
    .init(#"(a=="b")"#, #"a == "b""#),
    .init(#"label == "value""#, #"label == "value""#),
    .init(#"label contains "value""#, #"label contains "value""#),
    .init(#"contains contains "contains""#, #"contains contains "contains""#),
    .init("contains contains 'contains'", #"contains contains "contains""#),
    .init(#"label contains"value""#, #"label contains "value""#),
    .init(#"label startswith "value""#, #"label starts with "value""#),
    .init(#"label endswith "value""#, #"label ends with "value""#),
    .init(#"label starts with "value""#, #"label starts with "value""#),
    .init(#"startswith starts with "value""#, #"startswith starts with "value""#),
    .init(#"label ends with "value""#, #"label ends with "value""#),
    .init(#"endswith ends with "value""#, #"endswith ends with "value""#),
    .init(#"label starts  with "value""#, #"label starts with "value""#),
    .init(#"label ends  with "value""#, #"label ends with "value""#),
    .init(
        String(repeating: "a", count: 512) + #" == "value""#,
        String(repeating: "a", count: 512) + #" == "value""#
    ),
    .init("has(calico/k8s_ns)", "has(calico/k8s_ns)"),
    .init("has(calico/k8s_ns/role)", "has(calico/k8s_ns/role)"),
    .init("has(calico/k8s_NS-.1/role)", "has(calico/k8s_NS-.1/role)"),
    .init(
        #"calico/k8s_ns == "kube-system" && k8s-app == "kube-dns""#,
        #"(calico/k8s_ns == "kube-system" && k8s-app == "kube-dns")"#
    ),
    .init("a not in {}", "a not in {}"),
    .init(#"a not in {"a"}"#, #"a not in {"a"}"#),
    .init(#"a not in {"a","B"}"#, #"a not in {"B", "a"}"#),
    .init("global()", "global()"),
    .init("global( )", "global()"),
    .init("all()", "all()"),
    .init("all( )", "all()"),
]
