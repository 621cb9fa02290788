import Foundation
import Inventory

/// The settings live mode reads from disk: `gatewatch.yaml` (firewall placements, internal
/// networks) and the firewall running-configs under `firewall/`, laid out as in a bundle, in
/// `--config DIR` or else `$XDG_CONFIG_HOME/gatewatch` (`~/.config/gatewatch`).
struct LiveConfiguration: Sendable {
    var config = GatewatchConfig()
    var firewallConfigs: [FirewallConfigFile] = []
    /// Problems with the files, `file:line: …`, for stderr.
    var diagnostics: [String] = []

    static func load(directory explicit: String?, environment: [String: String]) -> LiveConfiguration {
        let directory: String
        if let explicit {
            directory = explicit
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directory = xdg + "/gatewatch"
        } else if let home = environment["HOME"], !home.isEmpty {
            directory = home + "/.config/gatewatch"
        } else {
            return LiveConfiguration()
        }
        let manager = FileManager.default
        var files: [BundleFile] = []
        for name in ["gatewatch.yaml", "gatewatch.yml"] {
            if let data = manager.contents(atPath: directory + "/" + name) {
                files.append(BundleFile(path: name, contents: [UInt8](data)))
            }
        }
        if let names = try? manager.contentsOfDirectory(atPath: directory + "/firewall") {
            for name in names.sorted() {
                if let data = manager.contents(atPath: directory + "/firewall/" + name) {
                    files.append(BundleFile(path: "firewall/" + name, contents: [UInt8](data)))
                }
            }
        }
        var result = LiveConfiguration()
        if explicit != nil && files.isEmpty {
            result.diagnostics.append("\(directory): no gatewatch.yaml or firewall/ here")
            return result
        }
        let loaded = BundleLoader.load(files: files, source: .bundle(path: directory))
        result.config = loaded.snapshot.config
        result.firewallConfigs = loaded.snapshot.firewallConfigs
        result.diagnostics = loaded.diagnostics.map { "\(directory)/\($0.description)" }
        return result
    }
}
