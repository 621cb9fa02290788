import LPM

/// A packet to classify, as packet-tracer describes one: where it arrives, its protocol, its
/// addresses and ports (or ICMP type and code).
public struct FirewallPacket: Hashable, Sendable, CustomStringConvertible {
    /// The nameif of the interface it arrives on.
    public var ingressInterface: String
    /// The nameif of the interface it leaves through, when known (for `out` access lists and the
    /// security-level policy); `FirewallClassifier` can find it with the route lookup.
    public var egressInterface: String?
    /// The IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6…).
    public var ipProtocol: UInt8
    /// The source address (real, untranslated: access groups match real addresses since 8.3).
    public var source: IPAddress
    /// The source port (TCP, UDP, SCTP; ignored otherwise).
    public var sourcePort: UInt16
    /// The destination address.
    public var destination: IPAddress
    /// The destination port (TCP, UDP, SCTP; ignored otherwise).
    public var destinationPort: UInt16
    /// The ICMP type (ICMP and ICMPv6; ignored otherwise).
    public var icmpType: UInt8
    /// The ICMP code (ICMP and ICMPv6; ignored otherwise).
    public var icmpCode: UInt8

    /// Creates a packet.
    public init(ingressInterface: String, egressInterface: String? = nil, ipProtocol: UInt8, source: IPAddress,
                sourcePort: UInt16 = 0, destination: IPAddress, destinationPort: UInt16 = 0, icmpType: UInt8 = 0,
                icmpCode: UInt8 = 0) {
        self.ingressInterface = ingressInterface
        self.egressInterface = egressInterface
        self.ipProtocol = ipProtocol
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    /// True when the protocol carries ports (TCP, UDP, SCTP).
    public var carriesPorts: Bool { IPProtocolTable.carriesPorts(ipProtocol) }

    /// True for ICMP and ICMPv6.
    public var isICMP: Bool { IPProtocolTable.isICMP(ipProtocol) }

    /// `tcp 10.0.41.20/40000 -> 103.47.244.10/443 on inside`.
    public var description: String {
        let proto = IPProtocolTable.name(for: ipProtocol)
        if carriesPorts {
            return "\(proto) \(source)/\(sourcePort) -> \(destination)/\(destinationPort) on \(ingressInterface)"
        }
        if isICMP {
            return "\(proto) \(source) -> \(destination) type \(icmpType) code \(icmpCode) on \(ingressInterface)"
        }
        return "\(proto) \(source) -> \(destination) on \(ingressInterface)"
    }
}
