/// A colour scheme: a style for every `ThemeRole`.
public struct Theme: Hashable, Sendable {
    /// The theme's name (`default`, `light`, `high-contrast`, `monochrome`, or a file's `name:`).
    public var name: String
    /// One line about it.
    public var summary: String
    /// Styles indexed by `ThemeRole.rawValue`.
    private var styles: [ThemeStyle]

    /// Creates a theme; roles not in `styles` take the built-in default theme's style.
    public init(name: String, summary: String = "", styles: [ThemeRole: ThemeStyle]) {
        self.name = name
        self.summary = summary
        self.styles = ThemeRole.allCases.map { role in
            styles[role] ?? Theme.fallbackStyle(for: role)
        }
    }

    /// The style of `role`.
    public subscript(role: ThemeRole) -> ThemeStyle {
        get { styles[Int(role.rawValue)] }
        set { styles[Int(role.rawValue)] = newValue }
    }

    /// The default dark theme, built into the binary so a copied binary works alone.
    public static let `default`: Theme = {
        switch ThemeParser.parse(BuiltinThemes.defaultDark, file: "<built-in default>") {
        case .success(let theme): return theme
        case .failure(let error): fatalError("the built-in default theme does not parse: \(error)")
        }
    }()

    /// The style a role has when a theme does not name it: the default theme's, and before that
    /// exists (while parsing it), plain text with a sensible monochrome attribute.
    internal static func fallbackStyle(for role: ThemeRole) -> ThemeStyle {
        ThemeStyle(monochrome: defaultMonochrome(for: role))
    }

    /// The attributes a role gets without colours when its theme does not say.
    internal static func defaultMonochrome(for role: ThemeRole) -> ThemeAttributes {
        switch role {
        case .header, .selection, .tabActive, .completionSelected, .stale, .pastState: return .reverse
        case .tableHeader, .title, .group, .overlayKey, .footerKey, .prompt: return .bold
        case .tableHeaderSorted: return [.bold, .underline]
        case .link: return .underline
        case .error, .warn, .idle, .gaugeCritical, .messageError, .phaseDeny, .phaseDrop, .severityError: return .bold
        case .muted, .gaugeEmpty: return .dim
        default: return []
        }
    }
}
