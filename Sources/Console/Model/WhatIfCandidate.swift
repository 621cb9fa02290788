import Inventory

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A candidate change the Trace view compares against side by side (`:whatif policy FILE`,
/// `:whatif firewall [NAME=]FILE`): policies replacing those of the same name, or a firewall's
/// running-config replaced, applied to whatever Snapshot is current (as `gatewatch whatif` does).
internal struct WhatIfCandidate: Hashable, Sendable {
    /// One change.
    internal enum Change: Hashable, Sendable {
        /// Policies replacing the policies of the same name (added when new).
        case policies([EgressGatewayPolicy])
        /// The firewall configuration file at `path` replaced by `text`.
        case firewall(path: String, text: String)
    }

    /// What the candidate is, for titles: `policy FILE`, `firewall NAME=FILE`.
    internal var label: String
    /// The changes.
    internal var change: Change

    /// `snapshot` with the change applied.
    internal func apply(to snapshot: Snapshot) -> Snapshot {
        switch change {
        case .policies(let policies): return snapshot.replacing(policies: policies)
        case .firewall(let path, let text): return snapshot.replacing(firewallConfig: path, text: text)
        }
    }

    /// Loads `policy FILE` or `firewall [NAME=]FILE` against `snapshot`'s firewall placements.
    internal static func load(kind: String, argument: String, snapshot: Snapshot) -> Result<WhatIfCandidate, WhatIfLoadError> {
        switch kind {
        case "policy", "policies":
            guard let bytes = read(argument) else { return .failure(WhatIfLoadError("cannot read \(argument)")) }
            let (cluster, diagnostics) = BundleLoader.loadClusterObjects(BundleFile(path: argument, contents: bytes))
            if let error = diagnostics.first(where: { $0.severity == .error }) {
                return .failure(WhatIfLoadError(error.description))
            }
            guard !cluster.policies.isEmpty else {
                return .failure(WhatIfLoadError("\(argument): no EgressGatewayPolicy in the file"))
            }
            return .success(WhatIfCandidate(label: "policy \(argument)", change: .policies(cluster.policies)))
        case "firewall", "fw":
            let firewalls = snapshot.config.firewalls
            var file = argument
            var placement = firewalls.count == 1 ? firewalls.first : nil
            if let equals = argument.firstIndex(of: "="),
               let named = firewalls.first(where: { $0.name == argument[..<equals] }) {
                placement = named
                file = String(argument[argument.index(after: equals)...])
            }
            guard let placement else {
                let names = firewalls.map(\.name).joined(separator: ", ")
                return .failure(WhatIfLoadError("say which firewall as NAME=FILE (placed: \(names.isEmpty ? "none" : names))"))
            }
            guard let bytes = read(file) else { return .failure(WhatIfLoadError("cannot read \(file)")) }
            return .success(WhatIfCandidate(label: "firewall \(placement.name)=\(file)",
                                            change: .firewall(path: placement.config, text: String(decoding: bytes, as: UTF8.self))))
        default:
            return .failure(WhatIfLoadError("expected `policy FILE`, `firewall [NAME=]FILE` or `off`, got '\(kind)'"))
        }
    }

    private static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
