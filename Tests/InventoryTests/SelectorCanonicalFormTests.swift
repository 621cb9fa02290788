import Inventory
import Testing

/// The canonical form (§8.3), equality and hashing.
@Suite("Selector: canonical form (§8.3)")
struct SelectorCanonicalFormTests {
    @Test("canonical forms", arguments: [
        // Spacing.
        SelectorCanonicalCase(#"a=="b""#, #"a == "b""#),
        SelectorCanonicalCase("  a\t!=\t'b'  ", #"a != "b""#),
        SelectorCanonicalCase(#"a   in{ "x" ,"y" }"#, #"a in {"x", "y"}"#),
        SelectorCanonicalCase("has(   a)", "has(a)"),
        SelectorCanonicalCase(" global( ) ", "global()"),
        // && and || groups get parentheses; single primaries do not.
        SelectorCanonicalCase(#"a == "1" && b == "2""#, #"(a == "1" && b == "2")"#),
        SelectorCanonicalCase(#"a == "1" && b == "2" && c == "3""#, #"(a == "1" && b == "2" && c == "3")"#),
        SelectorCanonicalCase(#"a == "1" || b == "2" && c == "3""#, #"(a == "1" || (b == "2" && c == "3"))"#),
        SelectorCanonicalCase(#"(a == "1" || b == "2") && c == "3""#, #"((a == "1" || b == "2") && c == "3")"#),
        SelectorCanonicalCase(#"(a == "1" && b == "2") && c == "3""#, #"((a == "1" && b == "2") && c == "3")"#),
        SelectorCanonicalCase(#"((((a == "1"))))"#, #"a == "1""#),
        SelectorCanonicalCase("(has(a)) && (has(b))", "(has(a) && has(b))"),
        // Negation.
        SelectorCanonicalCase(#"!(a == "1")"#, #"!a == "1""#),
        SelectorCanonicalCase(#"! ( a == "1" && b == "2" )"#, #"!(a == "1" && b == "2")"#),
        SelectorCanonicalCase("!!has(a)", "has(a)"),
        SelectorCanonicalCase("!!!has(a)", "!has(a)"),
        SelectorCanonicalCase("! ! ! ! has(a)", "has(a)"),
        SelectorCanonicalCase("!(!has(a))", "has(a)"),
        SelectorCanonicalCase("!(!(!has(a)))", "!has(a)"),
        SelectorCanonicalCase("!(!(has(a) || has(b)))", "(has(a) || has(b))"),
        SelectorCanonicalCase("!all()", "!all()"),
        SelectorCanonicalCase("!global()", "!global()"),
        // Quoting: double quotes unless the value holds a double quote.
        SelectorCanonicalCase("a == 'x'", #"a == "x""#),
        SelectorCanonicalCase(#"a == 'say "hi"'"#, #"a == 'say "hi"'"#),
        SelectorCanonicalCase(#"a == "it's""#, #"a == "it's""#),
        SelectorCanonicalCase(#"a == """#, #"a == """#),
        SelectorCanonicalCase("a == ''", #"a == """#),
        SelectorCanonicalCase(#"a in {'"', "'", 'x'}"#, #"a in {'"', "'", "x"}"#),
        // Operator spelling.
        SelectorCanonicalCase(#"a startswith "x""#, #"a starts with "x""#),
        SelectorCanonicalCase(#"a endswith "x""#, #"a ends with "x""#),
        SelectorCanonicalCase(#"a notin {"x"}"#, #"a not in {"x"}"#),
        // Sets: de-duplicated and sorted byte-wise.
        SelectorCanonicalCase("a in {}", "a in {}"),
        SelectorCanonicalCase("a not in { }", "a not in {}"),
        SelectorCanonicalCase(#"a in {"b", "a", "b", "a"}"#, #"a in {"a", "b"}"#),
        SelectorCanonicalCase(
            #"a in {"b", "B", "_", "z", "é", "10", "9"}"#,
            #"a in {"10", "9", "B", "_", "b", "z", "é"}"#
        ),
        SelectorCanonicalCase(#"a in {"ab", "a", "abc", ""}"#, #"a in {"", "a", "ab", "abc"}"#),
        // Empty text.
        SelectorCanonicalCase("", "all()"),
        SelectorCanonicalCase(" \t ", "all()"),
    ])
    func canonicalForm(_ test: SelectorCanonicalCase) throws {
        let selector = try Selector(test.input)
        #expect(selector.canonical == test.expected)
        #expect(selector.description == test.expected)
    }

    @Test("set items that differ only in Unicode normalisation stay distinct")
    func setItemsAreDeduplicatedByteWise() throws {
        let selector = try Selector("a in {\"\u{E9}\", \"e\u{301}\", \"\u{E9}\"}")
        // "e" + U+0301 (0x65 ...) sorts before U+00E9 (0xC3 0xA9) byte-wise.
        let expected = "a in {\"e\u{301}\", \"\u{E9}\"}"
        #expect(selector.canonical.utf8.elementsEqual(expected.utf8))
    }

    @Test("the canonical form is a fixed point", arguments: [
        "",
        "all()",
        "!all()",
        "global()",
        #"a == "b""#,
        "!(!has(a))",
        "!!has(a)",
        #"!(a == "1")"#,
        #"!(a == "1" && !(b == "2" || !c in {"x", 'y"'}))"#,
        #"(a == "1" && b == "2") && c == "3""#,
        #"a == "1" || (b == "2" || c == "3")"#,
        #"a startswith "x" || b endswith 'y' && c notin {'q', 'p', 'q'}"#,
        #"k contains '"' && k contains "'""#,
    ])
    func canonicalFormIsFixedPoint(_ text: String) throws {
        let once = try Selector(text)
        let twice = try Selector(once.canonical)
        #expect(twice.canonical == once.canonical)
        #expect(twice == once)
    }

    @Test("selectors with the same canonical form are equal and hash alike")
    func equality() throws {
        let a = try Selector(#"a=='x'&&b in {"2","1"}"#)
        let b = try Selector(#"a == "x" && b in {'1', '1', '2'}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(try Selector("") == Selector.all)
        #expect(try Selector("!!has(a)") == Selector("has(a)"))
        #expect(try Selector("has(a)") != Selector("has(b)"))
        #expect(try Selector("all()") != Selector("global()"))
    }

    @Test("selectors whose values differ only in Unicode normalisation are not equal")
    func equalityIsByteWise() throws {
        let composed = try Selector("a == \"\u{E9}\"")
        let decomposed = try Selector("a == \"e\u{301}\"")
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
    }

    @Test("Selector.all is all()")
    func allSelector() {
        #expect(Selector.all.canonical == "all()")
        #expect(Selector.all.isAll)
        #expect(!Selector.all.isGlobal)
        #expect(Selector.all.matches([:]))
    }
}
