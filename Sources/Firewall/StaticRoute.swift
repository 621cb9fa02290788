import LPM

/// A `route IF NET MASK GW [DIST]` or `ipv6 route IF PREFIX GW [DIST]` line; with the connected
/// networks of the interfaces, it decides the egress interface of a traced packet.
public struct StaticRoute: Hashable, Sendable {
    /// The nameif of the egress interface.
    public let interface: String
    /// The destination network.
    public let prefix: IPPrefix
    /// The next hop.
    public let gateway: IPAddress?
    /// The administrative distance (1 when omitted).
    public let distance: Int
    /// The config-file line it came from.
    public let line: Int

    /// Creates a route.
    public init(interface: String, prefix: IPPrefix, gateway: IPAddress?, distance: Int = 1, line: Int) {
        self.interface = interface
        self.prefix = prefix
        self.gateway = gateway
        self.distance = distance
        self.line = line
    }
}
