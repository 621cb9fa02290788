/// How one UI role looks: colours and attributes, and the attributes to use instead of colours
/// on monochrome terminals or with `NO_COLOR`.
public struct ThemeStyle: Hashable, Sendable {
    /// Foreground colour.
    public var foreground: ThemeColor
    /// Background colour.
    public var background: ThemeColor
    /// Attributes used with colours.
    public var attributes: ThemeAttributes
    /// Attributes used without colours.
    public var monochrome: ThemeAttributes

    /// Creates a style.
    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: ThemeAttributes = [], monochrome: ThemeAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monochrome = monochrome
    }
}
