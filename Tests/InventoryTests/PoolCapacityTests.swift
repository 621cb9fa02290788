import Inventory
import LPM
import Testing

/// Pool sizes are exact however large the pool: an IPv6 /64 holds 2^64 addresses, which
/// `UInt64` and `Int64` cannot hold (issue #16 item 8: it printed 9223372036854775807).
@Suite struct PoolCapacityTests {
    private func pools(_ pools: [IPPool], reservations: [IPReservation] = []) -> [PoolUtilization] {
        Snapshot(source: .demo, cluster: ClusterState(ipPools: pools, ipReservations: reservations), aws: AWSState()).pools
    }

    @Test func anIPv6Slash64PoolReportsTwoToTheSixtyFourExactly() throws {
        let usage = try #require(pools([IPPool(name: "v6", cidr: try IPPrefix("2002:101::/64"), blockSize: 122)]).first)
        #expect(usage.exactCapacity.description == "18446744073709551616")
        #expect(usage.capacityIsClamped)
        #expect(usage.capacity == UInt64.max)
        #expect(usage.exactCapacity > AddressCount(UInt128(UInt64.max)))
        #expect(usage.utilization == 0)
    }

    @Test func anIPv4PoolIsExactAndNotClamped() throws {
        let usage = try #require(pools([IPPool(name: "v4", cidr: try IPPrefix("10.0.41.0/24"), blockSize: 32)]).first)
        #expect(usage.exactCapacity.description == "256")
        #expect(usage.capacity == 256 && !usage.capacityIsClamped)
    }

    @Test func reservationsLargerThanUInt64AreCountedExactly() throws {
        let usage = try #require(pools([IPPool(name: "v6", cidr: try IPPrefix("2001:db8::/48"), blockSize: 122)],
                                       reservations: [IPReservation(name: "r", reservedCIDRs: [
                                           try IPPrefix("2001:db8:0:1::/64"), try IPPrefix("2001:db8:0:2::/63"),
                                       ])]).first)
        #expect(usage.exactCapacity.description == "1208925819614629174706176")  // 2^80
        #expect(usage.exactReserved.description == "55340232221128654848")  // 2^64 + 2^65
        #expect(usage.reserved == UInt64.max)
    }

    @Test func theWholeIPv6SpaceIsCountedToo() throws {
        let all = AddressCount(addressesOf: try IPPrefix("::/0"))
        #expect(all.description == "340282366920938463463374607431768211456")
        let halves = AddressCount(addressesOf: try IPPrefix("::/1")) + AddressCount(addressesOf: try IPPrefix("8000::/1"))
        #expect(halves == all)
        #expect(AddressCount(addressesOf: try IPPrefix("0.0.0.0/0")).description == "4294967296")
        let half = AddressCount(addressesOf: try IPPrefix("::/1"))
        #expect(AddressCount.zero < all && half < all && !(all < half))
    }
}
