import Firewall

/// A problem the parser found in a placed firewall's running-config: which firewall, which file,
/// and the located diagnostic. `check` reports these (code `firewall-config`) and `--strict`
/// refuses a bundle with errors among them.
public struct FirewallDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The firewall's name from `gatewatch.yaml`.
    public var firewall: String
    /// The config file, relative to the bundle (as `gatewatch.yaml` names it).
    public var path: String
    /// The parser's diagnostic (line, severity, what was expected).
    public var diagnostic: ConfigDiagnostic

    /// Creates a diagnostic.
    public init(firewall: String, path: String, diagnostic: ConfigDiagnostic) {
        self.firewall = firewall
        self.path = path
        self.diagnostic = diagnostic
    }

    /// `PATH:LINE` where the problem is.
    public var location: String { "\(path):\(diagnostic.line)" }

    /// True when the line could not be used: verdicts may differ from the device's.
    public var isError: Bool { diagnostic.severity == .error }

    /// `firewall/ftd-egress.cfg:12: error: expected …`, as the bundle loader writes its problems.
    public var description: String {
        "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}
