/// What an address in the journal belongs to. The first five are `whois`'s kinds (DESIGN.md);
/// `network-interface` marks the private addresses of an ENI, indexed for attributing flow logs.
public enum AddressOwnerKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A gateway pod's IP.
    case egressGateway = "egress-gateway"
    /// An Elastic IP's public address.
    case elasticIP = "elastic-ip"
    /// A NAT gateway's public or private address.
    case natGateway = "nat-gateway"
    /// A node's internal or external address.
    case node
    /// Another pod's IP.
    case pod
    /// A private address of an ENI.
    case networkInterface = "network-interface"

    /// The stable number the journal stores.
    var code: Int {
        switch self {
        case .egressGateway: return 0
        case .elasticIP: return 1
        case .natGateway: return 2
        case .node: return 3
        case .pod: return 4
        case .networkInterface: return 5
        }
    }

    /// The kind stored as `code`, or nil for an unknown number.
    init?(code: Int) {
        guard let kind = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}
