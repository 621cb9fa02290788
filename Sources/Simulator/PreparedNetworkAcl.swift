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
    /// What matching reads of each entry, worked out once (the protocol number is parsed from
    /// the entry's text, which would cost a string per entry and packet).
    private let outboundMatch: [EntryMatch]
    private let inboundMatch: [EntryMatch]

    /// An entry's protocol, ports and action.
    private struct EntryMatch: Sendable {
        let protocolNumber: Int?
        let ports: ProtocolPorts
        let allows: Bool

        init(_ entry: NetworkAclEntry) {
            protocolNumber = entry.protocolNumber
            ports = entry.ports
            allows = entry.ruleAction == .allow
        }
    }

    init(_ acl: NetworkAcl) {
        self.acl = acl
        outbound = acl.rules(egress: true)
        inbound = acl.rules(egress: false)
        outboundIndex = Self.index(outbound)
        inboundIndex = Self.index(inbound)
        outboundMatch = outbound.map(EntryMatch.init)
        inboundMatch = inbound.map(EntryMatch.init)
    }

    /// True when outbound entry `index` allows what it matches.
    func outboundAllows(_ index: Int) -> Bool { outboundMatch[index].allows }

    /// The outbound entry that decides a packet to `destination` (index into `outbound`), nil
    /// for the implicit `*` deny.
    func outboundEntry(destination: IPAddress, query: TraceQuery) -> Int? {
        let port = query.destinationPort.map(Int.init)
        for index in outboundIndex.rules(covering: destination) {
            let entry = outboundMatch[index]
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
        var reply = Reply(ipProtocol: Int(query.ipProtocol), icmpType: query.icmpType.map(Int.init),
                          icmpCode: query.icmpCode.map(Int.init))
        if query.ipProtocol == 1 || query.ipProtocol == 58 {
            // Echo request → echo reply; other ICMP messages have no reply to check.
            guard let type = query.icmpType, let replyType = Self.icmpReplyType(type, v6: query.ipProtocol == 58) else {
                return NetworkAclReturn(ports: nil, denied: [], decidingEntry: nil, allowedAll: true, allowedNone: false)
            }
            reply.icmpType = Int(replyType)
            reply.icmpCode = 0
        }
        let covering = inboundIndex.rules(covering: source)
        // Fast path: the first entry that meets the return decides all of it.
        let whole = wanted ?? 0...0
        for index in covering {
            let entry = inboundMatch[index]
            guard let coverage = Self.portsCovered(by: entry, wanted: wanted, reply: reply) else { continue }
            let allowed = entry.allows
            guard let covered = coverage else {
                return NetworkAclReturn(ports: wanted, whole: whole, entry: index, allowed: allowed)
            }
            if covered.lowerBound <= whole.lowerBound && whole.upperBound <= covered.upperBound {
                return NetworkAclReturn(ports: wanted, whole: whole, entry: index, allowed: allowed)
            }
            if covered.upperBound < whole.lowerBound || whole.upperBound < covered.lowerBound { continue }
            break
        }
        var remaining: [ClosedRange<Int>] = [whole]
        var allowed: [ClosedRange<Int>] = []
        var denied: [ClosedRange<Int>] = []
        var firstDeny: Int??
        var firstAllow: Int?
        for index in covering where !remaining.isEmpty {
            let entry = inboundMatch[index]
            guard let covered = Self.portsCovered(by: entry, wanted: wanted, reply: reply) else { continue }
            var rest: [ClosedRange<Int>] = []
            var hit = false
            for range in remaining {
                guard let covered else {
                    hit = true
                    if entry.allows { allowed.append(range) } else { denied.append(range) }
                    continue
                }
                let low = max(range.lowerBound, covered.lowerBound)
                let high = min(range.upperBound, covered.upperBound)
                guard low <= high else {
                    rest.append(range)
                    continue
                }
                hit = true
                if entry.allows { allowed.append(low...high) } else { denied.append(low...high) }
                if range.lowerBound < low { rest.append(range.lowerBound...(low - 1)) }
                if high < range.upperBound { rest.append((high + 1)...range.upperBound) }
            }
            remaining = rest
            if hit {
                if entry.allows, firstAllow == nil { firstAllow = index }
                if !entry.allows, firstDeny == nil { firstDeny = .some(index) }
            }
        }
        if !remaining.isEmpty {
            denied += remaining
            if firstDeny == nil { firstDeny = .some(nil) }
        }
        let allowedAll = denied.isEmpty
        let deciding: Int? = allowedAll ? firstAllow : (firstDeny ?? nil)
        return NetworkAclReturn(ports: wanted, denied: denied.sorted { $0.lowerBound < $1.lowerBound },
                                decidingEntry: deciding, allowedAll: allowedAll, allowedNone: allowed.isEmpty)
    }

    /// The part of the return's ports `entry` covers: nil when the entry does not apply to the
    /// return at all, `.some(nil)` when it covers every port (or the protocol has none).
    private static func portsCovered(by entry: EntryMatch, wanted: ClosedRange<Int>?, reply: Reply) -> ClosedRange<Int>?? {
        if let number = entry.protocolNumber, number != reply.ipProtocol { return nil }
        switch entry.ports {
        case .all:
            return .some(nil)
        case .ports(let range):
            return wanted == nil ? nil : .some(range)
        case .icmp:
            return entry.ports.matches(icmpType: reply.icmpType, icmpCode: reply.icmpCode) ? .some(nil) : nil
        }
    }

    /// The return packet as the inbound entries see it.
    private struct Reply {
        var ipProtocol: Int
        var icmpType: Int?
        var icmpCode: Int?
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
    /// The parts denied, in port order (empty when all are allowed).
    let denied: [ClosedRange<Int>]
    /// The inbound entry (index) that decided: the first deny when some part is denied (nil for
    /// the implicit `*` deny), else the first allow.
    let decidingEntry: Int?
    /// True when the whole return is allowed.
    let allowedAll: Bool
    /// True when none of the return is allowed.
    let allowedNone: Bool

    init(ports: ClosedRange<Int>?, denied: [ClosedRange<Int>], decidingEntry: Int?, allowedAll: Bool, allowedNone: Bool) {
        self.ports = ports
        self.denied = denied
        self.decidingEntry = decidingEntry
        self.allowedAll = allowedAll
        self.allowedNone = allowedNone
    }

    /// All of `whole` (the checked `ports`, or a stand-in range for a protocol without ports)
    /// decided by one entry.
    init(ports: ClosedRange<Int>?, whole: ClosedRange<Int>, entry: Int, allowed: Bool) {
        self.init(ports: ports, denied: allowed ? [] : [whole], decidingEntry: entry, allowedAll: allowed,
                  allowedNone: !allowed)
    }
}
