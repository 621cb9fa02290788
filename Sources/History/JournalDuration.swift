#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A length of time for `record --retain` and the recorder's intervals: `0` (keep everything), or
/// one or more amounts with a unit `s`, `m`, `h`, `d` or `w` (`30d`, `12h`, `1d12h`), as the
/// relative times of `JournalTime` without their minus sign.
public enum JournalDuration {
    /// The duration `text` names.
    public static func parse(_ text: String) throws(JournalDurationError) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return .zero }
        guard !trimmed.isEmpty, !trimmed.hasPrefix("-"),
              let seconds = try? JournalTime.relativeSeconds(Substring(trimmed), original: text) else {
            throw JournalDurationError(text: text)
        }
        return .seconds(Int64(seconds))
    }

    /// `30d`, `12h`, `90m`, `45s` (the largest unit that divides it), `0` for zero.
    public static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        guard seconds > 0 else { return "0" }
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}

/// A duration that is neither `0` nor amounts with units.
public struct JournalDurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was given.
    public var text: String

    /// Creates the error for `text`.
    public init(text: String) {
        self.text = text
    }

    /// What was expected.
    public var description: String {
        "invalid duration '\(text)': expected 0 (keep everything) or amounts with a unit s, m, h, d or w (30d, 12h, 1d12h)"
    }
}
