/// One token of a selector, as `SelectorTokenizer` produces it.
internal struct SelectorToken: Sendable {
    /// What kind of token it is; mirrors Calico's `tokenizer.Kind`.
    internal enum Kind: Sendable, Equatable {
        /// A label name; `text` holds it.
        case label
        /// A quoted string; `text` holds its content without the quotes.
        case string
        /// `{`
        case leftBrace
        /// `}`
        case rightBrace
        /// `,`
        case comma
        /// `==`
        case equals
        /// `!=`
        case notEquals
        /// `in`
        case isIn
        /// `not in` or `notin`
        case notIn
        /// `contains`
        case contains
        /// `starts with` or `startswith`
        case startsWith
        /// `ends with` or `endswith`
        case endsWith
        /// `!`
        case not
        /// `all()`
        case all
        /// `global()`
        case global
        /// `has(label)`; `text` holds the label.
        case has
        /// `(`
        case leftParenthesis
        /// `)`
        case rightParenthesis
        /// `&&`
        case and
        /// `||`
        case or
        /// A character that cannot start any token (Calico's tokenizer rejects it). The parser reports what it
        /// expected at that point instead.
        case unexpected
        /// The end of the text.
        case end
    }

    /// The kind of token.
    internal let kind: Kind
    /// The UTF-8 byte offset of the token's first character in the selector text.
    internal let offset: Int
    /// The label or string content for `.label`, `.string` and `.has`; empty otherwise.
    internal let text: String

    /// Creates a token.
    internal init(_ kind: Kind, at offset: Int, text: String = "") {
        self.kind = kind
        self.offset = offset
        self.text = text
    }
}
