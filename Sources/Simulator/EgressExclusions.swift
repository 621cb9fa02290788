import Inventory
import LPM

/// The destinations an egress gateway never carries traffic to, in one prefix table: IP pools
/// first, then node addresses (Calico sends traffic to them straight from the pod). One lookup
/// answers what a pool lookup followed by a node lookup would.
struct EgressExclusions: Sendable {
    /// What a destination is, with its index into the context's pool or node address table.
    enum Exclusion: Sendable, Equatable {
        case pool(Int)
        case node(Int)
    }

    private let table: CompiledPrefixTable<Exclusion>

    /// The pools and node addresses as one table. A node prefix inside a pool is left out, so
    /// that a destination in the pool stays the pool's whatever the prefix lengths.
    init(pools: CompiledPrefixTable<IPPool>, nodeAddresses: CompiledPrefixTable<String>) {
        var table = PrefixTable<Exclusion>()
        let poolPrefixes = (0..<pools.count).map(pools.prefix(at:))
        for (index, prefix) in poolPrefixes.enumerated() { table.insert(.pool(index), for: prefix) }
        for index in 0..<nodeAddresses.count {
            let prefix = nodeAddresses.prefix(at: index)
            if poolPrefixes.contains(where: { $0.contains(prefix) }) { continue }
            table.insert(.node(index), for: prefix)
        }
        self.table = table.compiled()
    }

    /// The pool holding `destination`, else the node address matching it, else nil.
    func exclusion(for destination: IPAddress) -> Exclusion? {
        table.value(for: destination)
    }
}
