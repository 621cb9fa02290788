import Inventory
import Yams

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The console's own settings file, `$XDG_CONFIG_HOME/gatewatch/config.yaml` (by default
/// `~/.config/gatewatch/config.yaml`). `gatewatch.yaml` describes the environment (firewall
/// placements, internal networks) and travels with a bundle; how the console looks is a matter
/// of the user, so it lives here. Today it holds one key:
///
/// ```yaml
/// theme: light            # a theme name, or a theme file (relative to this file's directory)
/// ```
///
/// Other keys are ignored, so later versions can add settings.
public struct ConsoleConfigFile: Hashable, Sendable {
    /// The file's path.
    public var path: String
    /// The theme it names, already resolved against the file's directory when it is a relative
    /// file; nil when it names none.
    public var theme: String?

    /// Where the file is for `environment` (`XDG_CONFIG_HOME`, else `HOME`), nil when neither is set.
    public static func defaultPath(environment: [String: String]) -> String? {
        ConfigDirectory.resolve(explicit: nil, environment: environment).file("config.yaml")
    }

    /// Reads the file at `path`: nil when there is no such file; a `ThemeError` naming the file and
    /// line when it is malformed.
    public static func load(path: String) -> Result<ConsoleConfigFile, ThemeError>? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: [UInt8]
        switch InputFile.read(path, limit: InputLimits.maxConfigFileBytes) {
        case .success(let bytes): data = bytes
        case .failure(let problem): return .failure(ThemeError(file: path, message: problem.reason))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(ThemeError(file: path, message: "the console settings file is not UTF-8 text"))
        }
        return parse(text, path: path)
    }

    /// Parses the text of the file at `path`.
    public static func parse(_ text: String, path: String) -> Result<ConsoleConfigFile, ThemeError> {
        let root: Yams.Node?
        do {
            root = try YAMLInput.compose(text)
        } catch {
            return .failure(ThemeError(file: path, line: error.line, message: error.message))
        }
        guard let root else { return .success(ConsoleConfigFile(path: path, theme: nil)) }
        guard let mapping = root.mapping else {
            return .failure(ThemeError(file: path, line: root.mark?.line, message: "expected a mapping such as `theme: light`"))
        }
        var theme: String?
        for (key, value) in mapping where key.string == "theme" {
            guard let name = value.scalar?.string, !name.isEmpty else {
                return .failure(ThemeError(file: path, line: value.mark?.line,
                                           message: "`theme` must be a theme name or a theme file"))
            }
            theme = resolve(name, relativeTo: path)
        }
        return .success(ConsoleConfigFile(path: path, theme: theme))
    }

    /// A relative theme file is taken relative to the settings file's directory.
    private static func resolve(_ spec: String, relativeTo path: String) -> String {
        let isFile = spec.contains("/") || spec.hasSuffix(".yaml") || spec.hasSuffix(".yml")
        guard isFile, !spec.hasPrefix("/"), !spec.hasPrefix("~"), let slash = path.lastIndex(of: "/") else { return spec }
        return String(path[...slash]) + spec
    }
}
