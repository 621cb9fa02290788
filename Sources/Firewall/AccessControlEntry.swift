import LPM

/// One configured `access-list NAME extended|advanced ...` line (docs/cisco-firewall.md §2).
///
/// It keeps the parts as written (object and group names unresolved) plus the line text as
/// configured; `AccessList` gives it its `show access-list` line number.
public struct AccessControlEntry: Hashable, Sendable {
    /// What the entry does with a matching packet.
    public enum Action: String, Hashable, Sendable {
        /// `permit`.
        case permit
        /// `deny`.
        case deny
        /// `trust` (FTD `advanced` entries): passes without deep inspection; a permit here.
        case trust

        /// True for `permit` and `trust`.
        public var permits: Bool { self != .deny }
    }

    /// What stands in the protocol position.
    public enum ProtocolSpecifier: Hashable, Sendable, CustomStringConvertible {
        /// `ip`: every IP protocol.
        case ip
        /// A protocol name or number, resolved to its number.
        case number(UInt8)
        /// `object-group NAME`: a protocol group or a service group.
        case objectGroup(String)
        /// `object NAME`: a service object.
        case object(String)

        /// As the ASA prints it.
        public var description: String {
            switch self {
            case .ip: return "ip"
            case .number(let n): return IPProtocolTable.name(for: n)
            case .objectGroup(let name): return "object-group \(name)"
            case .object(let name): return "object \(name)"
            }
        }
    }

    /// What stands in a port position.
    public enum PortSpecifier: Hashable, Sendable {
        /// `eq|neq|lt|gt P` or `range A B`.
        case compare(PortOperator)
        /// `object-group NAME`: a `tcp`, `udp` or `tcp-udp` port group.
        case objectGroup(String)
    }

    /// What stands after the destination of an ICMP entry.
    public enum ICMPSpecifier: Hashable, Sendable {
        /// A type, optionally with a code.
        case type(ICMPMatch)
        /// `object-group NAME`: an icmp-type group.
        case objectGroup(String)
    }

    /// `extended` or FTD's `advanced`.
    public enum Kind: String, Hashable, Sendable {
        /// `access-list NAME extended ...`.
        case extended
        /// `access-list NAME advanced ...` (FTD LINA, FMC-generated rules).
        case advanced
    }

    /// The access list this line belongs to.
    public let accessList: String
    /// `extended` or `advanced`.
    public let kind: Kind
    /// permit, deny or trust.
    public let action: Action
    /// The protocol position.
    public let protocolSpecifier: ProtocolSpecifier
    /// `ifc NAME` before the source (FTD `advanced` entries): the ingress interface it requires.
    public let sourceInterface: String?
    /// The source.
    public let source: AddressSpecifier
    /// The source-port filter (a port argument right after the source).
    public let sourcePort: PortSpecifier?
    /// `ifc NAME` before the destination (FTD `advanced` entries); not evaluated, see the verdict notes.
    public let destinationInterface: String?
    /// The destination.
    public let destination: AddressSpecifier
    /// The destination-port filter (a port argument after the destination).
    public let destinationPort: PortSpecifier?
    /// The ICMP type filter (after the destination of an ICMP entry).
    public let icmp: ICMPSpecifier?
    /// The `log ...` options as written, if any (`log`, `log 6 interval 300`, `log disable`).
    public let log: String?
    /// `time-range NAME`: the entry is active only while that time range is.
    public let timeRange: String?
    /// `inactive`: the entry never matches but keeps its line number.
    public let isInactive: Bool
    /// `rule-id N` (FTD).
    public let ruleID: UInt64?
    /// The line as configured, whitespace collapsed (`access-list X extended permit ...`).
    public let text: String
    /// The config-file line it came from.
    public let line: Int

    /// Creates an entry.
    public init(
        accessList: String, kind: Kind = .extended, action: Action, protocolSpecifier: ProtocolSpecifier,
        sourceInterface: String? = nil, source: AddressSpecifier, sourcePort: PortSpecifier? = nil,
        destinationInterface: String? = nil, destination: AddressSpecifier, destinationPort: PortSpecifier? = nil,
        icmp: ICMPSpecifier? = nil, log: String? = nil, timeRange: String? = nil, isInactive: Bool = false,
        ruleID: UInt64? = nil, text: String, line: Int
    ) {
        self.accessList = accessList
        self.kind = kind
        self.action = action
        self.protocolSpecifier = protocolSpecifier
        self.sourceInterface = sourceInterface
        self.source = source
        self.sourcePort = sourcePort
        self.destinationInterface = destinationInterface
        self.destination = destination
        self.destinationPort = destinationPort
        self.icmp = icmp
        self.log = log
        self.timeRange = timeRange
        self.isInactive = isInactive
        self.ruleID = ruleID
        self.text = text
        self.line = line
    }
}
