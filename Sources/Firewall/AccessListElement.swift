import LPM

/// One expanded child of an access-list entry: a single protocol/service × source ×
/// source port × destination × destination port (or ICMP type) combination, as
/// `show access-list` lists under an entry that uses objects (docs/cisco-firewall.md §6).
///
/// Children share their parent's line number; an entry without objects has exactly one.
public struct AccessListElement: Hashable, Sendable {
    /// The protocol position member (with a service's own filters).
    public let service: ServiceTerm
    /// The source member.
    public let source: AddressMember
    /// The source-port comparison from the entry's port position, if any.
    public let sourcePort: PortOperator?
    /// The destination member.
    public let destination: AddressMember
    /// The destination-port comparison from the entry's port position, if any.
    public let destinationPort: PortOperator?
    /// The ICMP type from the entry's ICMP position, if any.
    public let icmp: ICMPMatch?

    /// Creates an element.
    public init(service: ServiceTerm, source: AddressMember, sourcePort: PortOperator?,
                destination: AddressMember, destinationPort: PortOperator?, icmp: ICMPMatch?) {
        self.service = service
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
        self.icmp = icmp
    }

    /// True when `packet` matches every field: protocol, source, source port, destination,
    /// destination port or ICMP type. A port filter never matches a packet without ports; an
    /// ICMP filter never matches a non-ICMP packet; `treatingFQDNAsMatching` lets FQDN members
    /// match any address of their family (used only to say which lines *could* match).
    public func matches(_ packet: FirewallPacket, treatingFQDNAsMatching: Bool = false) -> Bool {
        if let p = service.protocolNumber, p != packet.ipProtocol { return false }
        guard AccessListElement.address(source, packet.source, treatingFQDNAsMatching),
              AccessListElement.address(destination, packet.destination, treatingFQDNAsMatching)
        else { return false }
        let ports = packet.carriesPorts
        guard AccessListElement.port(service.sourcePort, ports, packet.sourcePort),
              AccessListElement.port(sourcePort, ports, packet.sourcePort),
              AccessListElement.port(service.destinationPort, ports, packet.destinationPort),
              AccessListElement.port(destinationPort, ports, packet.destinationPort)
        else { return false }
        let isICMP = packet.isICMP
        guard AccessListElement.icmp(service.icmp, isICMP, packet),
              AccessListElement.icmp(icmp, isICMP, packet)
        else { return false }
        return true
    }

    @inline(__always)
    private static func port(_ filter: PortOperator?, _ carriesPorts: Bool, _ port: UInt16) -> Bool {
        guard let filter else { return true }
        return carriesPorts && filter.matches(port)
    }

    @inline(__always)
    private static func icmp(_ filter: ICMPMatch?, _ isICMP: Bool, _ packet: FirewallPacket) -> Bool {
        guard let filter else { return true }
        return isICMP && filter.matches(type: packet.icmpType, code: packet.icmpCode)
    }

    private static func address(_ member: AddressMember, _ address: IPAddress, _ fqdnMatches: Bool) -> Bool {
        if fqdnMatches, case .fqdn = member { return true }
        return member.matches(address)
    }

    /// The child as `show access-list` prints it, without hit count and hash:
    /// `access-list NAME line N extended permit tcp host A B M eq https`.
    public func text(accessList: String, lineNumber: Int, kind: AccessControlEntry.Kind,
                     action: AccessControlEntry.Action) -> String {
        var parts = ["access-list", accessList, "line", String(lineNumber), kind.rawValue, action.rawValue,
                     service.protocolText, source.description]
        let names = service.portNames
        if let p = service.sourcePort ?? sourcePort { parts.append(p.text(names: names)) }
        if let p = service.sourcePort, let q = sourcePort, p != q { parts.append(q.text(names: names)) }
        parts.append(destination.description)
        if let p = service.destinationPort ?? destinationPort { parts.append(p.text(names: names)) }
        if let p = service.destinationPort, let q = destinationPort, p != q { parts.append(q.text(names: names)) }
        if let m = service.icmp ?? icmp { parts.append(m.text(icmp6: service.isICMP6)) }
        if let m = service.icmp, let n = icmp, m != n { parts.append(n.text(icmp6: service.isICMP6)) }
        return parts.joined(separator: " ")
    }
}
