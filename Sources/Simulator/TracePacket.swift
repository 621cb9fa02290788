/// The packet as trace notes name it (`tcp/443`, `udp`, `icmp type 8 code 0`, `protocol 47`),
/// kept as the query's numbers and written out only when a note is read.
public struct TracePacket: Hashable, Sendable, CustomStringConvertible {
    /// The IP protocol number.
    public let ipProtocol: UInt8
    /// The destination port (TCP and UDP only).
    public let port: UInt16?
    /// The ICMP type (ICMP and ICMPv6 only).
    public let icmpType: UInt8?
    /// The ICMP code (only with a type).
    public let icmpCode: UInt8?

    /// The packet of `query`, keeping only what its name shows (two packets are equal when they
    /// read the same).
    public init(_ query: TraceQuery) {
        ipProtocol = query.ipProtocol
        switch query.ipProtocol {
        case 6, 17:
            port = query.destinationPort
            icmpType = nil
            icmpCode = nil
        case 1, 58:
            port = nil
            icmpType = query.icmpType
            icmpCode = query.icmpType == nil ? nil : query.icmpCode
        default:
            port = nil
            icmpType = nil
            icmpCode = nil
        }
    }

    /// `tcp/443`, `udp`, `icmp type 8 code 0`, `protocol 47`.
    public var description: String {
        switch ipProtocol {
        case 6, 17:
            let name = ipProtocol == 6 ? "tcp" : "udp"
            return port.map { "\(name)/\($0)" } ?? name
        case 1, 58:
            let name = ipProtocol == 1 ? "icmp" : "icmpv6"
            guard let icmpType else { return name }
            return "\(name) type \(icmpType)" + (icmpCode.map { " code \($0)" } ?? "")
        default:
            return "protocol \(ipProtocol)"
        }
    }
}
