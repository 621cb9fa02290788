#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory

/// How the console looks and behaves; everything has a sensible default.
public struct ConsoleOptions: Sendable {
    /// A theme name or file (`--theme`); nil means `GATEWATCH_THEME`, else the `theme:` of
    /// `$XDG_CONFIG_HOME/gatewatch/config.yaml`, else the default theme.
    public var theme: String?
    /// True to draw ASCII only, false for Unicode; nil decides from the locale's character set.
    public var asciiOnly: Bool?
    /// The colours to use; nil decides from the terminal and `NO_COLOR`.
    public var colors: ColorMode?
    /// True to ask the terminal for mouse events.
    public var mouse: Bool
    /// The view shown first.
    public var initialView: ViewID
    /// The sources' health at start (STALE in the header when a source failed).
    public var sourceStatus: SourceHealth
    /// The environment to read `GATEWATCH_THEME`, `NO_COLOR` and theme directories from; nil for
    /// the process's.
    public var environment: [String: String]?
    /// Where `config.yaml` and `themes/` are (`--config DIR`); nil for the XDG default.
    public var configDirectory: ConfigDirectory?
    /// The history journal (recording, `:at`, the Whois timeline, earlier events); nil for none.
    public var journal: ConsoleJournal? = nil
    /// The past moment the content shows (`console --at TIME`): the console opens read-only on
    /// it, its header saying so as after `:at`; nil for the present.
    public var pastMoment: Date? = nil

    /// Creates options.
    public init(theme: String? = nil, asciiOnly: Bool? = nil, colors: ColorMode? = nil, mouse: Bool = true,
                initialView: ViewID = .gateways, sourceStatus: SourceHealth = .ok, environment: [String: String]? = nil,
                configDirectory: ConfigDirectory? = nil) {
        self.configDirectory = configDirectory
        self.theme = theme
        self.asciiOnly = asciiOnly
        self.colors = colors
        self.mouse = mouse
        self.initialView = initialView
        self.sourceStatus = sourceStatus
        self.environment = environment
    }
}
