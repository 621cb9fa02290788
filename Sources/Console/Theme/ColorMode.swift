/// How many colours the console may use.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
    /// No colours: attributes only (monochrome terminals, `NO_COLOR`, the monochrome theme).
    case monochrome
    /// The eight ANSI colours.
    case eight
    /// Sixteen colours (ANSI plus bright).
    case sixteen
    /// The xterm 256-colour palette.
    case full256 = "256"

    /// The mode for a terminal reporting `colors` colours.
    public init(colors: Int) {
        switch colors {
        case 256...: self = .full256
        case 16...: self = .sixteen
        case 8...: self = .eight
        default: self = .monochrome
        }
    }

    /// The number of colours.
    public var colorCount: Int {
        switch self {
        case .monochrome: return 0
        case .eight: return 8
        case .sixteen: return 16
        case .full256: return 256
        }
    }
}
