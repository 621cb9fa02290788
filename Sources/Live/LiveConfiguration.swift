#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory

/// What live mode reads from the configuration directory: `gatewatch.yaml` (firewall placements,
/// internal networks) and the firewall running-configs under `firewall/`, laid out as in a bundle.
public struct LiveConfiguration: Sendable {
    /// The directory it was read from.
    public var directory: ConfigDirectory
    /// `gatewatch.yaml`.
    public var config = GatewatchConfig()
    /// The firewall configs under `firewall/`.
    public var firewallConfigs: [FirewallConfigFile] = []
    /// Problems with the files, `DIR/file:line: …`, for stderr.
    public var diagnostics: [String] = []

    /// Nothing configured.
    public init(directory: ConfigDirectory = ConfigDirectory(path: nil)) {
        self.directory = directory
    }

    /// Reads `directory`. A directory `--config` named that holds neither file is a diagnostic;
    /// the XDG default may be absent.
    public static func load(_ directory: ConfigDirectory) -> LiveConfiguration {
        var result = LiveConfiguration(directory: directory)
        guard let path = directory.path else { return result }
        let manager = FileManager.default
        var files: [BundleFile] = []
        for name in ["gatewatch.yaml", "gatewatch.yml"] {
            switch InputFile.read(path + "/" + name, limit: InputLimits.maxConfigFileBytes) {
            case .success(let data): files.append(BundleFile(path: name, contents: data))
            case .failure(let problem) where manager.fileExists(atPath: path + "/" + name):
                result.diagnostics.append(problem.description)
            case .failure: continue
            }
        }
        if let names = try? manager.contentsOfDirectory(atPath: path + "/firewall") {
            for name in names.sorted() {
                switch InputFile.read(path + "/firewall/" + name, limit: InputLimits.maxFirewallConfigBytes) {
                case .success(let data): files.append(BundleFile(path: "firewall/" + name, contents: data))
                case .failure(let problem): result.diagnostics.append(problem.description)
                }
            }
        }
        if directory.isExplicit && files.isEmpty {
            result.diagnostics.append("\(path): no gatewatch.yaml or firewall/ here")
            return result
        }
        let loaded = BundleLoader.load(files: files, source: .bundle(path: path))
        result.config = loaded.snapshot.config
        result.firewallConfigs = loaded.snapshot.firewallConfigs
        result.diagnostics += loaded.diagnostics.map { "\(path)/\($0.description)" }
        return result
    }
}
