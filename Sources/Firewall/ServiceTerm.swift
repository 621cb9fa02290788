/// One resolved member of the protocol position: a protocol with the port and ICMP filters a
/// service object or `service-object` line carries (none for a plain protocol).
public struct ServiceTerm: Hashable, Sendable {
    /// The IP protocol; nil is `ip` (every protocol).
    public let protocolNumber: UInt8?
    /// The service's own source-port filter.
    public let sourcePort: PortOperator?
    /// The service's own destination-port filter.
    public let destinationPort: PortOperator?
    /// The service's own ICMP filter.
    public let icmp: ICMPMatch?

    /// Creates a term.
    public init(protocolNumber: UInt8?, sourcePort: PortOperator? = nil, destinationPort: PortOperator? = nil,
                icmp: ICMPMatch? = nil) {
        self.protocolNumber = protocolNumber
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.icmp = icmp
    }

    /// The protocol as the ASA prints it.
    public var protocolText: String {
        protocolNumber.map(IPProtocolTable.name(for:)) ?? "ip"
    }

    /// The port-name table for printing this term's ports.
    public var portNames: PortNameTable.Table {
        protocolNumber.map(PortNameTable.table(forProtocol:)) ?? .tcp
    }

    /// True for ICMPv6.
    public var isICMP6: Bool { protocolNumber == IPProtocolTable.icmp6 }
}
