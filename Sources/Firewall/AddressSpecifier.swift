import LPM

/// A source or destination as written in an access-list entry or a `network-object` line
/// (docs/cisco-firewall.md §2, §3).
public enum AddressSpecifier: Hashable, Sendable, CustomStringConvertible {
    /// `any`: every IPv4 and IPv6 address (ASA 9.0 and later).
    case any
    /// `any4`: every IPv4 address.
    case any4
    /// `any6`: every IPv6 address.
    case any6
    /// `host A`: exactly one address of either family.
    case host(IPAddress)
    /// `A M`: an IPv4 address and a network mask (not a wildcard). The mask may be
    /// non-contiguous (`255.0.0.192`); the address is kept as written.
    case network(IPv4Address, mask: IPv4Address)
    /// `P/L`: an IPv6 prefix.
    case ipv6Prefix(IPPrefix)
    /// `object NAME`: a network object.
    case object(String)
    /// `object-group NAME`: a network object group.
    case objectGroup(String)
    /// `interface NAME`: the addresses of the interface with that nameif (to-the-box traffic).
    case interface(String)

    /// The specifier as the ASA prints it.
    public var description: String {
        switch self {
        case .any: return "any"
        case .any4: return "any4"
        case .any6: return "any6"
        case .host(let address): return "host \(address)"
        case .network(let address, let mask): return "\(address) \(mask)"
        case .ipv6Prefix(let prefix): return prefix.description
        case .object(let name): return "object \(name)"
        case .objectGroup(let name): return "object-group \(name)"
        case .interface(let name): return "interface \(name)"
        }
    }
}
