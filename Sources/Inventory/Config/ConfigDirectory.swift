/// Gatewatch's configuration directory, resolved once and handed to whoever reads from it:
/// `--config DIR`, else `$XDG_CONFIG_HOME/gatewatch`, else `~/.config/gatewatch`. It is laid out
/// like a bundle (`gatewatch.yaml`, `firewall/`) and also holds the console's `config.yaml` and
/// `themes/`, so `--config DIR` moves all of them.
public struct ConfigDirectory: Hashable, Sendable {
    /// The directory, nil when neither `--config`, `XDG_CONFIG_HOME` nor `HOME` names one.
    public var path: String?
    /// True when `--config` named it (a missing or empty one is then worth saying).
    public var isExplicit: Bool

    /// A directory at `path`.
    public init(path: String?, isExplicit: Bool = false) {
        self.path = path
        self.isExplicit = isExplicit
    }

    /// Resolves `explicit` (`--config DIR`), else the XDG default for `environment`.
    public static func resolve(explicit: String?, environment: [String: String]) -> ConfigDirectory {
        if let explicit, !explicit.isEmpty { return ConfigDirectory(path: explicit, isExplicit: true) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return ConfigDirectory(path: xdg + "/gatewatch") }
        if let home = environment["HOME"], !home.isEmpty { return ConfigDirectory(path: home + "/.config/gatewatch") }
        return ConfigDirectory(path: nil)
    }

    /// The path of `name` inside the directory, nil when there is no directory.
    public func file(_ name: String) -> String? {
        path.map { $0 + "/" + name }
    }
}
