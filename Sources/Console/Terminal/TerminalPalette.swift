import CNCurses

/// Theme roles turned into ncurses attributes and colour pairs for one terminal: pair `n + 1`
/// belongs to the role with raw value `n`.
internal struct TerminalPalette {
    /// Attributes (colour pair included) per role.
    private(set) var attributes: [attr_t]
    /// Pair numbers per role (0 without colours).
    private(set) var pairs: [Int16]

    /// Sets up pairs for `theme` in `mode`; without colours, the roles' monochrome attributes.
    internal init(theme: Theme, mode: ColorMode, defaultColors: Bool) {
        attributes = []
        pairs = []
        for role in ThemeRole.allCases {
            let style = theme[role]
            guard mode != .monochrome else {
                attributes.append(Self.curses(style.monochrome))
                pairs.append(0)
                continue
            }
            let pair = Int16(role.rawValue) + 1
            var foreground = style.foreground.terminalNumber(colors: mode.colorCount)
            var background = style.background.terminalNumber(colors: mode.colorCount)
            if !defaultColors {
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            init_pair(pair, foreground, background)
            attributes.append(Self.curses(style.attributes))
            pairs.append(pair)
        }
    }

    private static func curses(_ attributes: ThemeAttributes) -> attr_t {
        var value = gw_a_normal()
        if attributes.contains(.bold) { value |= gw_a_bold() }
        if attributes.contains(.underline) { value |= gw_a_underline() }
        if attributes.contains(.reverse) { value |= gw_a_reverse() }
        if attributes.contains(.dim) { value |= gw_a_dim() }
        return value
    }
}
