import Inventory
import LPM

/// A subnet's network ACL prepared once per Snapshot: each direction's entries lowest rule number
/// first, with their CIDRs in a prefix table, so that a packet's first matching entry is one
/// longest-prefix match and a short walk.
final class PreparedNetworkAcl: Sendable {
    /// The Linux ephemeral port range (`ip_local_port_range`), used for the return when the
    /// query gives no source port.
    static let linuxEphemeralPorts = 32768...60999

    let acl: NetworkAcl
    /// Outbound entries, lowest rule number first.
    let outbound: [NetworkAclEntry]
    /// Inbound entries, lowest rule number first.
    let inbound: [NetworkAclEntry]
    private let outboundIndex: CoveringRules
    private let inboundIndex: CoveringRules

    init(_ acl: NetworkAcl) {
        self.acl = acl
        outbound = acl.rules(egress: true)
        inbound = acl.rules(egress: false)
        outboundIndex = Self.index(outbound)
        inboundIndex = Self.index(inbound)
    }

    /// The outbound entry that decides a packet to `destination` (index into `outbound`), nil
    /// for the implicit `*` deny.
    func outboundEntry(destination: IPAddress, query: TraceQuery) -> Int? {
        let port = query.destinationPort.map(Int.init)
        for index in outboundIndex.rules(covering: destination) {
            let entry = outbound[index]
            if ProtocolMatch.matches(protocolNumber: entry.protocolNumber, ports: entry.ports, query: query, port: port) {
                return index
            }
        }
        return nil
    }

    /// Evaluates the inbound entries for the return of the query's packet from `source` (the
    /// destination answering), whose destination port is the query's source port, or any port
    /// of `ports` when the query gives none.
    func returnTraffic(from source: IPAddress, query: TraceQuery) -> NetworkAclReturn {
        let wanted: ClosedRange<Int>? = switch query.ipProtocol {
        case 6, 17: query.sourcePort.map { Int($0)...Int($0) } ?? Self.linuxEphemeralPorts
        default: nil
        }
        var reply = query
        if query.ipProtocol == 1 || query.ipProtocol == 58 {
            // Echo request → echo reply; other ICMP messages have no reply to check.
            guard let type = query.icmpType, let replyType = Self.icmpReplyType(type, v6: query.ipProtocol == 58) else {
                return NetworkAclReturn(ports: nil, allowed: [], denied: [], decidingEntry: nil, allowedAll: true)
            }
            reply.icmpType = replyType
            reply.icmpCode = 0
        }
        var remaining: [ClosedRange<Int>] = wanted.map { [$0] } ?? [0...0]
        var allowed: [ClosedRange<Int>] = []
        var denied: [ClosedRange<Int>] = []
        var firstDeny: Int??
        var firstAllow: Int?
        for index in inboundIndex.rules(covering: source) where !remaining.isEmpty {
            let entry = inbound[index]
            if let number = entry.protocolNumber, number != Int(query.ipProtocol) { continue }
            let covered: ClosedRange<Int>?
            switch entry.ports {
            case .all: covered = nil
            case .ports(let range):
                guard wanted != nil else { continue }
                covered = range
            case .icmp:
                guard entry.ports.matches(icmpType: reply.icmpType.map(Int.init), icmpCode: reply.icmpCode.map(Int.init)) else {
                    continue
                }
                covered = nil
            }
            var rest: [ClosedRange<Int>] = []
            var hit = false
            for range in remaining {
                guard let covered else {
                    hit = true
                    if entry.ruleAction == .allow { allowed.append(range) } else { denied.append(range) }
                    continue
                }
                let low = max(range.lowerBound, covered.lowerBound)
                let high = min(range.upperBound, covered.upperBound)
                guard low <= high else {
                    rest.append(range)
                    continue
                }
                hit = true
                if entry.ruleAction == .allow { allowed.append(low...high) } else { denied.append(low...high) }
                if range.lowerBound < low { rest.append(range.lowerBound...(low - 1)) }
                if high < range.upperBound { rest.append((high + 1)...range.upperBound) }
            }
            remaining = rest
            if hit {
                if entry.ruleAction == .allow, firstAllow == nil { firstAllow = index }
                if entry.ruleAction == .deny, firstDeny == nil { firstDeny = .some(index) }
            }
        }
        if !remaining.isEmpty {
            denied += remaining
            if firstDeny == nil { firstDeny = .some(nil) }
        }
        let allowedAll = denied.isEmpty
        let deciding: Int? = allowedAll ? firstAllow : (firstDeny ?? nil)
        return NetworkAclReturn(ports: wanted, allowed: allowed.sorted { $0.lowerBound < $1.lowerBound },
                                denied: denied.sorted { $0.lowerBound < $1.lowerBound }, decidingEntry: deciding,
                                allowedAll: allowedAll)
    }

    private static func index(_ entries: [NetworkAclEntry]) -> CoveringRules {
        var prefixes: [(prefix: IPPrefix, rule: Int)] = []
        for (index, entry) in entries.enumerated() {
            if let cidr = entry.cidr { prefixes.append((prefix: cidr, rule: index)) }
        }
        return CoveringRules(prefixes)
    }

    private static func icmpReplyType(_ type: UInt8, v6: Bool) -> UInt8? {
        if v6 { return type == 128 ? 129 : nil }
        switch type {
        case 8: return 0
        case 13: return 14
        default: return nil
        }
    }
}

/// What a network ACL's inbound entries do with the return of a packet.
struct NetworkAclReturn: Sendable {
    /// The destination ports of the return that were checked (nil: a protocol without ports).
    let ports: ClosedRange<Int>?
    /// The parts allowed and denied, in port order.
    let allowed: [ClosedRange<Int>]
    let denied: [ClosedRange<Int>]
    /// The inbound entry (index) that decided: the first deny when some part is denied (nil for
    /// the implicit `*` deny), else the first allow.
    let decidingEntry: Int?
    /// True when the whole return is allowed.
    let allowedAll: Bool

    /// True when none of the return is allowed.
    var allowedNone: Bool { allowed.isEmpty && !allowedAll }
}
