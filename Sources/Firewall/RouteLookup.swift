import LPM

/// The firewall's own route lookup, enough to find a traced packet's egress interface: the
/// connected networks of the named interfaces and the static routes, longest prefix first
/// (through the LPM engine), connected before static, then the lowest distance.
public struct RouteLookup: Sendable {
    /// A chosen route.
    public struct Route: Hashable, Sendable {
        /// The egress interface nameif.
        public let interface: String
        /// The matched network.
        public let prefix: IPPrefix
        /// The next hop; nil for a connected network.
        public let gateway: IPAddress?
        /// The administrative distance (0 for a connected network).
        public let distance: Int
        /// The config line of the route (the `interface` line for a connected network).
        public let line: Int
    }

    private let table: CompiledPrefixTable<Route>

    /// Builds the lookup from `config`.
    public init(_ config: FirewallConfig) {
        var best: [IPPrefix: (distance: Int, route: Route)] = [:]
        func offer(_ route: Route, distance: Int) {
            if let existing = best[route.prefix], existing.distance <= distance { return }
            best[route.prefix] = (distance, route)
        }
        for interface in config.interfaces {
            guard let name = interface.name else { continue }
            for prefix in interface.connectedPrefixes {
                offer(Route(interface: name, prefix: prefix, gateway: nil, distance: 0, line: interface.line),
                      distance: -1)
            }
        }
        for route in config.routes {
            offer(Route(interface: route.interface, prefix: route.prefix, gateway: route.gateway,
                        distance: route.distance, line: route.line),
                  distance: route.distance)
        }
        var table = PrefixTable<Route>()
        for (prefix, choice) in best { table.insert(choice.route, for: prefix) }
        self.table = table.compiled()
    }

    /// The route the firewall would pick for `destination`, if any.
    public func route(to destination: IPAddress) -> Route? {
        table.value(for: destination)
    }
}
