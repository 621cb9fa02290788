/// One service: a protocol with optional port or ICMP filters, as written after `service` in an
/// `object service` or after `service-object` in a service group (docs/cisco-firewall.md §2, §4).
public struct ServiceSpecification: Hashable, Sendable, CustomStringConvertible {
    /// The protocol part of a service.
    public enum ServiceProtocol: Hashable, Sendable {
        /// `ip`: every IP protocol.
        case ip
        /// One IP protocol number (names are resolved when parsing).
        case number(UInt8)
        /// `tcp-udp`: TCP and UDP with the same ports.
        case tcpUDP

        /// The protocol numbers this stands for; nil means every protocol.
        public var numbers: [UInt8]? {
            switch self {
            case .ip: return nil
            case .number(let n): return [n]
            case .tcpUDP: return [IPProtocolTable.tcp, IPProtocolTable.udp]
            }
        }
    }

    /// The protocol.
    public let serviceProtocol: ServiceProtocol
    /// `source OP`: the source-port filter, if any.
    public let sourcePort: PortOperator?
    /// `destination OP` (or an operator with no keyword): the destination-port filter, if any.
    public let destinationPort: PortOperator?
    /// `icmp TYPE [CODE]` / `icmp6 TYPE [CODE]`: the ICMP filter, if any.
    public let icmp: ICMPMatch?

    /// Creates a service.
    public init(serviceProtocol: ServiceProtocol, sourcePort: PortOperator? = nil,
                destinationPort: PortOperator? = nil, icmp: ICMPMatch? = nil) {
        self.serviceProtocol = serviceProtocol
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.icmp = icmp
    }

    /// The service as `show running-config` prints it (`tcp destination eq https`, `icmp echo`).
    public var description: String {
        var parts: [String]
        let table: PortNameTable.Table
        switch serviceProtocol {
        case .ip: parts = ["ip"]; table = .tcp
        case .tcpUDP: parts = ["tcp-udp"]; table = .tcp
        case .number(let n): parts = [IPProtocolTable.name(for: n)]; table = PortNameTable.table(forProtocol: n)
        }
        if let sourcePort { parts.append("source " + sourcePort.text(names: table)) }
        if let destinationPort { parts.append("destination " + destinationPort.text(names: table)) }
        if let icmp {
            if case .number(let n) = serviceProtocol {
                parts.append(icmp.text(icmp6: n == IPProtocolTable.icmp6))
            } else {
                parts.append(icmp.text(icmp6: false))
            }
        }
        return parts.joined(separator: " ")
    }
}
