import LPM

/// One firewall object-group `export asa-objects` writes for a set of egress gateways: the
/// gateway pods' private addresses (`EGW-<namespace>-<name>`) or their Elastic IPs
/// (`EGW-<namespace>-<name>-PUBLIC`), with what uses them.
public struct GatewayObjectGroup: Hashable, Sendable {
    /// Which addresses of the gateways the group holds.
    public enum Addresses: String, Hashable, Sendable, CaseIterable {
        /// `private`: the gateway pods' IPs (what a firewall that `sees: private` matches).
        case `private`
        /// `public`: the Elastic IPs associated with those IPs (what a firewall that `sees: public` matches).
        case `public`
    }

    /// What names the gateway set.
    public enum Owner: String, Hashable, Sendable, CaseIterable {
        /// `EgressGateway`: an operator EgressGateway resource of that name.
        case egressGateway = "EgressGateway"
        /// `Deployment`: the Deployment owning the pods (through their ReplicaSet).
        case deployment = "Deployment"
        /// `Pod`: a gateway pod with no EgressGateway or Deployment, named after itself.
        case pod = "Pod"
    }

    /// The ASA object-group name, at most `GatewayObjectGroup.maxNameLength` characters.
    public var name: String
    /// Which addresses it holds.
    public var addresses: Addresses
    /// The gateways' namespace.
    public var namespace: String
    /// The EgressGateway, Deployment or pod that names the set.
    public var gateway: String
    /// What `gateway` is.
    public var owner: Owner
    /// What selects the set, in a stable order: `policy NAME rule #N` and
    /// `selector annotations in namespace NS`.
    public var usedBy: [String]
    /// The addresses, ascending, without duplicates.
    public var members: [IPAddress]

    /// The longest object name ASA and FTD accept.
    public static let maxNameLength = 64
    /// The longest `description` ASA accepts.
    public static let maxDescriptionLength = 200

    /// Creates a group.
    public init(name: String, addresses: Addresses, namespace: String, gateway: String, owner: Owner,
                usedBy: [String], members: [IPAddress]) {
        self.name = name
        self.addresses = addresses
        self.namespace = namespace
        self.gateway = gateway
        self.owner = owner
        self.usedBy = usedBy
        self.members = members
    }

    /// The `description` line's text: namespace, owner and users, cut to ASA's 200 characters.
    public var descriptionText: String {
        let kind = addresses == .public ? "Elastic IPs of " : ""
        let text = "Gatewatch: \(kind)\(owner.rawValue) \(namespace)/\(gateway); used by " + usedBy.joined(separator: ", ")
        return String(text.prefix(Self.maxDescriptionLength))
    }

    /// The conventional name of the group of `namespace`'s gateway set `gateway`:
    /// `EGW-<namespace>-<gateway>` (plus `-PUBLIC` for Elastic IPs), the base cut so that the
    /// whole name fits in `maxNameLength`.
    public static func name(namespace: String, gateway: String, addresses: Addresses) -> String {
        let suffix = addresses == .public ? "-PUBLIC" : ""
        let base = "EGW-\(namespace)-\(gateway)"
        return String(base.prefix(maxNameLength - suffix.count)) + suffix
    }
}
