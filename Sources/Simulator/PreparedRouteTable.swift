import Firewall
import Inventory
import LPM

/// A VPC route table prepared for tracing: routes in a prefix table, each with the firewall its
/// target leads to worked out once.
final class PreparedRouteTable: Sendable {
    let table: RouteTable
    let routes: CompiledPrefixTable<PreparedRoute>

    init(_ table: RouteTable, firewallByTarget: [String: PreparedFirewall], natGatewayAddresses: [String: IPAddress]) {
        self.table = table
        var routes = PrefixTable<PreparedRoute>()
        for route in table.routes {
            guard let destination = route.destination else { continue }
            var natPublicIP: IPAddress?
            if case .natGateway(let id) = route.target { natPublicIP = natGatewayAddresses[id] }
            routes.insert(PreparedRoute(route: route, destination: destination, firewall: firewallByTarget[route.target.id],
                                        natPublicIP: natPublicIP), for: destination)
        }
        self.routes = routes.compiled()
    }
}

/// A route, the firewall placed at its target, and the NAT gateway's public address when the
/// target is one.
final class PreparedRoute: Sendable {
    let route: Route
    let destination: IPPrefix
    let firewall: PreparedFirewall?
    let natPublicIP: IPAddress?

    init(route: Route, destination: IPPrefix, firewall: PreparedFirewall?, natPublicIP: IPAddress?) {
        self.route = route
        self.destination = destination
        self.firewall = firewall
        self.natPublicIP = natPublicIP
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
