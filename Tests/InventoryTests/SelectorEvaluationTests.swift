import Inventory
import Testing

/// Evaluation (§8.2): the truth table, `global()`, byte-wise comparison and precedence.
@Suite("Selector: evaluation (§8.2)")
struct SelectorEvaluationTests {
    @Test("the §8.2 truth table", arguments: [
        SelectorMatchCase(#"k == "v""#, [["k": "v"], ["k": "v", "x": "y"]], [[:], ["k": "w"], ["k": ""], ["K": "v"]]),
        SelectorMatchCase(#"k != "v""#, [[:], ["k": "w"], ["k": ""], ["x": "v"]], [["k": "v"]]),
        SelectorMatchCase("has(k)", [["k": "v"], ["k": ""]], [[:], ["K": "v"], ["kk": "v"]]),
        SelectorMatchCase(#"k in {"a", "b"}"#, [["k": "a"], ["k": "b"]], [[:], ["k": "c"], ["k": ""]]),
        SelectorMatchCase(#"k not in {"a", "b"}"#, [[:], ["k": "c"], ["k": ""]], [["k": "a"], ["k": "b"]]),
        SelectorMatchCase("k in {}", [], [[:], ["k": ""], ["k": "v"]]),
        SelectorMatchCase("k not in {}", [[:], ["k": ""], ["k": "v"]], []),
        SelectorMatchCase(#"k in {""}"#, [["k": ""]], [[:], ["k": "v"]]),
        SelectorMatchCase(#"k contains "ell""#, [["k": "hello"], ["k": "ell"]], [[:], ["k": "hel"], ["k": "ELL"]]),
        SelectorMatchCase(#"k starts with "he""#, [["k": "hello"], ["k": "he"]], [[:], ["k": "h"], ["k": "ahe"]]),
        SelectorMatchCase(#"k ends with "lo""#, [["k": "hello"], ["k": "lo"]], [[:], ["k": "o"], ["k": "loa"]]),
        SelectorMatchCase(#"k contains """#, [["k": ""], ["k": "v"]], [[:]]),
        SelectorMatchCase(#"k starts with """#, [["k": ""], ["k": "v"]], [[:]]),
        SelectorMatchCase(#"k ends with """#, [["k": ""], ["k": "v"]], [[:]]),
        SelectorMatchCase(#"k == """#, [["k": ""]], [[:], ["k": "v"]]),
        SelectorMatchCase(#"k != """#, [[:], ["k": "v"]], [["k": ""]]),
        SelectorMatchCase("all()", [[:], ["k": "v"]], []),
        SelectorMatchCase("!all()", [], [[:], ["k": "v"]]),
        SelectorMatchCase("global()", [[:], ["k": "v"]], []),
    ])
    func truthTable(_ test: SelectorMatchCase) throws {
        let selector = try Selector(test.selector)
        for labels in test.matches {
            #expect(selector.matches(labels), "\(test.selector) should match \(labels)")
        }
        for labels in test.nonMatches {
            #expect(!selector.matches(labels), "\(test.selector) should not match \(labels)")
        }
    }

    @Test("precedence: ! binds tighter than &&, && tighter than ||", arguments: [
        // !a == "1" || b == "2" means (!(a == "1")) || b == "2".
        SelectorMatchCase(
            #"!a == "1" || b == "2""#,
            [[:], ["a": "2"], ["a": "1", "b": "2"]],
            [["a": "1"], ["a": "1", "b": "3"]]
        ),
        // a || b && c means a || (b && c).
        SelectorMatchCase(
            #"a == "1" || b == "2" && c == "3""#,
            [["a": "1"], ["b": "2", "c": "3"]],
            [["b": "2"], ["c": "3"], [:]]
        ),
        // a && b || c means (a && b) || c.
        SelectorMatchCase(
            #"a == "1" && b == "2" || c == "3""#,
            [["c": "3"], ["a": "1", "b": "2"]],
            [["a": "1"], ["b": "2"], [:]]
        ),
        SelectorMatchCase(
            #"(a == "1" || b == "2") && c == "3""#,
            [["a": "1", "c": "3"], ["b": "2", "c": "3"]],
            [["a": "1"], ["b": "2"], ["c": "3"]]
        ),
        SelectorMatchCase(#"!(a == "1" && b == "2")"#, [[:], ["a": "1"]], [["a": "1", "b": "2"]]),
        SelectorMatchCase(#"!!a == "1""#, [["a": "1"]], [[:], ["a": "2"]]),
        SelectorMatchCase(#"!(!a == "1")"#, [["a": "1"]], [[:], ["a": "2"]]),
        SelectorMatchCase(#"!a != "1""#, [["a": "1"]], [[:], ["a": "2"]]),
        SelectorMatchCase(#"!a not in {"1"}"#, [["a": "1"]], [[:], ["a": "2"]]),
    ])
    func precedence(_ test: SelectorMatchCase) throws {
        let selector = try Selector(test.selector)
        for labels in test.matches {
            #expect(selector.matches(labels), "\(test.selector) should match \(labels)")
        }
        for labels in test.nonMatches {
            #expect(!selector.matches(labels), "\(test.selector) should not match \(labels)")
        }
    }

    @Test("as a namespaceSelector, global() selects no namespace and all() every namespace")
    func namespaceSelectorGlobal() throws {
        let namespace = ["projectcalico.org/name": "prod", "team": "a"]
        #expect(!(try Selector("global()").matchesNamespace(namespace)))
        #expect(!(try Selector("global()").matchesNamespace([:])))
        #expect(try Selector("global()").matches(namespace))
        #expect(try Selector("all()").matchesNamespace(namespace))
        #expect(try Selector("").matchesNamespace([:]))
        #expect(Selector.all.matchesNamespace(namespace))
        // global() is false wherever it appears in a namespaceSelector (Calico rewrites every occurrence).
        #expect(try Selector("!global()").matchesNamespace(namespace))
        #expect(!(try Selector("!global()").matches(namespace)))
        #expect(try Selector(#"global() || team == "a""#).matchesNamespace(namespace))
        #expect(!(try Selector(#"global() || team == "b""#).matchesNamespace(namespace)))
        #expect(!(try Selector(#"global() && team == "a""#).matchesNamespace(namespace)))
        #expect(try Selector(#"global() && team == "a""#).matches(namespace))
        // Everything else evaluates the same way.
        #expect(try Selector(#"team == "a""#).matchesNamespace(namespace))
        #expect(try Selector(#"projectcalico.org/name in {"dev", "prod"}"#).matchesNamespace(namespace))
    }

    @Test("isAll and isGlobal are true only for exactly all() and global()", arguments: [
        ("", true, false),
        (" all( ) ", true, false),
        ("(all())", true, false),
        ("!!all()", true, false),
        ("!all()", false, false),
        ("all() && all()", false, false),
        ("global()", false, true),
        ("( global() )", false, true),
        ("!global()", false, false),
        ("global() || global()", false, false),
        ("has(a)", false, false),
    ])
    func allAndGlobal(_ text: String, _ isAll: Bool, _ isGlobal: Bool) throws {
        let selector = try Selector(text)
        #expect(selector.isAll == isAll)
        #expect(selector.isGlobal == isGlobal)
    }

    @Test("values are compared byte for byte, not by Unicode equivalence")
    func byteWiseValues() throws {
        let composed = "\u{E9}"          // é as one scalar
        let decomposed = "e\u{301}"      // e + combining acute accent
        #expect(composed == decomposed)  // Swift's String equality would conflate them...
        let equals = try Selector("a == \"\(composed)\"")
        #expect(equals.matches(["a": composed]))
        #expect(!equals.matches(["a": decomposed]))  // ...Calico does not.
        #expect(try Selector("a != \"\(composed)\"").matches(["a": decomposed]))
        #expect(try Selector("a in {\"\(composed)\"}").matches(["a": composed]))
        #expect(!(try Selector("a in {\"\(composed)\"}").matches(["a": decomposed])))
        #expect(try Selector("a not in {\"\(composed)\"}").matches(["a": decomposed]))
        // Byte-wise prefix, suffix and substring can split a character.
        #expect(try Selector(#"a starts with "e""#).matches(["a": decomposed]))
        #expect(!(try Selector(#"a starts with "e""#).matches(["a": composed])))
        #expect(try Selector("a ends with \"\u{301}\"").matches(["a": decomposed]))
        #expect(try Selector("a contains \"e\u{301}\"").matches(["a": "caf\(decomposed)s"]))
        #expect(!(try Selector("a contains \"\(composed)\"").matches(["a": "caf\(decomposed)s"])))
        #expect(try Selector("a == \"\u{1F600}\"").matches(["a": "\u{1F600}"]))
    }

    @Test("label names are matched byte for byte")
    func byteWiseLabelNames() throws {
        // U+212A KELVIN SIGN is canonically equivalent to "K", so a Swift dictionary finds it under "K".
        let kelvin = ["\u{212A}": "x"]
        #expect(kelvin["K"] != nil)
        #expect(!(try Selector(#"K == "x""#).matches(kelvin)))
        #expect(!(try Selector("has(K)").matches(kelvin)))
        #expect(try Selector(#"K != "x""#).matches(kelvin))
        #expect(try Selector(#"K == "x""#).matches(["K": "x"]))
    }

    @Test("values are case-sensitive")
    func caseSensitiveValues() throws {
        #expect(!(try Selector(#"a == "X""#).matches(["a": "x"])))
        #expect(!(try Selector(#"a in {"X"}"#).matches(["a": "x"])))
        #expect(!(try Selector(#"a contains "X""#).matches(["a": "x"])))
    }

    @Test("large sets find every member and nothing else")
    func largeSets() throws {
        let members = (0..<200).map { "value-\($0)" }
        let list = members.reversed().map { "\"\($0)\"" }.joined(separator: ", ")
        let isIn = try Selector("k in {\(list)}")
        let notIn = try Selector("k not in {\(list)}")
        for member in members {
            #expect(isIn.matches(["k": member]))
            #expect(!notIn.matches(["k": member]))
        }
        for outsider in ["value-200", "value-", "", "value-1 ", "Value-1", "value-00"] {
            #expect(!isIn.matches(["k": outsider]))
            #expect(notIn.matches(["k": outsider]))
        }
    }

    @Test("the implicit labels of §8.4 are ordinary labels to a selector")
    func implicitLabels() throws {
        let pod = [
            "app": "billing",
            "projectcalico.org/namespace": "prod",
            "projectcalico.org/orchestrator": "k8s",
            "projectcalico.org/serviceaccount": "billing-sa",
        ]
        let selector = try Selector(
            #"projectcalico.org/namespace == "prod" && projectcalico.org/serviceaccount starts with "billing""#
        )
        #expect(selector.matches(pod))
    }
}
