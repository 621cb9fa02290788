import LPM

/// The Snapshot's pods by `namespace/name`: positions into `ClusterState.pods`, so a cluster of
/// 100,000 pods is not held twice.
public struct PodIndex: Sendable {
    private let pods: [Pod]
    private let positions: [String: Int32]

    init(_ pods: [Pod]) {
        self.pods = pods
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(pods.count)
        for (position, pod) in pods.enumerated() { positions[pod.qualifiedName] = Int32(position) }
        self.positions = positions
    }

    /// The pod named `namespace/name` (the last one listed when a name repeats).
    public subscript(_ qualifiedName: String) -> Pod? {
        positions[qualifiedName].map { pods[Int($0)] }
    }

    /// How many distinct pod names there are.
    public var count: Int { positions.count }

    /// The position of the pod named `qualifiedName` in the pods this index was built from.
    internal func position(of qualifiedName: String) -> Int? {
        positions[qualifiedName].map(Int.init)
    }

    /// This index over `pods`, which hold the same names at the same positions.
    internal func replacing(pods: [Pod]) -> PodIndex {
        PodIndex(pods: pods, positions: positions)
    }

    private init(pods: [Pod], positions: [String: Int32]) {
        self.pods = pods
        self.positions = positions
    }
}

/// The Snapshot's running pods by IP address (host-network and finished pods are left out),
/// as positions into `ClusterState.pods`.
public struct PodAddressIndex: Sendable {
    private let pods: [Pod]
    private let positions: PrefixTable<Int32>

    init(_ pods: [Pod]) {
        self.pods = pods
        var positions = PrefixTable<Int32>()
        for (position, pod) in pods.enumerated() where !pod.hostNetwork && !pod.isFinished {
            if let ip = pod.podIP { positions.insert(Int32(position), for: IPPrefix(host: ip)) }
        }
        self.positions = positions
    }

    /// The pod whose address is `ip`, as a prefix-table entry (its prefix is the host prefix).
    public func longestMatch(_ ip: IPAddress) -> PrefixTable<Pod>.Entry? {
        positions.longestMatch(ip).map { .init(prefix: $0.prefix, value: pods[Int($0.value)]) }
    }

    /// The pod whose address is `ip`.
    public func value(for ip: IPAddress) -> Pod? {
        longestMatch(ip)?.value
    }

    /// How many pod addresses there are.
    public var count: Int { positions.count }

    /// This index over `pods`, whose addressed pods have the same addresses at the same positions.
    internal func replacing(pods: [Pod]) -> PodAddressIndex {
        PodAddressIndex(pods: pods, positions: positions)
    }

    /// This index over `pods`, in which only the pods at `moved` have other addresses than in the
    /// pods this index was built from (`previous`: their addresses there); each of those pods is
    /// indexed in both (not host-network, not finished) or in neither.
    ///
    /// Each address the moves touch is looked up again over `pods`, as the index is built: the
    /// last pod listed with the address holds it. That is one pass over the pods comparing a few
    /// addresses, without hashing.
    internal func readdressing(pods: [Pod], moved: [Int], previous: [IPAddress?]) -> PodAddressIndex {
        var touched: [IPAddress] = []
        for (position, old) in zip(moved, previous) {
            for address in [old, pods[position].podIP].compactMap({ $0 }) where !touched.contains(address) {
                touched.append(address)
            }
        }
        var holder: [Int32?] = Array(repeating: nil, count: touched.count)
        for (position, pod) in pods.enumerated() where !pod.hostNetwork && !pod.isFinished {
            guard let ip = pod.podIP, let slot = touched.firstIndex(of: ip) else { continue }
            holder[slot] = Int32(position)
        }
        var positions = positions
        for (address, position) in zip(touched, holder) {
            if let position {
                positions.insert(position, for: IPPrefix(host: address))
            } else {
                positions.removeValue(for: IPPrefix(host: address))
            }
        }
        return PodAddressIndex(pods: pods, positions: positions)
    }

    private init(pods: [Pod], positions: PrefixTable<Int32>) {
        self.pods = pods
        self.positions = positions
    }
}
