import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// `EgressExclusions` (pools and node addresses in one prefix table) answers every destination
/// as the pool table and then the node address table did: random pools of random lengths in a
/// small IPv4 space and IPv6, node addresses inside pools, beside them and on pool edges, every
/// node address and random addresses asked for.
@Suite("Egress exclusions: one table answers as pools, then nodes")
struct EgressExclusionsPropertyTests {
    private static func address(_ rng: inout SplitMix64, v6: Bool) -> IPAddress {
        // A /20 (or /116) keeps pools, nodes and probes overlapping often.
        let low = UInt32(rng.below(1 << 12))
        if v6 {
            return .v6(IPv6Address(high: 0xFD00_0000_0000_0000, low: UInt64(low)))
        }
        return .v4(IPv4Address(0x0A00_0000 | low))
    }

    @Test("the combined lookup equals the two lookups it replaces", arguments: 0..<40)
    func combinedEqualsPoolsThenNodes(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let v6 = seed % 4 == 3
        var pools = PrefixTable<IPPool>()
        for index in 0..<rng.below(6) {
            let length = (v6 ? 116 : 20) + rng.below(10)
            let cidr = IPPrefix(containing: Self.address(&rng, v6: v6), length: length)
            pools.insert(IPPool(name: "pool-\(index)", cidr: cidr), for: cidr)
        }
        var nodes = PrefixTable<String>()
        var nodeAddresses: [IPAddress] = []
        for index in 0..<rng.below(30) {
            let address = Self.address(&rng, v6: v6)
            nodeAddresses.append(address)
            nodes.insert("node-\(index)", for: IPPrefix(host: address))
        }
        let compiledPools = pools.compiled()
        let compiledNodes = nodes.compiled()
        let exclusions = EgressExclusions(pools: compiledPools, nodeAddresses: compiledNodes)
        let probes = nodeAddresses + (0..<500).map { _ in Self.address(&rng, v6: v6) }
        for probe in probes {
            let expected: EgressExclusions.Exclusion? = compiledPools.longestMatchIndex(probe).map { .pool($0) }
                ?? compiledNodes.longestMatchIndex(probe).map { .node($0) }
            #expect(exclusions.exclusion(for: probe) == expected, "seed \(seed), \(probe)")
        }
    }
}
