/// Whitespace-separated words of one config line, read left to right, keeping their positions so
/// free text (remarks, descriptions) can be taken verbatim from the rest of the line.
internal struct TokenCursor {
    /// The line (without its trailing newline).
    internal let line: Substring
    /// The words as slices of `line`.
    internal let tokens: [Substring]
    /// The next word to read.
    private(set) var index = 0

    internal init(_ line: Substring) {
        self.line = line
        var tokens: [Substring] = []
        var start: Substring.Index?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == " " || c == "\t" || c == "\r" {
                if let s = start { tokens.append(line[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            i = line.index(after: i)
        }
        if let s = start { tokens.append(line[s..<line.endIndex]) }
        self.tokens = tokens
    }

    /// True when every word has been read.
    internal var isAtEnd: Bool { index >= tokens.count }

    /// The next word, not consumed.
    internal var peek: String? { index < tokens.count ? String(tokens[index]) : nil }

    /// The next word lowercased (keywords are case-insensitive), not consumed.
    internal var peekKeyword: String? { peek?.lowercased() }

    /// The word after the next one, lowercased.
    internal var peekSecondKeyword: String? { index + 1 < tokens.count ? String(tokens[index + 1]).lowercased() : nil }

    /// Consumes and returns the next word.
    internal mutating func next() -> String? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return String(tokens[index])
    }

    /// Consumes the next word when it is `keyword` (case-insensitive).
    internal mutating func accept(_ keyword: String) -> Bool {
        guard peekKeyword == keyword else { return false }
        index += 1
        return true
    }

    /// The rest of the line from the next word on, verbatim (trailing blanks removed), and
    /// consumes it all.
    internal mutating func rest() -> String {
        guard index < tokens.count else { return "" }
        let text = line[tokens[index].startIndex...]
        index = tokens.count
        var end = text.endIndex
        while end > text.startIndex, let last = text[..<end].last, last == " " || last == "\t" || last == "\r" {
            end = text.index(before: end)
        }
        return String(text[..<end])
    }

    /// The words read so far and the rest, joined with single spaces.
    internal var normalized: String { tokens.joined(separator: " ") }
}

/// A parse failure inside one line: what was expected. The caller adds the line number.
internal struct LineFailure: Error {
    internal let problem: ConfigDiagnostic.Problem

    internal static func expected(_ what: String, found: String?) -> LineFailure {
        LineFailure(problem: .expected(what, found: found))
    }
}
