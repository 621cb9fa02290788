extension SelectorExpression {
    /// The canonical text of the expression (§8.3), as Calico's `Selector.String()` prints it.
    ///
    /// Single spaces around binary operators, `&&` and `||` groups in parentheses, `!` directly before its operand,
    /// values double-quoted unless they contain `"` (then single-quoted), set items sorted and de-duplicated, and
    /// `startswith`/`endswith`/`notin` spelt `starts with`/`ends with`/`not in`.
    internal var canonicalText: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends the canonical text of the expression to `text`.
    internal func write(to text: inout String) {
        switch self {
        case .all:
            text += "all()"
        case .global:
            text += "global()"
        case .has(let label):
            text += "has("
            text += label
            text += ")"
        case .equals(let label, let value):
            Self.write(label, " == ", value, to: &text)
        case .notEquals(let label, let value):
            Self.write(label, " != ", value, to: &text)
        case .contains(let label, let value):
            Self.write(label, " contains ", value, to: &text)
        case .startsWith(let label, let value):
            Self.write(label, " starts with ", value, to: &text)
        case .endsWith(let label, let value):
            Self.write(label, " ends with ", value, to: &text)
        case .isIn(let label, let values):
            Self.write(label, " in ", values, to: &text)
        case .notIn(let label, let values):
            Self.write(label, " not in ", values, to: &text)
        case .not(let operand):
            text += "!"
            operand.write(to: &text)
        case .and(let operands):
            Self.write(operands, joinedBy: " && ", to: &text)
        case .or(let operands):
            Self.write(operands, joinedBy: " || ", to: &text)
        }
    }

    private static func write(_ label: String, _ op: String, _ value: String, to text: inout String) {
        text += label
        text += op
        writeQuoted(value, to: &text)
    }

    private static func write(_ label: String, _ op: String, _ values: SelectorValueSet, to text: inout String) {
        text += label
        text += op
        text += "{"
        for (index, value) in values.values.enumerated() {
            if index > 0 {
                text += ", "
            }
            writeQuoted(value, to: &text)
        }
        text += "}"
    }

    private static func write(_ operands: [SelectorExpression], joinedBy op: String, to text: inout String) {
        text += "("
        for (index, operand) in operands.enumerated() {
            if index > 0 {
                text += op
            }
            operand.write(to: &text)
        }
        text += ")"
    }

    /// Double quotes, unless the value holds a `"`; then single quotes. (A value holding both cannot be parsed.)
    private static func writeQuoted(_ value: String, to text: inout String) {
        let quote = value.utf8.contains(UInt8(ascii: "\"")) ? "'" : "\""
        text += quote
        text += value
        text += quote
    }
}
