import LPM

/// Every address the Snapshot knows (pods, nodes, instances, Elastic IPs, NAT gateways), for the
/// stale-entry check: the set prepared with the context, shared by the contexts derived from it,
/// plus the addresses pods were given and those no longer held since, kept apart so that a pod
/// event does not copy the whole set (10⁵ addresses, milliseconds).
struct KnownAddresses: Sendable, Equatable {
    private var prepared: Set<IPAddress>
    private var given: Set<IPAddress> = []
    /// Addresses of `prepared` nothing holds any more.
    private var taken: Set<IPAddress> = []

    /// Above this many addresses given or taken, they are folded into the prepared set.
    private static let foldThreshold = 4_096

    init(_ addresses: Set<IPAddress>) {
        prepared = addresses
    }

    /// True when some pod, node, instance, Elastic IP or NAT gateway has `address`.
    func contains(_ address: IPAddress) -> Bool {
        given.contains(address) || prepared.contains(address) && (taken.isEmpty || !taken.contains(address))
    }

    /// Adds an address a pod was given.
    mutating func insert(_ address: IPAddress) {
        if prepared.contains(address) {
            taken.remove(address)
        } else {
            given.insert(address)
        }
        foldIfLarge()
    }

    /// Takes out an address nothing holds any more (its pod was removed or lost it).
    mutating func remove(_ address: IPAddress) {
        if given.remove(address) == nil, prepared.contains(address) { taken.insert(address) }
        foldIfLarge()
    }

    private mutating func foldIfLarge() {
        guard given.count + taken.count > Self.foldThreshold else { return }
        prepared.formUnion(given)
        prepared.subtract(taken)
        given = []
        taken = []
    }

    /// The same addresses, however they are split.
    static func == (lhs: KnownAddresses, rhs: KnownAddresses) -> Bool {
        lhs.prepared.union(lhs.given).subtracting(lhs.taken) == rhs.prepared.union(rhs.given).subtracting(rhs.taken)
    }
}
