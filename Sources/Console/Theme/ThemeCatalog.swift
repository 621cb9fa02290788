import Inventory

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds themes by name or file: `--theme NAME|FILE`, `GATEWATCH_THEME` and `:theme NAME`.
///
/// A value with a `/` or ending in `.yaml`/`.yml` is a file. A name is looked up as `NAME.yaml` in
/// the search directories (`GATEWATCH_THEME_DIR`, then `$XDG_CONFIG_HOME/gatewatch/themes` or
/// `~/.config/gatewatch/themes`), then among the built-in themes (`default`, `light`,
/// `high-contrast`, `monochrome`). Whatever goes wrong, the result is a usable theme (the default)
/// and a problem that names the file and line.
public struct ThemeCatalog: Sendable {
    /// Where `NAME.yaml` files are looked for, in order.
    public var searchDirectories: [String]

    /// A catalog over `searchDirectories`.
    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// The catalog the environment describes (see the type's documentation); `configDirectory`
    /// (`--config DIR`) replaces the XDG default for `themes/`.
    public static func fromEnvironment(_ environment: [String: String],
                                       configDirectory: ConfigDirectory? = nil) -> ThemeCatalog {
        var directories: [String] = []
        if let dir = environment["GATEWATCH_THEME_DIR"], !dir.isEmpty {
            directories += dir.split(separator: ":").map(String.init)
        }
        let configuration = configDirectory ?? ConfigDirectory.resolve(explicit: nil, environment: environment)
        if let themes = configuration.file("themes") { directories.append(themes) }
        return ThemeCatalog(searchDirectories: directories)
    }

    /// The built-in theme names.
    public static var builtinNames: [String] { BuiltinThemes.all.map(\.name) }

    /// Every theme name `:theme` can complete: built-ins, then files in the search directories.
    public func availableNames() -> [String] {
        var names = Self.builtinNames
        for directory in searchDirectories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries.sorted() where entry.hasSuffix(".yaml") {
                let name = String(entry.dropLast(5))
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The theme `spec` names (the default for nil or empty), or the default with the problem.
    public func resolve(_ spec: String?) -> (theme: Theme, problem: ThemeError?) {
        switch load(spec) {
        case .success(let theme): return (theme, nil)
        case .failure(let problem): return (.default, problem)
        }
    }

    /// The theme `spec` names, or why it cannot be used.
    public func load(_ spec: String?) -> Result<Theme, ThemeError> {
        guard let spec, !spec.isEmpty else { return .success(.default) }
        if spec.contains("/") || spec.hasSuffix(".yaml") || spec.hasSuffix(".yml") {
            return loadFile(spec)
        }
        for directory in searchDirectories {
            let path = directory + "/" + spec + ".yaml"
            if FileManager.default.fileExists(atPath: path) { return loadFile(path) }
        }
        if let builtin = BuiltinThemes.all.first(where: { $0.name == spec }) {
            if builtin.name == "default" { return .success(.default) }
            return ThemeParser.parse(builtin.text, file: "<built-in \(builtin.name)>", base: .default)
        }
        return .failure(ThemeError(file: spec, message: "no such theme; available: "
                                    + availableNames().joined(separator: ", ")))
    }

    /// Reads and parses a theme file.
    public func loadFile(_ path: String) -> Result<Theme, ThemeError> {
        let data: [UInt8]
        switch InputFile.read(path, limit: InputLimits.maxConfigFileBytes) {
        case .success(let bytes): data = bytes
        case .failure(let problem) where FileManager.default.fileExists(atPath: path):
            return .failure(ThemeError(file: path, message: "cannot read the theme file: \(problem.reason)"))
        case .failure: return .failure(ThemeError(file: path, message: "cannot read the theme file"))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(ThemeError(file: path, message: "the theme file is not UTF-8 text"))
        }
        return ThemeParser.parse(text, file: path, base: .default)
    }
}
