import LPM

/// An `interface ID` block: its name, security level and addresses (docs/cisco-firewall.md §2).
public struct FirewallInterface: Hashable, Sendable {
    /// An `ip address A M [standby S]` line.
    public struct IPv4Assignment: Hashable, Sendable {
        /// The interface address.
        public let address: IPv4Address
        /// The network mask.
        public let mask: IPv4Address
        /// The standby unit's address, if any.
        public let standby: IPv4Address?

        /// Creates an assignment.
        public init(address: IPv4Address, mask: IPv4Address, standby: IPv4Address? = nil) {
            self.address = address
            self.mask = mask
            self.standby = standby
        }
    }

    /// An `ipv6 address A/L` line.
    public struct IPv6Assignment: Hashable, Sendable {
        /// The interface address.
        public let address: IPv6Address
        /// The prefix length of the connected network.
        public let prefixLength: Int

        /// Creates an assignment.
        public init(address: IPv6Address, prefixLength: Int) {
            self.address = address
            self.prefixLength = prefixLength
        }
    }

    /// The hardware or logical ID after `interface` (`GigabitEthernet0/1`, `Port-channel1.100`).
    public let hardwareID: String
    /// `nameif NAME`: the name access groups, routes and traces use; nil when unnamed.
    public internal(set) var name: String?
    /// `security-level N` (0–100). When absent, the ASA's default: 100 for `inside`, else 0.
    public internal(set) var securityLevel: Int?
    /// IPv4 addresses.
    public internal(set) var ipv4: [IPv4Assignment] = []
    /// IPv6 addresses.
    public internal(set) var ipv6: [IPv6Assignment] = []
    /// `management-only`.
    public internal(set) var isManagementOnly = false
    /// `shutdown`.
    public internal(set) var isShutdown = false
    /// `description TEXT`.
    public internal(set) var description: String?
    /// The config-file line of the `interface` line.
    public let line: Int

    /// Creates an interface.
    public init(hardwareID: String, name: String? = nil, securityLevel: Int? = nil, line: Int) {
        self.hardwareID = hardwareID
        self.name = name
        self.securityLevel = securityLevel
        self.line = line
    }

    /// The security level in effect: the configured one, else 100 for `inside` and 0 otherwise.
    public var effectiveSecurityLevel: Int {
        securityLevel ?? (name?.lowercased() == "inside" ? 100 : 0)
    }

    /// The interface's own (active-unit) addresses, IPv4 first: what `interface NAME` matches.
    public var addresses: [IPAddress] {
        ipv4.map { .v4($0.address) } + ipv6.map { .v6($0.address) }
    }

    /// The directly connected networks (contiguous masks only).
    public var connectedPrefixes: [IPPrefix] {
        var result: [IPPrefix] = []
        for assignment in ipv4 {
            if let length = NetworkMask.prefixLength(of: assignment.mask.value) {
                result.append(IPPrefix(containing: .v4(assignment.address), length: length))
            }
        }
        for assignment in ipv6 {
            result.append(IPPrefix(containing: .v6(assignment.address), length: assignment.prefixLength))
        }
        return result
    }
}
