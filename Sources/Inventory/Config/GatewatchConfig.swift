import LPM

/// `gatewatch.yaml`: what Gatewatch cannot read from the cluster or AWS.
public struct GatewatchConfig: Hashable, Sendable, Decodable {
    /// Where the firewalls sit.
    public var firewalls: [FirewallPlacement]
    /// Networks reached privately (VPC CIDRs, peered VPCs, Direct Connect prefixes): traffic to them
    /// keeps its private source even from a gateway with an Elastic IP. Empty means: the VPC CIDRs
    /// and RFC 1918 space.
    public var internalNetworks: [IPPrefix]
    /// The price table for traffic cost estimates: us-east-1 list prices unless `prices:` overrides them.
    public var prices: PriceTable

    /// Creates a configuration.
    public init(firewalls: [FirewallPlacement] = [], internalNetworks: [IPPrefix] = [], prices: PriceTable = .usEast1) {
        self.firewalls = firewalls
        self.internalNetworks = internalNetworks
        self.prices = prices
    }

    private enum CodingKeys: String, CodingKey { case firewalls, internalNetworks, prices }

    /// Decodes `gatewatch.yaml`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        firewalls = try c.decodeIfPresent([FirewallPlacement].self, forKey: .firewalls) ?? []
        internalNetworks = (try c.decodeIfPresent([PrefixText].self, forKey: .internalNetworks) ?? []).map(\.prefix)
        prices = try c.decodeIfPresent(PriceTable.self, forKey: .prices) ?? .usEast1
    }
}

/// A firewall configuration file carried by a Snapshot, as text.
public struct FirewallConfigFile: Hashable, Sendable {
    /// The path relative to the bundle root (as `gatewatch.yaml` names it).
    public var path: String
    /// The `show running-config` text.
    public var text: String
    /// The `show access-list` capture beside it (`accessListPath`), with its hit counts; nil
    /// when there is none.
    public var accessListText: String?

    /// Creates a file, with the `show access-list` capture beside it when there is one.
    public init(path: String, text: String, accessListText: String? = nil) {
        self.path = path
        self.text = text
        self.accessListText = accessListText
    }

    /// Where its `show access-list` capture sits: the same path with `.acl` for the extension
    /// (`firewall/ftd-egress.cfg` → `firewall/ftd-egress.acl`).
    public var accessListPath: String {
        FirewallConfigFile.stem(of: path) + ".acl"
    }

    /// `path` without its extension (a dot in a directory name is not one).
    static func stem(of path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }
}
