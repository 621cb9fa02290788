import LPM

/// The Snapshot's pods by `namespace/name`: positions into `ClusterState.pods`, so a cluster of
/// 100,000 pods is not held twice.
///
/// Pod events that add, remove or move pods leave the table built with the Snapshot as it is,
/// shared, and record the names whose position changed beside it; past `foldThreshold` of them,
/// the table is built again.
public struct PodIndex: Sendable {
    private let pods: [Pod]
    private let positions: [String: Int32]
    /// Names whose position is not the one in `positions`: the position, or `none`.
    private let moved: [String: Int32]
    /// How many distinct pod names there are.
    public let count: Int

    /// `moved`'s value for a name no pod has any more.
    private static let none: Int32 = -1
    /// Above this many moved names, `positions` is built again.
    private static let foldThreshold = 4_096

    init(_ pods: [Pod]) {
        self.pods = pods
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(pods.count)
        for (position, pod) in pods.enumerated() { positions[pod.qualifiedName] = Int32(position) }
        self.positions = positions
        moved = [:]
        count = positions.count
    }

    /// The pod named `namespace/name` (the last one listed when a name repeats).
    public subscript(_ qualifiedName: String) -> Pod? {
        position(of: qualifiedName).map { pods[$0] }
    }

    /// The position of the pod named `qualifiedName` in the pods this index was built from.
    internal func position(of qualifiedName: String) -> Int? {
        if !moved.isEmpty, let position = moved[qualifiedName] {
            return position == Self.none ? nil : Int(position)
        }
        return positions[qualifiedName].map(Int.init)
    }

    /// This index over `pods`, which hold the same names at the same positions.
    internal func replacing(pods: [Pod]) -> PodIndex {
        PodIndex(pods: pods, positions: positions, moved: moved, count: count)
    }

    /// This index over `pods`, in which the names `changes` lists are at the positions given
    /// (nil: no pod has the name any more) and every other name is where it was.
    internal func moving(pods: [Pod], changes: [(name: String, position: Int?)]) -> PodIndex {
        var moved = moved
        var count = count
        for (name, position) in changes {
            let built = positions[name] ?? Self.none
            let before = moved[name] ?? built
            let now = position.map { Int32($0) } ?? Self.none
            moved[name] = now == built ? nil : now
            count += (now == Self.none ? 0 : 1) - (before == Self.none ? 0 : 1)
        }
        guard moved.count > Self.foldThreshold else {
            return PodIndex(pods: pods, positions: positions, moved: moved, count: count)
        }
        return PodIndex(pods)
    }

    private init(pods: [Pod], positions: [String: Int32], moved: [String: Int32], count: Int) {
        self.pods = pods
        self.positions = positions
        self.moved = moved
        self.count = count
    }
}

/// The Snapshot's running pods by IP address (host-network and finished pods are left out),
/// as positions into `ClusterState.pods`.
///
/// Pod events that move addresses (a pod given its address) leave the table built with the
/// Snapshot as it is, shared, and record the addresses whose holder changed beside it, so that an
/// event does not copy 10⁵ entries; past `foldThreshold` moved addresses, the table is rebuilt.
public struct PodAddressIndex: Sendable {
    private let pods: [Pod]
    private let positions: PrefixTable<Int32>
    /// Addresses whose holder is not the one in `positions`: its position, or `none`.
    private let moved: [IPAddress: Int32]
    /// How many pod addresses there are.
    public let count: Int

    /// `moved`'s value for an address no pod holds any more.
    private static let none: Int32 = -1
    /// Above this many moved addresses, `positions` is built again.
    private static let foldThreshold = 4_096

    init(_ pods: [Pod]) {
        self.pods = pods
        var positions = PrefixTable<Int32>()
        for (position, pod) in pods.enumerated() where !pod.hostNetwork && !pod.isFinished {
            if let ip = pod.podIP { positions.insert(Int32(position), for: IPPrefix(host: ip)) }
        }
        self.positions = positions
        moved = [:]
        count = positions.count
    }

    /// The pod whose address is `ip`, as a prefix-table entry (its prefix is the host prefix).
    public func longestMatch(_ ip: IPAddress) -> PrefixTable<Pod>.Entry? {
        if !moved.isEmpty, let position = moved[ip] {
            return position == Self.none ? nil : .init(prefix: IPPrefix(host: ip), value: pods[Int(position)])
        }
        return positions.longestMatch(ip).map { .init(prefix: $0.prefix, value: pods[Int($0.value)]) }
    }

    /// The pod whose address is `ip`.
    public func value(for ip: IPAddress) -> Pod? {
        longestMatch(ip)?.value
    }

    /// This index over `pods`, whose addressed pods have the same addresses at the same positions.
    internal func replacing(pods: [Pod]) -> PodAddressIndex {
        PodAddressIndex(pods: pods, positions: positions, moved: moved, count: count)
    }

    /// This index over `pods`, in which only the holders of the addresses `touched` may differ
    /// from those of the pods this index was built from (pods given, changing or losing an
    /// address, pods added, removed or moved: their addresses before and after).
    ///
    /// Each touched address is looked up again over `pods`, as the index is built: the last pod
    /// listed with the address holds it. That is one pass over the pods comparing a few
    /// addresses, without hashing.
    internal func rehoming(pods: [Pod], touched: [IPAddress]) -> PodAddressIndex {
        var holders = Array(repeating: Self.none, count: touched.count)
        for (position, pod) in pods.enumerated() {
            guard let ip = pod.podIP, let slot = touched.firstIndex(of: ip), !pod.hostNetwork, !pod.isFinished else { continue }
            holders[slot] = Int32(position)
        }
        var moved = moved
        var count = count
        for (address, holder) in zip(touched, holders) {
            let before = longestMatch(address) != nil
            let built = positions.longestMatch(address)?.value ?? Self.none
            moved[address] = holder == built ? nil : holder
            count += (holder == Self.none ? 0 : 1) - (before ? 1 : 0)
        }
        guard moved.count > Self.foldThreshold else {
            return PodAddressIndex(pods: pods, positions: positions, moved: moved, count: count)
        }
        return PodAddressIndex(pods)
    }

    private init(pods: [Pod], positions: PrefixTable<Int32>, moved: [IPAddress: Int32], count: Int) {
        self.pods = pods
        self.positions = positions
        self.moved = moved
        self.count = count
    }
}
