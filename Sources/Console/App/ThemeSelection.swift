/// Which theme the console starts with: `--theme NAME|FILE`, else `GATEWATCH_THEME`, else the
/// settings file's `theme:`, else the built-in default.
public enum ThemeSelection {
    /// The theme spec to use and, when the settings file could not be read, why (the default
    /// theme is then used unless the option or the environment named one).
    public static func spec(option: String?, environment: [String: String],
                            configPath: String? = nil) -> (spec: String?, problem: ThemeError?) {
        if let option, !option.isEmpty { return (option, nil) }
        if let variable = environment["GATEWATCH_THEME"], !variable.isEmpty { return (variable, nil) }
        guard let path = configPath ?? ConsoleConfigFile.defaultPath(environment: environment),
              let loaded = ConsoleConfigFile.load(path: path) else { return (nil, nil) }
        switch loaded {
        case .success(let file): return (file.theme, nil)
        case .failure(let problem): return (nil, problem)
        }
    }
}
