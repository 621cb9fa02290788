import Inventory

/// How AWS matches a rule's protocol and ports against a packet; shared by security group rules
/// and network ACL entries.
enum ProtocolMatch {
    /// True when a rule for `protocolNumber` (nil: every protocol) and `ports` matches the
    /// query's protocol, with destination port `port`. A TCP/UDP packet without a known port
    /// matches every port range (the trace cannot tell).
    static func matches(protocolNumber: Int?, ports: ProtocolPorts, query: TraceQuery, port: Int?) -> Bool {
        if let protocolNumber, protocolNumber != Int(query.ipProtocol) { return false }
        switch ports {
        case .all: return true
        case .ports(let range): return port.map(range.contains) ?? true
        case .icmp: return ports.matches(icmpType: query.icmpType.map(Int.init), icmpCode: query.icmpCode.map(Int.init))
        }
    }
}
