/// Text attributes a theme may ask for.
public struct ThemeAttributes: OptionSet, Hashable, Sendable {
    /// The bit set.
    public let rawValue: UInt8

    /// Creates attributes from bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (often also brighter).
    public static let bold = ThemeAttributes(rawValue: 1 << 0)
    /// Underlined.
    public static let underline = ThemeAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = ThemeAttributes(rawValue: 1 << 2)
    /// Dimmed.
    public static let dim = ThemeAttributes(rawValue: 1 << 3)

    /// The names used in theme files, with their attribute.
    internal static let named: [(String, ThemeAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
    ]
}
