/// Names a top-level view of the console. A struct rather than an enum so views can be added
/// (Trace, Whois, Findings, Events) by adding a descriptor to `ViewCatalog`, without touching
/// every switch.
public struct ViewID: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The view's stable name (`gateways`, `pools`…).
    public let rawValue: String

    /// Creates a view id.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Egress gateway pods, grouped by deployment.
    public static let gateways = ViewID(rawValue: "gateways")
    /// IP pools and their subnets.
    public static let pools = ViewID(rawValue: "pools")
    /// Elastic IPs and their bindings.
    public static let elasticIPs = ViewID(rawValue: "eips")
    /// Egress gateway policies and their rules.
    public static let policies = ViewID(rawValue: "policies")
    /// The packet tracer: a form and the phases of the result.
    public static let trace = ViewID(rawValue: "trace")
    /// Reverse lookup of an address or an ASA syslog line.
    public static let whois = ViewID(rawValue: "whois")
    /// The `check` findings, by severity.
    public static let findings = ViewID(rawValue: "findings")
    /// What changed between Snapshots and in the sources' health.
    public static let events = ViewID(rawValue: "events")
    /// Every access-control entry of the placed firewalls and the workloads whose egress it decides.
    public static let rules = ViewID(rawValue: "rules")
    /// Observed traffic (firewall syslog, flow logs) attributed to workloads, and the newest denies.
    public static let traffic = ViewID(rawValue: "traffic")

    /// The raw name.
    public var description: String { rawValue }
}
