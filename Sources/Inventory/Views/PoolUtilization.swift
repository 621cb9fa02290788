import LPM

/// How full one Calico IP pool is, and for AWS-backed pools, the VPC subnet behind it.
public struct PoolUtilization: Hashable, Sendable {
    /// The pool.
    public var pool: IPPool
    /// Addresses in the pool's CIDR, saturating at `UInt64.max` (an IPv6 /64 holds 2^64):
    /// `exactCapacity` is the exact count, `capacityIsClamped` says when this one is not.
    public var capacity: UInt64
    /// Addresses in use, summed over the pool's IPAM blocks as Calico counts them.
    public var allocated: UInt64
    /// Addresses of the pool covered by IPReservations, saturating at `UInt64.max` (see `exactReserved`).
    public var reserved: UInt64
    /// The IPAM blocks carved from the pool.
    public var blocks: [IPAMBlock]
    /// The VPC subnet named by `awsSubnetID`, when AWS data has it.
    public var subnet: Subnet?
    /// Subnet CIDR reservations of that subnet that overlap the pool.
    public var subnetReservations: [SubnetCidrReservation]
    /// Gateways (`namespace/name`) whose IP is in the pool.
    public var gateways: [String]

    /// The exact number of addresses in the pool's CIDR (2^64 for a /64; what to print).
    public var exactCapacity: AddressCount { AddressCount(addressesOf: pool.cidr) }
    /// The exact number of the pool's addresses covered by IPReservations.
    public var exactReserved: AddressCount
    /// True when `capacity` is clamped at `UInt64.max` because the pool is larger.
    public var capacityIsClamped: Bool { exactCapacity.exceedsUInt64 }

    /// `allocated / capacity`, from 0 to 1.
    public var utilization: Double {
        let total = exactCapacity.doubleValue
        return total == 0 ? 0 : Double(allocated) / total
    }

    /// Free addresses in the subnet, as EC2 reports them.
    public var subnetAvailable: Int? { subnet?.availableIpAddressCount }

    /// How full the subnet is (used / usable), when AWS reports its free count.
    public var subnetUtilization: Double? {
        guard let subnet, let available = subnet.availableIpAddressCount else { return nil }
        // AWS keeps five addresses of every subnet for itself.
        let usable = Double(subnet.cidrBlock.addressCount) - 5
        return usable > 0 ? max(0, min(1, (usable - Double(available)) / usable)) : nil
    }
}
