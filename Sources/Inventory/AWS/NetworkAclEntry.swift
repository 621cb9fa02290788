import LPM

/// One numbered rule of a network ACL (`Entries[]`): stateless, evaluated lowest number first,
/// first match decides. Outbound rules test the destination, inbound rules the source; the port
/// range is always the destination port.
public struct NetworkAclEntry: Hashable, Sendable, Decodable {
    /// What a matching rule does.
    public enum Action: String, Hashable, Sendable, Decodable {
        /// The packet passes.
        case allow
        /// The packet is dropped.
        case deny
    }

    /// 1–32766 for user rules; 32767 is the fixed catch-all (`*`) deny.
    public var ruleNumber: Int
    /// True for outbound (leaving the subnet), false for inbound.
    public var egress: Bool
    /// `allow` or `deny`.
    public var ruleAction: Action
    /// The protocol as AWS writes it: `-1` (all) or a number (`6`, `17`, `1`, `58`).
    public var `protocol`: String
    /// The IPv4 or IPv6 range (`CidrBlock` or `Ipv6CidrBlock`).
    public var cidr: IPPrefix?
    /// TCP/UDP destination ports (`PortRange`).
    public var portRange: ClosedRange<Int>?
    /// The ICMP type (`IcmpTypeCode.Type`); `-1` for all.
    public var icmpType: Int?
    /// The ICMP code (`IcmpTypeCode.Code`); `-1` for all.
    public var icmpCode: Int?

    /// Creates an entry.
    public init(ruleNumber: Int, egress: Bool, ruleAction: Action, protocol: String, cidr: IPPrefix?,
                portRange: ClosedRange<Int>? = nil, icmpType: Int? = nil, icmpCode: Int? = nil) {
        self.ruleNumber = ruleNumber
        self.egress = egress
        self.ruleAction = ruleAction
        self.protocol = `protocol`
        self.cidr = cidr
        self.portRange = portRange
        self.icmpType = icmpType
        self.icmpCode = icmpCode
    }

    /// The IANA protocol number; nil for every protocol (`-1`).
    public var protocolNumber: Int? { ProtocolPorts.protocolNumber(`protocol`) }

    /// True for the fixed catch-all rule (`*`, number 32767).
    public var isCatchAll: Bool { ruleNumber == 32767 }

    /// The ports or ICMP type/code the entry matches.
    public var ports: ProtocolPorts {
        switch protocolNumber {
        case 1?, 58?: return ProtocolPorts(protocolNumber: protocolNumber, from: icmpType, to: icmpCode)
        default: return ProtocolPorts(protocolNumber: protocolNumber, from: portRange?.lowerBound, to: portRange?.upperBound)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case ruleNumber = "RuleNumber", egress = "Egress", ruleAction = "RuleAction", `protocol` = "Protocol"
        case cidrBlock = "CidrBlock", ipv6CidrBlock = "Ipv6CidrBlock", portRange = "PortRange"
        case icmpTypeCode = "IcmpTypeCode"
    }
    private struct Ports: Decodable { var From: Int?; var To: Int? }
    private struct TypeCode: Decodable {
        var type: Int?
        var code: Int?
        private enum CodingKeys: String, CodingKey { case type = "Type", code = "Code" }
    }

    /// Decodes one `Entries[]` element of `aws ec2 describe-network-acls` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ruleNumber = try c.decode(Int.self, forKey: .ruleNumber)
        egress = try c.decode(Bool.self, forKey: .egress)
        do {
            ruleAction = try c.decode(Action.self, forKey: .ruleAction)
        } catch DecodingError.dataCorrupted {
            throw DecodingError.dataCorruptedError(forKey: .ruleAction, in: c, debugDescription: "expected allow or deny")
        }
        `protocol` = try c.decode(String.self, forKey: .protocol)
        guard ProtocolPorts.isValidProtocol(`protocol`) else {
            throw DecodingError.dataCorruptedError(
                forKey: .protocol, in: c, debugDescription: "expected -1 or a protocol number 0-255, found '\(`protocol`)'")
        }
        if let v4 = try c.decodeIfPresent(CanonicalPrefixText.self, forKey: .cidrBlock) {
            cidr = v4.prefix
        } else {
            cidr = try c.decodeIfPresent(CanonicalPrefixText.self, forKey: .ipv6CidrBlock)?.prefix
        }
        if let ports = try c.decodeIfPresent(Ports.self, forKey: .portRange), let from = ports.From {
            let to = ports.To ?? from
            guard to >= from else {
                throw DecodingError.dataCorruptedError(
                    forKey: .portRange, in: c, debugDescription: "expected From ≤ To, found \(from)-\(to)")
            }
            portRange = from...to
        } else {
            portRange = nil
        }
        let typeCode = try c.decodeIfPresent(TypeCode.self, forKey: .icmpTypeCode)
        icmpType = typeCode?.type
        icmpCode = typeCode?.code
    }
}
