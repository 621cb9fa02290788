/// Where a firewall sits on the egress path, from `gatewatch.yaml`.
public struct FirewallPlacement: Hashable, Sendable, Decodable {
    /// Which source address a firewall sees.
    public enum SourceView: String, Hashable, Sendable, Decodable {
        /// The private address (gateway pod or node IP): the firewall sits before any NAT.
        case `private`
        /// The public address (Elastic IP or NAT gateway IP): the firewall sits past the NAT.
        case `public`
    }

    /// The name shown in traces.
    public var name: String
    /// The `show running-config` file, relative to the bundle root.
    public var config: String
    /// The nameif egress traffic arrives on.
    public var interface: String
    /// Which source address it sees.
    public var sees: SourceView
    /// VPC route targets (`vpce-…`, `tgw-…`, `igw-…`, `nat-…`) whose traffic this firewall inspects.
    public var targets: [String]
    /// The syslog device id / header host that identifies this firewall's messages (with one
    /// firewall, every syslog line is its).
    public var hostname: String?

    /// Creates a placement.
    public init(name: String, config: String, interface: String, sees: SourceView = .private, targets: [String],
                hostname: String? = nil) {
        self.name = name
        self.config = config
        self.interface = interface
        self.sees = sees
        self.targets = targets
        self.hostname = hostname
    }

    private enum CodingKeys: String, CodingKey { case name, config, interface, sees, targets, hostname }

    /// Decodes one entry of `firewalls:`; `sees` defaults to `private`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        config = try c.decode(String.self, forKey: .config)
        interface = try c.decode(String.self, forKey: .interface)
        if let text = try c.decodeIfPresent(String.self, forKey: .sees) {
            guard let view = SourceView(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: .sees, in: c,
                                                       debugDescription: "expected private or public, found '\(text)'")
            }
            sees = view
        } else {
            sees = .private
        }
        targets = try c.decodeIfPresent([String].self, forKey: .targets) ?? []
        hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
    }
}
