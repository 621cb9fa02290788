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
    public var ruleNumber: Int {
        get { Int(storedRuleNumber) }
        set { storedRuleNumber = Int32(clamping: newValue) }
    }
    /// The protocol as AWS writes it: `-1` (all) or a number (`6`, `17`, `1`, `58`).
    public var `protocol`: String
    /// The IPv4 or IPv6 range (`CidrBlock` or `Ipv6CidrBlock`).
    public var cidr: IPPrefix?
    /// True for outbound (leaving the subnet), false for inbound.
    public var egress: Bool
    /// `allow` or `deny`.
    public var ruleAction: Action
    /// TCP/UDP destination ports (`PortRange`).
    public var portRange: ClosedRange<Int>? {
        get { hasPortRange ? Int(portFrom)...Int(portTo) : nil }
        set {
            hasPortRange = newValue != nil
            portFrom = newValue.map { Int32(clamping: $0.lowerBound) } ?? 0
            portTo = newValue.map { Int32(clamping: $0.upperBound) } ?? 0
        }
    }
    /// The ICMP type (`IcmpTypeCode.Type`); `-1` for all.
    public var icmpType: Int? {
        get { storedIcmpType == Self.absent ? nil : Int(storedIcmpType) }
        set { storedIcmpType = Self.stored(newValue) }
    }
    /// The ICMP code (`IcmpTypeCode.Code`); `-1` for all.
    public var icmpCode: Int? {
        get { storedIcmpCode == Self.absent ? nil : Int(storedIcmpCode) }
        set { storedIcmpCode = Self.stored(newValue) }
    }

    // Stored properties are declared in this order so that they pack, and the numbers are kept in
    // 32 bits: an entry is 72 bytes instead of 128. A VPC's ACLs hold ~10⁵ entries, twice (as
    // decoded and as prepared for traces). The decoders reject values outside AWS's ranges
    // (`problem(…)`); the initializer clamps what does not fit in 32 bits.
    private var hasPortRange: Bool
    private var storedRuleNumber: Int32
    private var portFrom: Int32
    private var portTo: Int32
    private var storedIcmpType: Int32
    private var storedIcmpCode: Int32

    /// `storedIcmpType`/`storedIcmpCode` when the field is absent.
    private static let absent = Int32.min
    private static func stored(_ value: Int?) -> Int32 {
        value.map { max(Int32(clamping: $0), absent + 1) } ?? absent
    }

    /// Creates an entry.
    public init(ruleNumber: Int, egress: Bool, ruleAction: Action, protocol: String, cidr: IPPrefix?,
                portRange: ClosedRange<Int>? = nil, icmpType: Int? = nil, icmpCode: Int? = nil) {
        storedRuleNumber = Int32(clamping: ruleNumber)
        self.egress = egress
        self.ruleAction = ruleAction
        self.protocol = `protocol`
        self.cidr = cidr
        hasPortRange = portRange != nil
        portFrom = portRange.map { Int32(clamping: $0.lowerBound) } ?? 0
        portTo = portRange.map { Int32(clamping: $0.upperBound) } ?? 0
        storedIcmpType = Self.stored(icmpType)
        storedIcmpCode = Self.stored(icmpCode)
    }

    /// What is wrong with an entry's numbers as AWS documents them (rule number 1–32767, ports
    /// 0–65535, ICMP type and code -1–255), or nil when they are in range.
    public static func problem(ruleNumber: Int, portRange: ClosedRange<Int>?, icmpType: Int?, icmpCode: Int?) -> String? {
        if !(1...32767).contains(ruleNumber) { return "expected a rule number 1-32767, found \(ruleNumber)" }
        if let portRange, portRange.lowerBound < 0 || portRange.upperBound > 65535 {
            return "expected ports 0-65535, found \(portRange.lowerBound)-\(portRange.upperBound)"
        }
        for value in [icmpType, icmpCode].compactMap({ $0 }) where !(-1...255).contains(value) {
            return "expected an ICMP type and code -1-255, found \(value)"
        }
        return nil
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
        let ruleNumber = try c.decode(Int.self, forKey: .ruleNumber)
        let egress = try c.decode(Bool.self, forKey: .egress)
        let ruleAction: Action
        do {
            ruleAction = try c.decode(Action.self, forKey: .ruleAction)
        } catch DecodingError.dataCorrupted {
            throw DecodingError.dataCorruptedError(forKey: .ruleAction, in: c, debugDescription: "expected allow or deny")
        }
        let protocolText = try c.decode(String.self, forKey: .protocol)
        guard ProtocolPorts.isValidProtocol(protocolText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .protocol, in: c, debugDescription: "expected -1 or a protocol number 0-255, found '\(protocolText)'")
        }
        let cidr: IPPrefix?
        if let v4 = try c.decodeIfPresent(CanonicalPrefixText.self, forKey: .cidrBlock) {
            cidr = v4.prefix
        } else {
            cidr = try c.decodeIfPresent(CanonicalPrefixText.self, forKey: .ipv6CidrBlock)?.prefix
        }
        var portRange: ClosedRange<Int>?
        if let ports = try c.decodeIfPresent(Ports.self, forKey: .portRange), let from = ports.From {
            let to = ports.To ?? from
            guard to >= from else {
                throw DecodingError.dataCorruptedError(
                    forKey: .portRange, in: c, debugDescription: "expected From ≤ To, found \(from)-\(to)")
            }
            portRange = from...to
        }
        let typeCode = try c.decodeIfPresent(TypeCode.self, forKey: .icmpTypeCode)
        if let problem = Self.problem(ruleNumber: ruleNumber, portRange: portRange,
                                      icmpType: typeCode?.type, icmpCode: typeCode?.code) {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: c.codingPath, debugDescription: problem))
        }
        self.init(ruleNumber: ruleNumber, egress: egress, ruleAction: ruleAction, protocol: protocolText, cidr: cidr,
                  portRange: portRange, icmpType: typeCode?.type, icmpCode: typeCode?.code)
    }
}
