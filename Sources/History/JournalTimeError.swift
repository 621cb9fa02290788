/// A `TIME` that is neither an ISO-8601 time nor a relative one.
public struct JournalTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was given.
    public var text: String

    /// Creates the error for `text`.
    public init(text: String) {
        self.text = text
    }

    /// What was expected.
    public var description: String {
        "invalid time '\(text)': expected ISO-8601 (2026-11-25T14:00:00Z) or relative to now (-30m, -2h, -1d, -1h30m)"
    }
}
