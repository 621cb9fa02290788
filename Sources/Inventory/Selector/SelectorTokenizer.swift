/// Splits selector text into tokens on demand, following Calico's tokenizer
/// (`libcalico-go/lib/selector/tokenizer/tokenizer.go`).
///
/// * Whitespace is a space or a TAB only; `\n` and `\r` are not whitespace.
/// * Operator words (`contains`, `starts with`, `ends with`, `in`, `not in`, also `startswith`, `endswith`,
///   `notin`) are recognised only right after a label, so the same words elsewhere are labels. They must be
///   followed by a non-label character or the end. Extra whitespace inside two-word operators is allowed.
/// * `has(`, `all(` and `global(` must be written without whitespace before `(`; whitespace inside the
///   parentheses is allowed.
/// * Strings run to the next quote of the same kind; there are no escapes.
/// * Everything is case-sensitive.
internal struct SelectorTokenizer {
    /// The longest label accepted, in characters (Calico's `tokenizer.MaxLabelLength`).
    internal static let maxLabelLength = 512

    /// The selector text, for error messages.
    private let text: String
    /// The UTF-8 bytes of `text`.
    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    private var position = 0
    /// The label just produced, if the previous token was a label: only then is an operator word expected.
    private var precedingLabel: String?

    /// Prepares to tokenize `text`.
    internal init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Produces the next token, or `.end` once the text is used up.
    ///
    /// Throws for the lexical errors Calico's tokenizer reports: an unterminated string, a lone `=`, `&` or `|`,
    /// a malformed `has(…)`, `all(` or `global(` without `)`, a label over 512 characters, and anything after a
    /// label that is not an operator. A character that cannot start a token comes back as `.unexpected` so that
    /// the parser can say what it expected there.
    internal mutating func next() throws(SelectorParseError) -> SelectorToken {
        let token = try scan()
        precedingLabel = token.kind == .label ? token.text : nil
        return token
    }

    private mutating func scan() throws(SelectorParseError) -> SelectorToken {
        skipWhitespace()
        let start = position
        guard start < bytes.count else {
            return SelectorToken(.end, at: start)
        }
        switch bytes[start] {
        case ASCII.leftParenthesis:
            return single(.leftParenthesis)
        case ASCII.rightParenthesis:
            return single(.rightParenthesis)
        case ASCII.leftBrace:
            return single(.leftBrace)
        case ASCII.rightBrace:
            return single(.rightBrace)
        case ASCII.comma:
            return single(.comma)
        case ASCII.doubleQuote, ASCII.singleQuote:
            return try quotedString()
        case ASCII.equals:
            return try doubled(ASCII.equals, as: .equals, spelt: "==")
        case ASCII.ampersand:
            return try doubled(ASCII.ampersand, as: .and, spelt: "&&")
        case ASCII.bar:
            return try doubled(ASCII.bar, as: .or, spelt: "||")
        case ASCII.exclamation:
            if byte(at: start + 1) == ASCII.equals {
                position += 2
                return SelectorToken(.notEquals, at: start)
            }
            return single(.not)
        default:
            if let label = precedingLabel {
                return try operatorWord(after: label)
            }
            if let token = try call() {
                return token
            }
            if Self.isLabelByte(bytes[start]) {
                let label = try self.label()
                return SelectorToken(.label, at: start, text: label)
            }
            return SelectorToken(.unexpected, at: start)
        }
    }

    // MARK: Token shapes

    private mutating func single(_ kind: SelectorToken.Kind) -> SelectorToken {
        let token = SelectorToken(kind, at: position)
        position += 1
        return token
    }

    /// `==`, `&&` or `||`: the character must be doubled.
    private mutating func doubled(
        _ character: UInt8,
        as kind: SelectorToken.Kind,
        spelt spelling: String
    ) throws(SelectorParseError) -> SelectorToken {
        let start = position
        guard byte(at: start + 1) == character else {
            throw error(at: start, .doubledOperator(spelling))
        }
        position += 2
        return SelectorToken(kind, at: start)
    }

    /// A string in double or single quotes. It ends at the next quote of the same kind: no escapes.
    private mutating func quotedString() throws(SelectorParseError) -> SelectorToken {
        let start = position
        let quote = bytes[start]
        var end = start + 1
        while end < bytes.count, bytes[end] != quote {
            end += 1
        }
        guard end < bytes.count else {
            throw error(at: start, .closingQuote(Character(Unicode.Scalar(quote))))
        }
        position = end + 1
        let content = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        return SelectorToken(.string, at: start, text: content)
    }

    /// An operator word after `label`: anything else there is an error, as in Calico.
    private mutating func operatorWord(after label: String) throws(SelectorParseError) -> SelectorToken {
        let start = position
        let kind: SelectorToken.Kind
        if consumeWords(Words.contains) {
            kind = .contains
        } else if consumeWords(Words.starts, Words.with) {
            kind = .startsWith
        } else if consumeWords(Words.ends, Words.with) {
            kind = .endsWith
        } else if consumeWords(Words.not, Words.in) {
            kind = .notIn
        } else if consumeWords(Words.in) {
            kind = .isIn
        } else {
            throw error(at: start, .operatorAfterLabel(label))
        }
        return SelectorToken(kind, at: start)
    }

    /// `has(label)`, `all()` or `global()`, or nil (consuming nothing) when the text does not start with one of
    /// `has(`, `all(`, `global(`.
    private mutating func call() throws(SelectorParseError) -> SelectorToken? {
        let start = position
        if consume(Words.hasCall) {
            skipWhitespace()
            guard position < bytes.count, Self.isLabelByte(bytes[position]) else {
                throw error(at: position, .labelName)
            }
            let label = try self.label()
            try closeCall()
            return SelectorToken(.has, at: start, text: label)
        }
        if consume(Words.allCall) {
            try closeCall()
            return SelectorToken(.all, at: start)
        }
        if consume(Words.globalCall) {
            try closeCall()
            return SelectorToken(.global, at: start)
        }
        return nil
    }

    /// Whitespace, then the `)` that closes `has(…`, `all(` or `global(`.
    private mutating func closeCall() throws(SelectorParseError) {
        skipWhitespace()
        guard byte(at: position) == ASCII.rightParenthesis else {
            throw error(at: position, .closingCallParenthesis)
        }
        position += 1
    }

    /// A label: 1 to 512 characters of `[A-Za-z0-9_./-]`, starting at `position`.
    private mutating func label() throws(SelectorParseError) -> String {
        let start = position
        var end = start
        while end < bytes.count, Self.isLabelByte(bytes[end]) {
            end += 1
        }
        guard end - start <= Self.maxLabelLength else {
            throw error(at: start, .shorterLabel)
        }
        position = end
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: Scanning helpers

    private func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == ASCII.space || bytes[position] == ASCII.tab {
            position += 1
        }
    }

    /// Consumes `word` if the text continues with it.
    private mutating func consume(_ word: [UInt8]) -> Bool {
        guard hasWord(word, at: position) else { return false }
        position += word.count
        return true
    }

    /// Consumes the words, with optional whitespace between them, if they come next and the last is followed
    /// by a non-label character or the end. Consumes nothing otherwise. (Calico's `cutMultiWordPrefixCheckBreak`.)
    private mutating func consumeWords(_ words: [UInt8]...) -> Bool {
        var offset = position
        for (index, word) in words.enumerated() {
            if index > 0 {
                while offset < bytes.count, bytes[offset] == ASCII.space || bytes[offset] == ASCII.tab {
                    offset += 1
                }
            }
            guard hasWord(word, at: offset) else { return false }
            offset += word.count
        }
        if offset < bytes.count, Self.isLabelByte(bytes[offset]) {
            return false
        }
        position = offset
        return true
    }

    private func hasWord(_ word: [UInt8], at offset: Int) -> Bool {
        guard offset + word.count <= bytes.count else { return false }
        for index in 0..<word.count where bytes[offset + index] != word[index] {
            return false
        }
        return true
    }

    private func error(at offset: Int, _ expectation: SelectorExpectation) -> SelectorParseError {
        SelectorParseError(selector: text, byteOffset: offset, expected: expectation)
    }

    /// Whether `byte` may appear in a label: `[A-Za-z0-9_./-]`.
    internal static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// The punctuation bytes of the selector language.
    private enum ASCII {
        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let leftParenthesis = UInt8(ascii: "(")
        static let rightParenthesis = UInt8(ascii: ")")
        static let leftBrace = UInt8(ascii: "{")
        static let rightBrace = UInt8(ascii: "}")
        static let comma = UInt8(ascii: ",")
        static let doubleQuote = UInt8(ascii: "\"")
        static let singleQuote = UInt8(ascii: "'")
        static let equals = UInt8(ascii: "=")
        static let ampersand = UInt8(ascii: "&")
        static let bar = UInt8(ascii: "|")
        static let exclamation = UInt8(ascii: "!")
    }

    /// The keyword spellings, as bytes.
    private enum Words {
        static let contains = Array("contains".utf8)
        static let starts = Array("starts".utf8)
        static let ends = Array("ends".utf8)
        static let with = Array("with".utf8)
        static let not = Array("not".utf8)
        static let `in` = Array("in".utf8)
        static let hasCall = Array("has(".utf8)
        static let allCall = Array("all(".utf8)
        static let globalCall = Array("global(".utf8)
    }
}
