import LPM

/// Computes pool utilization as Calico does: each IPAM block belongs to the pool containing it;
/// a pool's use is the sum of its blocks' used addresses; its capacity is its whole CIDR.
enum PoolUsageCalculator {
    static func utilization(cluster: ClusterState, aws: AWSState, pools: PrefixTable<IPPool>,
                            subnetsByID: [String: Subnet], gateways: [EgressGatewayRecord]) -> ([PoolUtilization], [IPAMBlock]) {
        var blocksByPool: [String: [IPAMBlock]] = [:]
        var orphaned: [IPAMBlock] = []
        for block in cluster.ipamBlocks {
            if let pool = pools.longestMatch(block.cidr.address)?.value, pool.cidr.contains(block.cidr) {
                blocksByPool[pool.name, default: []].append(block)
            } else {
                orphaned.append(block)
            }
        }
        var reservations = PrefixTable<Bool>()
        for reservation in cluster.ipReservations {
            for cidr in reservation.reservedCIDRs { reservations.insert(true, for: cidr) }
        }
        var gatewaysByPool: [String: [String]] = [:]
        for gateway in gateways {
            if let pool = gateway.pool { gatewaysByPool[pool, default: []].append(gateway.qualifiedName) }
        }

        let result = cluster.ipPools.map { pool -> PoolUtilization in
            let blocks = (blocksByPool[pool.name] ?? []).sorted { $0.cidr < $1.cidr }
            let subnet = pool.awsSubnetID.flatMap { subnetsByID[$0] }
            let reserved = reservedCount(in: pool.cidr, reservations: reservations)
            return PoolUtilization(
                pool: pool,
                capacity: AddressCount(addressesOf: pool.cidr).saturatingUInt64,
                allocated: blocks.reduce(0) { $0 + $1.inUse },
                reserved: reserved.saturatingUInt64,
                blocks: blocks,
                subnet: subnet,
                subnetReservations: aws.subnetCidrReservations.filter {
                    $0.subnetID == pool.awsSubnetID && $0.cidr.overlaps(pool.cidr)
                },
                gateways: (gatewaysByPool[pool.name] ?? []).sorted(),
                exactReserved: reserved)
        }
        return (result.sorted { $0.pool.name < $1.pool.name }, orphaned.sorted { $0.cidr < $1.cidr })
    }

    /// Addresses of `cidr` covered by reservations, counting overlapping reservations once.
    private static func reservedCount(in cidr: IPPrefix, reservations: PrefixTable<Bool>) -> AddressCount {
        // Outermost reservations inside the pool, plus a reservation covering the whole pool.
        if !reservations.matches(covering: cidr.address).filter({ $0.prefix.contains(cidr) }).isEmpty {
            return AddressCount(addressesOf: cidr)
        }
        var total = AddressCount.zero
        var covered: [IPPrefix] = []
        for entry in reservations.entries(inside: cidr) where !covered.contains(where: { $0.contains(entry.prefix) }) {
            covered.append(entry.prefix)
            total = total + AddressCount(addressesOf: entry.prefix)
        }
        return total
    }
}
