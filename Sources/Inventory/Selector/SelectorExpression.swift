/// The syntax tree of a parsed Calico selector (§8.1), already in canonical shape.
///
/// The parser builds it once; `Selector` evaluates it for every label set. Its shape follows Calico's AST
/// (`libcalico-go/lib/selector/parser/ast.go`): `&&` and `||` chains are n-ary nodes, parentheses leave no node of
/// their own, a run of `!` collapses by parity, and a negation of a negation cancels (see `negated`).
internal indirect enum SelectorExpression: Sendable {
    /// `all()`: true for every label set.
    case all
    /// `global()`: true in plain evaluation; as a namespaceSelector it selects no namespace.
    case global
    /// `has(label)`: the label is present (an empty value counts).
    case has(label: String)
    /// `label == "value"`.
    case equals(label: String, value: String)
    /// `label != "value"`: also true when the label is absent.
    case notEquals(label: String, value: String)
    /// `label contains "value"`.
    case contains(label: String, value: String)
    /// `label starts with "value"` (also written `startswith`).
    case startsWith(label: String, value: String)
    /// `label ends with "value"` (also written `endswith`).
    case endsWith(label: String, value: String)
    /// `label in {…}`: false for an empty set.
    case isIn(label: String, values: SelectorValueSet)
    /// `label not in {…}` (also written `notin`): also true when the label is absent; true for an empty set.
    case notIn(label: String, values: SelectorValueSet)
    /// `!operand`.
    case not(SelectorExpression)
    /// `a && b && …`, two or more operands.
    case and([SelectorExpression])
    /// `a || b || …`, two or more operands.
    case or([SelectorExpression])

    /// The negation of this expression: `!x`, except that `!!x` cancels to `x`.
    ///
    /// Calico's parser collapses a run of `!` tokens (`!!x`) but keeps `!(!x)` as two nodes, printing it `!!x`,
    /// which its own parser then reads back as `x`. Cancelling here gives the same meaning and makes the canonical
    /// form a fixed point (printing, re-parsing and printing again gives the same text).
    internal var negated: SelectorExpression {
        if case .not(let operand) = self {
            return operand
        }
        return .not(self)
    }
}
