import LPM

/// One resolved source or destination: what an `AddressSpecifier`, object or group member
/// stands for once names are looked up (docs/cisco-firewall.md §3).
public enum AddressMember: Hashable, Sendable, CustomStringConvertible {
    /// `any`: every IPv4 and IPv6 address.
    case any
    /// `any4`.
    case any4
    /// `any6`.
    case any6
    /// A host or a network with a contiguous mask or IPv6 prefix length.
    case prefix(IPPrefix)
    /// An IPv4 network with a non-contiguous mask: matches when `(packet & mask) == address`
    /// (`address` is stored already masked). No prefix can express it.
    case maskedIPv4(address: UInt32, mask: UInt32)
    /// A `range A B` object, both ends included.
    case range(IPAddress, IPAddress)
    /// `interface NAME`: that interface's own addresses.
    case interface(String, [IPAddress])
    /// An `fqdn` object: unresolved offline, never matches.
    case fqdn(object: String, name: String)
    /// A name that resolves to nothing (unknown, or an object without an address): never matches.
    case unresolved(String)

    /// True when `address` is inside this member.
    ///
    /// Prefix containment goes through the LPM engine's `IPPrefix.contains`; ranges compare
    /// bounds; non-contiguous masks compare masked bits.
    public func matches(_ address: IPAddress) -> Bool {
        switch self {
        case .any: return true
        case .any4: return address.family == .v4
        case .any6: return address.family == .v6
        case .prefix(let prefix): return prefix.contains(address)
        case .maskedIPv4(let network, let mask):
            guard case .v4(let a) = address else { return false }
            return a.value & mask == network
        case .range(let first, let last):
            return address.family == first.family && first <= address && address <= last
        case .interface(_, let addresses): return addresses.contains(address)
        case .fqdn, .unresolved: return false
        }
    }

    /// True for members that can never match offline (FQDN and unresolved names).
    public var isUnmatchable: Bool {
        switch self {
        case .fqdn, .unresolved: return true
        default: return false
        }
    }

    /// The prefixes whose union is this member, for the LPM engine; empty for members with a
    /// non-contiguous mask (`maskedIPv4`) and for unmatchable ones.
    public var prefixes: [IPPrefix] {
        switch self {
        case .any: return [AddressMember.allIPv4, AddressMember.allIPv6]
        case .any4: return [AddressMember.allIPv4]
        case .any6: return [AddressMember.allIPv6]
        case .prefix(let prefix): return [prefix]
        case .maskedIPv4: return []
        case .range(let first, let last): return RangeSplitter.prefixes(from: first, through: last)
        case .interface(_, let addresses): return addresses.map { IPPrefix(host: $0) }
        case .fqdn, .unresolved: return []
        }
    }

    internal static let allIPv4 = IPPrefix(containing: .v4(IPv4Address(0)), length: 0)
    internal static let allIPv6 = IPPrefix(containing: .v6(IPv6Address(high: 0, low: 0)), length: 0)

    /// The member as the ASA prints an expanded child: `any4`, `host A`, `A M`, `P/L`,
    /// `range A B`, `interface N`, `fqdn N`.
    public var description: String {
        switch self {
        case .any: return "any"
        case .any4: return "any4"
        case .any6: return "any6"
        case .prefix(let prefix):
            if prefix.length == prefix.family.bitWidth { return "host \(prefix.address)" }
            if prefix.family == .v4 {
                return "\(prefix.address) \(IPv4Address(NetworkMask.mask(prefixLength: prefix.length)))"
            }
            return prefix.description
        case .maskedIPv4(let network, let mask): return "\(IPv4Address(network)) \(IPv4Address(mask))"
        case .range(let first, let last): return "range \(first) \(last)"
        case .interface(let name, _): return "interface \(name)"
        case .fqdn(_, let name): return "fqdn \(name) (unresolved)"
        case .unresolved(let name): return "\(name) (unresolved)"
        }
    }
}
