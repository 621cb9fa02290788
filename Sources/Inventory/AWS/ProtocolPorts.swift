/// What traffic a security group rule or network ACL entry matches beyond its address: AWS's
/// protocol field and the port or ICMP fields that go with it, interpreted as EC2 does.
public enum ProtocolPorts: Hashable, Sendable {
    /// Every packet of the protocol (protocol `-1`, a protocol without ports, or ports given as all).
    case all
    /// TCP or UDP destination ports, inclusive.
    case ports(ClosedRange<Int>)
    /// ICMP or ICMPv6 type and code; nil means every type (then every code) or every code.
    case icmp(type: Int?, code: Int?)

    /// The IANA protocol number of AWS's protocol text (`-1` → nil, meaning every protocol):
    /// `tcp`, `udp`, `icmp`, `icmpv6` (any case) or a number 0–255. Nil for text that is neither,
    /// reported through `isValidProtocol`.
    public static func protocolNumber(_ text: String) -> Int? {
        switch text.lowercased() {
        case "-1", "all": return nil
        case "tcp": return 6
        case "udp": return 17
        case "icmp": return 1
        case "icmpv6": return 58
        default:
            guard let number = Int(text), (0...255).contains(number) else { return nil }
            return number
        }
    }

    /// True when `text` is a protocol AWS accepts: `-1`, a name above or a number 0–255.
    public static func isValidProtocol(_ text: String) -> Bool {
        text == "-1" || protocolNumber(text) != nil
    }

    /// The match for a protocol number (nil = every protocol) and AWS's `from`/`to` fields, which
    /// carry ports for TCP and UDP and type/code for ICMP and ICMPv6 (`-1` = all; type `-1`
    /// forces code `-1`). Other protocols ignore the fields.
    public init(protocolNumber: Int?, from: Int?, to: Int?) {
        switch protocolNumber {
        case 6?, 17?:
            guard let from, let to, from >= 0, to >= from else {
                self = .all
                return
            }
            self = .ports(from...to)
        case 1?, 58?:
            let type = from.flatMap { $0 < 0 ? nil : $0 }
            let code = type == nil ? nil : to.flatMap { $0 < 0 ? nil : $0 }
            self = type == nil && code == nil ? .all : .icmp(type: type, code: code)
        default:
            self = .all
        }
    }

    /// True when a packet with destination port `port` (TCP/UDP), or ICMP `type`/`code`, matches.
    public func matches(port: Int? = nil, icmpType: Int? = nil, icmpCode: Int? = nil) -> Bool {
        switch self {
        case .all:
            return true
        case .ports(let range):
            guard let port else { return false }
            return range.contains(port)
        case .icmp(let type, let code):
            if let type, type != icmpType { return false }
            if let code, code != icmpCode { return false }
            return true
        }
    }
}
