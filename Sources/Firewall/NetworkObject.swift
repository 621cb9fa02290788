import LPM

/// An `object network NAME` definition (docs/cisco-firewall.md §2, §3).
///
/// The ASA's 8.3+ layout often opens the same object twice: once with its address, later with
/// only `nat (...)`. The parser merges the blocks, so a later block never erases the address.
public struct NetworkObject: Hashable, Sendable {
    /// What the object stands for.
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        /// `host A`.
        case host(IPAddress)
        /// `subnet A M` (IPv4, network mask, possibly non-contiguous).
        case subnet(IPv4Address, mask: IPv4Address)
        /// `subnet P/L` (IPv6).
        case ipv6Subnet(IPPrefix)
        /// `range A B`, both ends included; not a prefix in general.
        case range(IPAddress, IPAddress)
        /// `fqdn [v4|v6] NAME`: resolved by the device at run time, so it never matches offline.
        case fqdn(String, family: IPFamily?)

        /// The value as `show running-config` prints it.
        public var description: String {
            switch self {
            case .host(let address): return "host \(address)"
            case .subnet(let address, let mask): return "subnet \(address) \(mask)"
            case .ipv6Subnet(let prefix): return "subnet \(prefix)"
            case .range(let first, let last): return "range \(first) \(last)"
            case .fqdn(let name, let family):
                switch family {
                case .v4: return "fqdn v4 \(name)"
                case .v6: return "fqdn v6 \(name)"
                case nil: return "fqdn \(name)"
                }
            }
        }
    }

    /// The object name (case-sensitive).
    public let name: String
    /// The address the object stands for; nil when no block gave one (an error the parser reports).
    public internal(set) var value: Value?
    /// The `description` text, if any.
    public internal(set) var description: String?
    /// The config line of the first `object network NAME` block.
    public let line: Int

    /// Creates an object.
    public init(name: String, value: Value?, description: String? = nil, line: Int) {
        self.name = name
        self.value = value
        self.description = description
        self.line = line
    }
}
