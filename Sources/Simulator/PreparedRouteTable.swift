import Firewall
import Inventory
import LPM

/// A VPC route table prepared for tracing: routes in a prefix table, each with the firewall its
/// target leads to worked out once. A route to a managed prefix list takes part through one
/// entry per CIDR of the list; for equal prefixes AWS's priority decides (static, then
/// prefix-list, then propagated), and a propagated route never beats a `local` route, however
/// specific (docs/aws-path.md §4.1).
final class PreparedRouteTable: Sendable {
    let table: RouteTable
    let routes: CompiledPrefixTable<PreparedRoute>
    /// Prefix lists the table's routes name whose entries are not in the bundle, in route order.
    let unreadPrefixLists: [String]

    init(_ table: RouteTable, firewallByTarget: [String: PreparedFirewall], natGatewayAddresses: [String: IPAddress],
         prefixListEntries: [String: [IPPrefix]] = [:], transitGateways: PreparedTransitGateways? = nil) {
        self.table = table
        var candidates: [PreparedRoute] = []
        var unread: [String] = []
        for route in table.routes {
            var natPublicIP: IPAddress?
            if case .natGateway(let id) = route.target { natPublicIP = natGatewayAddresses[id] }
            let firewall = firewallByTarget[route.target.id]
            var hop: TransitGatewayHop?
            if case .transitGateway(let id) = route.target {
                hop = transitGateways?.hop(transitGateway: id, vpc: table.vpcID) ?? .notRead
            }
            if let destination = route.destination {
                candidates.append(PreparedRoute(route: route, destination: destination, firewall: firewall,
                                                natPublicIP: natPublicIP, transitGateway: hop))
            } else if let list = route.destinationPrefixListID {
                guard let entries = prefixListEntries[list] else {
                    if !unread.contains(list) { unread.append(list) }
                    continue
                }
                for entry in entries {
                    candidates.append(PreparedRoute(route: route, destination: entry, firewall: firewall,
                                                    natPublicIP: natPublicIP, prefixListID: list, transitGateway: hop))
                }
            }
        }
        let locals = candidates.filter { $0.route.target == .local }.map(\.destination)
        var routes = PrefixTable<PreparedRoute>()
        for candidate in candidates {
            if candidate.route.isPropagated, locals.contains(where: { $0.contains(candidate.destination) }) { continue }
            if let held = routes[candidate.destination], held.priority <= candidate.priority { continue }
            routes.insert(candidate, for: candidate.destination)
        }
        self.routes = routes.compiled()
        unreadPrefixLists = unread
    }
}

/// A route, the firewall placed at its target, and the NAT gateway's public address when the
/// target is one.
final class PreparedRoute: Sendable {
    let route: Route
    /// The destination matched: the route's CIDR, or one entry of its prefix list.
    let destination: IPPrefix
    let firewall: PreparedFirewall?
    let natPublicIP: IPAddress?
    /// The prefix list the destination comes from.
    let prefixListID: String?
    /// Where the transit gateway routes it, when the target is one.
    let transitGateway: TransitGatewayHop?
    /// How a packet leaves the VPC by this route, read by every trace without copying the
    /// target's id.
    let exit: Exit
    /// True when the route is a blackhole (its target is gone).
    let isBlackhole: Bool

    /// The kinds of target a trace treats apart.
    enum Exit: Sendable {
        /// An internet gateway: an IPv4 source needs a public address.
        case internetGateway
        /// An egress-only internet gateway (`eigw-…`): IPv6 only.
        case egressOnlyInternetGateway
        /// A NAT gateway: the packet leaves with the gateway's public address.
        case natGateway
        /// A transit gateway: the trace continues in its route table.
        case transitGateway
        /// Inside the VPC (`local`).
        case local
        /// Any other target.
        case other

        init(_ target: RouteTarget) {
            switch target {
            case .local: self = .local
            case .internetGateway: self = .internetGateway
            case .natGateway: self = .natGateway
            case .transitGateway: self = .transitGateway
            case .other(let id) where RouteTarget.isEgressOnlyInternetGateway(id): self = .egressOnlyInternetGateway
            default: self = .other
            }
        }
    }

    init(route: Route, destination: IPPrefix, firewall: PreparedFirewall?, natPublicIP: IPAddress?,
         prefixListID: String? = nil, transitGateway: TransitGatewayHop? = nil) {
        self.route = route
        exit = Exit(route.target)
        isBlackhole = route.isBlackhole
        self.destination = destination
        self.firewall = firewall
        self.natPublicIP = natPublicIP
        self.prefixListID = prefixListID
        self.transitGateway = transitGateway
    }

    /// AWS's order for routes of equal prefix: static (and `local`) 0, prefix-list 1, propagated 2.
    var priority: Int {
        if route.isPropagated { return 2 }
        return prefixListID == nil ? 0 : 1
    }
}

/// A firewall placement with its compiled classifier (nil when the config file is not in the bundle).
final class PreparedFirewall: Sendable {
    let placement: FirewallPlacement
    let classifier: FirewallClassifier?

    init(placement: FirewallPlacement, classifier: FirewallClassifier?) {
        self.placement = placement
        self.classifier = classifier
    }
}
