#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory

/// The `TIME` of `--at TIME` and `journal import --at TIME`: an ISO-8601 time
/// (`2026-11-25T14:00:00Z`, with optional fractional seconds and an offset) or a time relative to
/// now: a minus sign and one or more amounts with a unit `s`, `m`, `h`, `d` or `w` (`-2h`, `-1d`,
/// `-30m`, `-1h30m`), or `now`. The journal keeps times in whole milliseconds (UTC).
public enum JournalTime {
    /// The time `text` names, relative times counted back from `now`.
    public static func parse(_ text: String, now: Date) throws(JournalTimeError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "now" { return now }
        if trimmed.hasPrefix("-") {
            return now.addingTimeInterval(-(try relativeSeconds(trimmed.dropFirst(), original: text)))
        }
        guard trimmed.count >= 19, let seconds = Timestamp.secondsSince1970(trimmed) else {
            throw JournalTimeError(text: text)
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2026-11-25T14:00:00Z`, or with milliseconds (`…:00.250Z`) when the time has them.
    public static func format(_ date: Date) -> String {
        format(milliseconds: milliseconds(date))
    }

    /// Whole milliseconds since 1970 (rounded down).
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date of `milliseconds` since 1970.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `format(_:)` of milliseconds since 1970.
    static func format(milliseconds: Int64) -> String {
        let wholeSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = milliseconds - wholeSeconds * 1000
        let c = Timestamp.utcComponents(secondsSince1970: Double(wholeSeconds))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 3 - digits.count) + digits
        }
        return text + "Z"
    }

    static func relativeSeconds(_ text: Substring, original: String) throws(JournalTimeError) -> Double {
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let amount = Double(number), !number.isEmpty else { throw JournalTimeError(text: original) }
            let unit: Double
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: throw JournalTimeError(text: original)
            }
            total += amount * unit
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { throw JournalTimeError(text: original) }
        return total
    }
}
