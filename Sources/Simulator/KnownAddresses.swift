import LPM

/// Every address the Snapshot knows (pods, nodes, instances, Elastic IPs, NAT gateways), for the
/// stale-entry check: the set prepared with the context, shared by the contexts derived from it,
/// plus the addresses pods were given since, kept apart so that a pod event does not copy the
/// whole set (10⁵ addresses, milliseconds).
struct KnownAddresses: Sendable, Equatable {
    private var prepared: Set<IPAddress>
    private var given: Set<IPAddress> = []

    /// Above this many addresses given, they are folded into the prepared set.
    private static let foldThreshold = 4_096

    init(_ addresses: Set<IPAddress>) {
        prepared = addresses
    }

    /// True when some pod, node, instance, Elastic IP or NAT gateway has `address`.
    func contains(_ address: IPAddress) -> Bool {
        prepared.contains(address) || given.contains(address)
    }

    /// Adds an address a pod was given.
    mutating func insert(_ address: IPAddress) {
        guard !prepared.contains(address) else { return }
        given.insert(address)
        if given.count > Self.foldThreshold {
            prepared.formUnion(given)
            given = []
        }
    }

    /// The same addresses, however they are split.
    static func == (lhs: KnownAddresses, rhs: KnownAddresses) -> Bool {
        lhs.prepared.union(lhs.given) == rhs.prepared.union(rhs.given)
    }
}
