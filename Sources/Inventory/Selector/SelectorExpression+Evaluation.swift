extension SelectorExpression {
    /// Evaluates the expression against `labels` (§8.2).
    ///
    /// Walks the tree without allocating. Absent labels make `==`, `contains`, `starts with`, `ends with` and `in`
    /// false, and `!=` and `not in` true. Values are compared byte for byte.
    ///
    /// - Parameters:
    ///   - labels: The label set of the pod or namespace.
    ///   - global: The value of `global()`: `true` for plain evaluation, `false` when the expression is a
    ///     namespaceSelector (where `global()` selects only non-namespaced resources, so no namespace).
    internal func evaluate(_ labels: [String: String], global: Bool) -> Bool {
        switch self {
        case .all:
            return true
        case .global:
            return global
        case .has(let label):
            return Self.value(of: label, in: labels) != nil
        case .equals(let label, let value):
            guard let actual = Self.value(of: label, in: labels) else { return false }
            return SelectorUTF8.equal(actual, value)
        case .notEquals(let label, let value):
            guard let actual = Self.value(of: label, in: labels) else { return true }
            return !SelectorUTF8.equal(actual, value)
        case .contains(let label, let value):
            guard let actual = Self.value(of: label, in: labels) else { return false }
            return SelectorUTF8.contains(actual, value)
        case .startsWith(let label, let value):
            guard let actual = Self.value(of: label, in: labels) else { return false }
            return SelectorUTF8.hasPrefix(actual, value)
        case .endsWith(let label, let value):
            guard let actual = Self.value(of: label, in: labels) else { return false }
            return SelectorUTF8.hasSuffix(actual, value)
        case .isIn(let label, let values):
            guard let actual = Self.value(of: label, in: labels) else { return false }
            return values.contains(actual)
        case .notIn(let label, let values):
            guard let actual = Self.value(of: label, in: labels) else { return true }
            return !values.contains(actual)
        case .not(let operand):
            return !operand.evaluate(labels, global: global)
        case .and(let operands):
            for operand in operands where !operand.evaluate(labels, global: global) {
                return false
            }
            return true
        case .or(let operands):
            for operand in operands where operand.evaluate(labels, global: global) {
                return true
            }
            return false
        }
    }

    /// The value of `label` in `labels`, matching the key byte for byte.
    ///
    /// Dictionary lookup uses Unicode canonical equivalence, under which a few non-ASCII keys equal ASCII ones
    /// (U+212A KELVIN SIGN equals `K`). A selector label is always ASCII (the tokenizer allows only
    /// `[A-Za-z0-9_./-]`), and a key that is canonically equivalent to an ASCII string but not the same bytes has
    /// at least one multi-byte scalar where the label has a one-byte scalar, so it is longer in UTF-8. Comparing
    /// the UTF-8 lengths, which is O(1), is therefore an exact byte-wise check here.
    @inline(__always)
    private static func value(of label: String, in labels: [String: String]) -> String? {
        guard let index = labels.index(forKey: label) else { return nil }
        let entry = labels[index]
        guard entry.key.utf8.count == label.utf8.count else { return nil }
        return entry.value
    }
}
