/// A parsed Calico label selector (§8 of the egress specification; Calico's
/// `libcalico-go/lib/selector`).
///
/// Parse once, evaluate many times: the text is parsed into a syntax tree when the value is created, and
/// `matches(_:)` walks that tree without allocating.
///
/// ```swift
/// let selector = try Selector("egress-code == 'red' && !has(maintenance)")
/// selector.matches(["egress-code": "red"])   // true
/// selector.canonical                         // (egress-code == "red" && !has(maintenance))
/// ```
///
/// Two selectors are equal when their canonical forms have the same bytes, so `a == 'x'` equals `a=="x"`.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    /// The syntax tree that `matches` evaluates.
    internal let expression: SelectorExpression

    /// Calico's canonical form of the selector (§8.3): what Calico stores after normalising a selector, e.g.
    /// `(a == "b" && c in {"x", "y"})`. Empty text gives `all()`.
    public let canonical: String

    /// Parses `text` as a Calico selector. Empty or blank text (spaces and TABs only) means `all()`.
    ///
    /// The text is parsed exactly as given: it is not trimmed, and a line break anywhere, even at the end, makes it
    /// invalid, as in Calico.
    ///
    /// - Throws: `SelectorParseError` with the column where the text stops being a valid selector.
    public init(_ text: String) throws(SelectorParseError) {
        self.init(expression: try SelectorParser.parse(text))
    }

    /// Wraps an already parsed expression.
    internal init(expression: SelectorExpression) {
        self.expression = expression
        self.canonical = expression.canonicalText
    }

    /// The selector `all()`, which matches every label set; also what empty selector text means.
    public static let all = Selector(expression: .all)

    /// Whether the selector matches a label set, in plain evaluation (§8.2), where `global()` is true.
    ///
    /// Use this for pod selectors. Values are compared byte for byte; `!=` and `not in` are true when the label
    /// is absent.
    ///
    /// - Parameter labels: The label set, including implicit labels (§8.4) if the caller wants them matched.
    public func matches(_ labels: [String: String]) -> Bool {
        expression.evaluate(labels, global: true)
    }

    /// Whether the selector, used as a namespaceSelector, selects a namespace with these labels.
    ///
    /// Here `global()` is false wherever it appears: it selects only non-namespaced resources, so no namespace.
    /// `all()` selects every namespace. Everything else evaluates as in `matches(_:)`.
    ///
    /// - Parameter labels: The namespace's label set (§8.4: its labels plus `projectcalico.org/name`).
    public func matchesNamespace(_ labels: [String: String]) -> Bool {
        expression.evaluate(labels, global: false)
    }

    /// Whether the selector is exactly `all()` (or was empty text), so it matches everything.
    public var isAll: Bool {
        if case .all = expression {
            return true
        }
        return false
    }

    /// Whether the selector is exactly `global()`: as a namespaceSelector it selects no namespace.
    public var isGlobal: Bool {
        if case .global = expression {
            return true
        }
        return false
    }

    /// The canonical form, the same as `canonical`.
    public var description: String {
        canonical
    }

    /// Whether the canonical forms of the two selectors have the same bytes.
    public static func == (lhs: Selector, rhs: Selector) -> Bool {
        SelectorUTF8.equal(lhs.canonical, rhs.canonical)
    }

    /// Hashes the bytes of the canonical form.
    public func hash(into hasher: inout Hasher) {
        SelectorUTF8.withBytes(canonical) { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
