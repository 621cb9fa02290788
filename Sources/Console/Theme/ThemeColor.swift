/// A colour in a theme: the terminal's default, or an index of the xterm 256-colour palette
/// (0–7 the standard colours, 8–15 their bright forms, 16–231 the colour cube, 232–255 greys).
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// A palette index.
    case index(UInt8)

    /// The names theme files may use for the first sixteen colours.
    internal static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Parses `default`, a colour name (`red`, `bright-blue`, `gray`), a palette index `0`–`255`
    /// or `#rrggbb` (mapped to the nearest palette colour).
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "default" || lowered == "none" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: lowered) {
            self = .index(UInt8(index))
        } else if lowered == "gray" || lowered == "grey" {
            self = .index(8)
        } else if let value = Int(lowered), (0...255).contains(value) {
            self = .index(UInt8(value))
        } else if lowered.hasPrefix("#"), lowered.count == 7, let rgb = Int(lowered.dropFirst(), radix: 16) {
            self = .index(Self.nearestIndex(red: (rgb >> 16) & 0xFF, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF,
                                            among: 16..<256))
        } else {
            return nil
        }
    }

    /// `default`, a colour name, or the palette index.
    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let index): return index < 16 ? Self.names[Int(index)] : String(index)
        }
    }

    /// The colour number to give ncurses on a terminal with `colors` colours (8, 16, 256…):
    /// -1 for the default, else the nearest colour the terminal has.
    internal func terminalNumber(colors: Int) -> Int16 {
        guard case .index(let index) = self else { return -1 }
        let value = Int(index)
        if value < colors { return Int16(value) }
        let rgb = Self.rgb(of: value)
        let limit = colors >= 16 ? 16 : 8
        return Int16(Self.nearestIndex(red: rgb.0, green: rgb.1, blue: rgb.2, among: 0..<limit))
    }

    /// The xterm palette's RGB for `index`.
    internal static func rgb(of index: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return base[index] }
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    internal static func nearestIndex(red: Int, green: Int, blue: Int, among candidates: Range<Int>) -> UInt8 {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for candidate in candidates {
            let rgb = rgb(of: candidate)
            let distance = (rgb.0 - red) * (rgb.0 - red) + (rgb.1 - green) * (rgb.1 - green)
                + (rgb.2 - blue) * (rgb.2 - blue)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return UInt8(best)
    }
}
