/// The moment a packet is classified at, for `time-range` evaluation (`--at`).
///
/// An ISO-8601 time with `Z` or an offset is an absolute instant, converted to the firewall's
/// clock with its `clock timezone` offset. One without a zone is read as the firewall's own
/// wall-clock time.
public enum EvaluationTime: Hashable, Sendable, CustomStringConvertible {
    /// An absolute instant: seconds since 1970-01-01T00:00:00Z.
    case instant(Int64)
    /// A wall-clock time on the firewall's clock.
    case deviceLocal(LocalDateTime)

    /// Why a time did not parse.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text given.
        public let text: String
        /// What was expected.
        public let expected: String

        /// `bad time 'X': expected Y`.
        public var description: String { "bad time '\(text)': expected \(expected)" }
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]` (a space may replace `T`).
    public static func parseISO8601(_ text: String) throws(ParseError) -> EvaluationTime {
        let expected = "an ISO-8601 time such as 2026-11-25T14:00:00Z"
        let chars = Array(text.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= chars.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = chars[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < chars.count, chars[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2)
        else { throw ParseError(text: text, expected: expected) }
        guard i < chars.count, chars[i] == 84 || chars[i] == 116 || chars[i] == 32 else {
            throw ParseError(text: text, expected: expected)
        }
        i += 1
        guard let hour = number(2), expect(58), let minute = number(2) else {
            throw ParseError(text: text, expected: expected)
        }
        var second = 0
        if expect(58) {
            guard let s = number(2) else { throw ParseError(text: text, expected: expected) }
            second = s
            if expect(46) || expect(44) {
                while i < chars.count, chars[i] >= 48 && chars[i] <= 57 { i += 1 }
            }
        }
        guard let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute,
                                        second: second)
        else { throw ParseError(text: text, expected: "a valid calendar date and time in '\(text)'") }
        if i == chars.count { return .deviceLocal(local) }
        var offsetSeconds = 0
        if chars[i] == 90 || chars[i] == 122 {
            i += 1
        } else if chars[i] == 43 || chars[i] == 45 {
            let sign = chars[i] == 45 ? -1 : 1
            i += 1
            guard let hours = number(2) else { throw ParseError(text: text, expected: expected) }
            var minutes = 0
            if expect(58) {
                guard let m = number(2) else { throw ParseError(text: text, expected: expected) }
                minutes = m
            } else if i < chars.count {
                guard let m = number(2) else { throw ParseError(text: text, expected: expected) }
                minutes = m
            }
            guard hours <= 23, minutes <= 59 else { throw ParseError(text: text, expected: expected) }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        guard i == chars.count else { throw ParseError(text: text, expected: expected) }
        return .instant(local.secondsSinceEpoch - Int64(offsetSeconds))
    }

    /// The firewall's wall-clock time at this moment, given its UTC offset in minutes.
    public func localTime(utcOffsetMinutes: Int) -> LocalDateTime {
        switch self {
        case .instant(let seconds): return LocalDateTime(secondsSinceEpoch: seconds + Int64(utcOffsetMinutes) * 60)
        case .deviceLocal(let local): return local
        }
    }

    /// The instant as ISO-8601 UTC, or the local time with `(device clock)`.
    public var description: String {
        switch self {
        case .instant(let seconds):
            let t = LocalDateTime(secondsSinceEpoch: seconds).description
            return String(t.map { $0 == " " ? "T" : $0 }) + "Z"
        case .deviceLocal(let local): return "\(local) (device clock)"
        }
    }
}
