/// The bounds on every input Gatewatch reads, in one place (README "Resource limits" lists them).
/// An input over a bound is refused with a located message naming the bound; nothing is read
/// until memory runs out.
public enum InputLimits {
    /// The largest bundle file (`cluster/*.json` of a 100,000-pod snapshot is about 150 MB).
    public static let maxBundleFileBytes = 512 << 20
    /// The largest small configuration file: gatewatch.yaml, the settings file, a theme, a
    /// kubeconfig, an AWS shared config or credentials file, a what-if policy file.
    public static let maxConfigFileBytes = 16 << 20
    /// The largest firewall running-config or `show access-list` capture read from a file.
    public static let maxFirewallConfigBytes = 64 << 20
    /// The largest YAML text parsed at once (a bundle file may be YAML; larger ones should be JSON).
    public static let maxYAMLTextBytes = 256 << 20
    /// The deepest YAML nesting: libyaml's own bound, reported as a located error.
    public static let maxYAMLNesting = 1000
    /// The nodes a YAML document may hold with its aliases expanded: a fixed allowance plus two
    /// per byte of text (a document without aliases has at most one node per byte), so anchors and
    /// merge keys work and an alias flood ("billion laughs") stops after a bounded walk.
    public static func yamlExpansion(forBytes bytes: Int) -> Int { yamlExpansionAllowance + 2 * bytes }
    /// The fixed part of `yamlExpansion(forBytes:)`.
    public static let yamlExpansionAllowance = 100_000
}
