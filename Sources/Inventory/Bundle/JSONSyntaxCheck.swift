/// Finds where a text stops being JSON (RFC 8259), for a diagnostic's line: Foundation's decoder
/// on Linux says only that the data is not valid JSON.
struct JSONSyntaxCheck {
    /// The first syntax problem: its 1-based line and what was expected there.
    struct Problem: Equatable {
        var line: Int
        var expected: String
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The first problem in `bytes`, nil when they are one JSON value (with surrounding whitespace).
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var check = JSONSyntaxCheck(bytes)
        if let expected = check.value() ?? check.end() {
            let line = 1 + check.bytes[..<min(check.index, check.bytes.count)].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            return Problem(line: line, expected: expected)
        }
        return nil
    }

    private mutating func end() -> String? {
        skipSpace()
        return index == bytes.count ? nil : "the end of the document"
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Parses one value; returns what was expected where it failed.
    private mutating func value(depth: Int = 0) -> String? {
        skipSpace()
        guard index < bytes.count, depth < 512 else { return "a value" }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return nil }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return "a \"quoted\" key" }
                if let problem = string() { return problem }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return "':'" }
                index += 1
                if let problem = value(depth: depth + 1) { return problem }
                skipSpace()
                guard index < bytes.count else { return "',' or '}'" }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return nil }
                guard bytes[index] == UInt8(ascii: ",") else { return "',' or '}'" }
                index += 1
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return nil }
            while true {
                if let problem = value(depth: depth + 1) { return problem }
                skipSpace()
                guard index < bytes.count else { return "',' or ']'" }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return nil }
                guard bytes[index] == UInt8(ascii: ",") else { return "',' or ']'" }
                index += 1
            }
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
            return index > start ? nil : "a number"
        default:
            return "a value (a \"double-quoted\" string, number, object, list, true, false or null)"
        }
    }

    private mutating func string() -> String? {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return nil
            case UInt8(ascii: "\\"):
                index += 2
            case 0..<0x20:
                return "a closing '\"'"
            default:
                index += 1
            }
        }
        return "a closing '\"'"
    }

    private mutating func literal(_ word: String) -> String? {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            return word
        }
        index += expected.count
        return nil
    }
}
