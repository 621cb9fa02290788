/// An `object-group network|service|protocol|icmp-type NAME` definition (docs/cisco-firewall.md §2).
///
/// Members are kept as written, with their config lines; `group-object` nesting is resolved
/// when an access list is expanded, to any depth, with cycles detected and reported.
public struct ObjectGroup: Hashable, Sendable {
    /// Which kind of group this is; it decides which members are allowed and where the group
    /// may appear in an access-list entry.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        /// `object-group network`: addresses; goes in a source or destination position.
        case network
        /// `object-group service NAME tcp|udp|tcp-udp`: `port-object` members; goes in a port
        /// position, where the entry's protocol decides TCP or UDP.
        case ports(PortGroupProtocol)
        /// `object-group service NAME`: `service-object` members; goes in the protocol position.
        case services
        /// `object-group protocol`: protocols; goes in the protocol position.
        case protocols
        /// `object-group icmp-type`: ICMP types; goes after the destination of an ICMP entry.
        case icmpTypes

        /// The kind as the config writes it (`network`, `service tcp`, `icmp-type`).
        public var description: String {
            switch self {
            case .network: return "network"
            case .ports(let p): return "service \(p.rawValue)"
            case .services: return "service"
            case .protocols: return "protocol"
            case .icmpTypes: return "icmp-type"
            }
        }

        /// True when two kinds may be nested with `group-object` (the same kind; port groups of
        /// any protocol nest with each other).
        public func canNest(_ other: Kind) -> Bool {
            switch (self, other) {
            case (.ports, .ports): return true
            default: return self == other
            }
        }
    }

    /// The protocol keyword of a port group.
    public enum PortGroupProtocol: String, Hashable, Sendable {
        /// `tcp`.
        case tcp
        /// `udp`.
        case udp
        /// `tcp-udp`.
        case tcpUDP = "tcp-udp"
    }

    /// One member line of a group.
    public enum Member: Hashable, Sendable {
        /// `network-object host A | A M | P/L | object NAME`.
        case network(AddressSpecifier)
        /// `port-object OP`.
        case port(PortOperator)
        /// `service-object ...`.
        case service(ServiceSpecification)
        /// `service-object object NAME`: a service object.
        case serviceObject(String)
        /// `protocol-object P`; nil is `ip` (every protocol).
        case protocolNumber(UInt8?)
        /// `icmp-object TYPE`, kept as written because the type number depends on whether the
        /// entry using the group is `icmp` or `icmp6`.
        case icmpType(String)
        /// `group-object NAME`: a nested group of the same kind.
        case group(String)
    }

    /// A member with the config line it came from.
    public struct Entry: Hashable, Sendable {
        /// The member.
        public let member: Member
        /// Its config line.
        public let line: Int

        /// Creates an entry.
        public init(member: Member, line: Int) {
            self.member = member
            self.line = line
        }
    }

    /// The group name (case-sensitive).
    public let name: String
    /// The kind of group.
    public let kind: Kind
    /// The members in config order.
    public internal(set) var entries: [Entry]
    /// The `description` text, if any.
    public internal(set) var description: String?
    /// The config line of the `object-group` line that opened the group.
    public let line: Int

    /// Creates a group.
    public init(name: String, kind: Kind, entries: [Entry] = [], description: String? = nil, line: Int) {
        self.name = name
        self.kind = kind
        self.entries = entries
        self.description = description
        self.line = line
    }
}
