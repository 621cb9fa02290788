import Firewall
import LPM
import TestSupport

/// Writes random but well-formed running-configs that stress the compiled classifier:
/// overlapping prefixes around a few anchors, ranges, non-contiguous masks, IPv6, nested
/// network/port/service/protocol/icmp-type groups (occasionally cyclic), service objects,
/// every port operator over a small set of colliding ports, inactive and time-ranged lines.
struct RandomACLGenerator {
    var rng: SplitMix64
    var lines: [String] = []
    var networkObjects: [String] = []
    var networkGroups: [String] = []
    var portGroups: [String] = []
    var serviceGroups: [String] = []
    var protocolGroups: [String] = []
    var icmpGroups: [String] = []
    var serviceObjects: [String] = []

    /// Ports around which operators and packets cluster, so boundaries collide.
    static let ports: [UInt16] = [0, 1, 22, 23, 53, 79, 80, 81, 443, 1023, 1024, 1025, 8080, 65534, 65535]
    static let v4Anchors: [UInt32] = [0x0A00_0000, 0x0A00_0100, 0xC000_0200, 0xC0A8_0000, 0xFFFF_FF00]
    static let v6Anchors: [(UInt64, UInt64)] = [(0x2001_0DB8_0000_0000, 0), (0x2001_0DB8_0000_0001, 0),
                                                  (0xFE80_0000_0000_0000, 1)]

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    // MARK: Addresses

    mutating func v4Address() -> UInt32 {
        let anchor = rng.pick(RandomACLGenerator.v4Anchors)
        switch rng.below(4) {
        case 0: return UInt32(truncatingIfNeeded: rng.next())
        case 1: return anchor
        default: return anchor ^ UInt32(truncatingIfNeeded: rng.next() >> UInt64(40 + rng.below(24)))
        }
    }

    mutating func v6Address() -> IPv6Address {
        let (high, low) = rng.pick(RandomACLGenerator.v6Anchors)
        switch rng.below(3) {
        case 0: return IPv6Address(high: high, low: low)
        case 1: return IPv6Address(high: high, low: low ^ (rng.next() >> UInt64(rng.below(64))))
        default: return IPv6Address(high: high ^ (rng.next() >> UInt64(32 + rng.below(32))), low: rng.next())
        }
    }

    mutating func v4Text() -> String { IPv4Address(v4Address()).description }

    mutating func mask() -> UInt32 {
        if rng.chance(10) {
            // Non-contiguous: a contiguous mask with a random hole or an extra low bit pattern.
            return [0xFF00_00C0, 0xFFFF_00FF, 0xFF00_FF00, 0xF0F0_F0F0][rng.below(4)]
        }
        return NetworkMask.mask(prefixLength: rng.pick([0, 8, 16, 20, 23, 24, 25, 28, 30, 31, 32]))
    }

    /// An address in an ACE position (may name objects and groups).
    mutating func addressSpecifier() -> String {
        switch rng.below(12) {
        case 0: return "any"
        case 1: return "any4"
        case 2: return "any6"
        case 3: return "host \(v4Text())"
        case 4: return "host \(v6Address())"
        case 5, 6: return "\(v4Text()) \(IPv4Address(mask()))"
        case 7: return IPPrefix(containing: .v6(v6Address()), length: rng.pick([0, 32, 48, 64, 96, 127, 128])).description
        case 8, 9: return networkObjects.isEmpty ? "any" : "object \(rng.pick(networkObjects))"
        case 10: return "interface outside"
        default: return networkGroups.isEmpty ? "any4" : "object-group \(rng.pick(networkGroups))"
        }
    }

    mutating func portText() -> String {
        let port = rng.pick(RandomACLGenerator.ports)
        if rng.chance(20) {
            let names = [22: "ssh", 23: "telnet", 53: "domain", 80: "www", 443: "https"]
            if let name = names[Int(port)] { return name }
        }
        return String(port)
    }

    mutating func portOperator() -> String {
        switch rng.below(5) {
        case 0: return "eq \(portText())"
        case 1: return "neq \(portText())"
        case 2: return "lt \(portText())"
        case 3: return "gt \(portText())"
        default:
            var a = rng.pick(RandomACLGenerator.ports)
            var b = rng.pick(RandomACLGenerator.ports)
            if a > b { swap(&a, &b) }
            return "range \(a) \(b)"
        }
    }

    // MARK: Definitions

    mutating func definitions() {
        lines += ["interface GigabitEthernet0/0", " nameif outside", " security-level 0",
                  " ip address 192.0.2.1 255.255.255.0", " ipv6 address 2001:db8::1/64",
                  "interface GigabitEthernet0/1", " nameif inside", " security-level 100",
                  " ip address 10.0.0.1 255.255.255.0"]
        for i in 0..<(4 + rng.below(6)) {
            let name = "obj\(i)"
            lines.append("object network \(name)")
            switch rng.below(6) {
            case 0: lines.append(" host \(v4Text())")
            case 1: lines.append(" subnet \(v4Text()) \(IPv4Address(mask()))")
            case 2:
                var a = v4Address()
                var b = a &+ UInt32(rng.below(3000))
                if a > b { swap(&a, &b) }
                lines.append(" range \(IPv4Address(a)) \(IPv4Address(b))")
            case 3: lines.append(" subnet \(IPPrefix(containing: .v6(v6Address()), length: rng.pick([48, 64, 120])))")
            case 4: lines.append(" fqdn v4 host\(i).example.com")
            default: lines.append(" host \(v6Address())")
            }
            networkObjects.append(name)
        }
        for i in 0..<(2 + rng.below(4)) {
            let name = "net\(i)"
            lines.append("object-group network \(name)")
            for _ in 0..<(1 + rng.below(4)) {
                switch rng.below(5) {
                case 0: lines.append(" network-object host \(v4Text())")
                case 1: lines.append(" network-object \(v4Text()) \(IPv4Address(mask()))")
                case 2:
                    let prefix = IPPrefix(containing: .v6(v6Address()), length: rng.pick([32, 64, 128]))
                    lines.append(" network-object \(prefix)")
                case 3:
                    if let object = networkObjects.randomElement(using: &rng) {
                        lines.append(" network-object object \(object)")
                    }
                default:
                    // Nest an earlier group; rarely a later one, which may close a cycle.
                    if !networkGroups.isEmpty { lines.append(" group-object \(rng.pick(networkGroups))") }
                    else if rng.chance(30) { lines.append(" group-object net\(i + 1)") }
                }
            }
            networkGroups.append(name)
        }
        for i in 0..<(1 + rng.below(3)) {
            let name = "ports\(i)"
            lines.append("object-group service \(name) \(rng.pick(["tcp", "udp", "tcp-udp"]))")
            for _ in 0..<(1 + rng.below(3)) {
                if !portGroups.isEmpty, rng.chance(25) {
                    lines.append(" group-object \(rng.pick(portGroups))")
                } else {
                    let op = portOperator()
                    // port-object takes eq and range only.
                    lines.append(" port-object " + (op.hasPrefix("range") || op.hasPrefix("eq") ? op : "eq \(portText())"))
                }
            }
            portGroups.append(name)
        }
        for i in 0..<(1 + rng.below(2)) {
            let name = "svcobj\(i)"
            lines.append("object service \(name)")
            lines.append(" service \(serviceSpecification())")
            serviceObjects.append(name)
        }
        for i in 0..<(1 + rng.below(3)) {
            let name = "svc\(i)"
            lines.append("object-group service \(name)")
            for _ in 0..<(1 + rng.below(4)) {
                switch rng.below(5) {
                case 0: if !serviceGroups.isEmpty { lines.append(" group-object \(rng.pick(serviceGroups))") }
                case 1: lines.append(" service-object object \(rng.pick(serviceObjects))")
                default: lines.append(" service-object \(serviceSpecification())")
                }
            }
            serviceGroups.append(name)
        }
        lines += ["object-group protocol protos0", " protocol-object tcp", " protocol-object udp",
                  "object-group protocol protos1", " protocol-object icmp", " protocol-object gre",
                  " group-object protos0"]
        protocolGroups = ["protos0", "protos1"]
        lines += ["object-group icmp-type icmps0", " icmp-object echo", " icmp-object 3",
                  "object-group icmp-type icmps1", " icmp-object time-exceeded", " group-object icmps0"]
        icmpGroups = ["icmps0", "icmps1"]
        lines += ["time-range tr-day", " periodic daily 8:00 to 17:59",
                  "time-range tr-2026", " absolute start 00:00 1 January 2026 end 23:59 31 December 2026"]
    }

    mutating func serviceSpecification() -> String {
        switch rng.below(7) {
        case 0: return "tcp destination \(portOperator())"
        case 1: return "udp source \(portOperator()) destination \(portOperator())"
        case 2: return "tcp-udp destination \(portOperator())"
        case 3: return "icmp \(rng.pick(["echo", "echo-reply", "unreachable 3", "8 0"]))"
        case 4: return "icmp6 \(rng.pick(["echo", "echo-reply"]))"
        case 5: return rng.pick(["gre", "ah", "ip", "esp"])
        default: return "tcp"
        }
    }

    // MARK: Access list

    mutating func entry(_ name: String) -> String {
        if rng.chance(8) { return "access-list \(name) remark random remark \(rng.below(1000))" }
        var parts = ["access-list", name, "extended", rng.chance(60) ? "permit" : "deny"]
        let kind = rng.below(9)
        var ports = false
        var icmpKind: String?
        switch kind {
        case 0: parts.append("ip")
        case 1, 2: parts.append("tcp"); ports = true
        case 3: parts.append("udp"); ports = true
        case 4: parts.append("icmp"); icmpKind = "icmp"
        case 5: parts.append("icmp6"); icmpKind = "icmp6"
        case 6: parts.append("object-group \(rng.pick(protocolGroups))"); ports = true
        case 7: parts.append("object-group \(rng.pick(serviceGroups))")
        default: parts.append("object \(rng.pick(serviceObjects))")
        }
        parts.append(addressSpecifier())
        if ports && rng.chance(30) {
            parts.append(rng.chance(30) ? "object-group \(rng.pick(portGroups))" : portOperator())
        }
        parts.append(addressSpecifier())
        if ports && rng.chance(60) {
            parts.append(rng.chance(35) ? "object-group \(rng.pick(portGroups))" : portOperator())
        } else if let icmpKind, rng.chance(60) {
            if icmpKind == "icmp" && rng.chance(40) {
                parts.append("object-group \(rng.pick(icmpGroups))")
            } else {
                parts.append(rng.pick(["echo", "echo-reply", "3", "unreachable 1", "11 0"]))
            }
        }
        if rng.chance(15) { parts.append("log") }
        if rng.chance(12) { parts.append("time-range \(rng.pick(["tr-day", "tr-2026"]))") }
        if rng.chance(10) { parts.append("inactive") }
        return parts.joined(separator: " ")
    }

    /// A config with an inbound list on `outside`, sometimes a global list too.
    mutating func config(entries: Int) -> String {
        definitions()
        for _ in 0..<entries { lines.append(entry("acl_out")) }
        lines.append("access-group acl_out in interface outside")
        if rng.chance(50) {
            for _ in 0..<(entries / 3) { lines.append(entry("acl_global")) }
            lines.append("access-group acl_global global")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Packets

    mutating func packet() -> FirewallPacket {
        let v6 = rng.chance(30)
        let source: IPAddress = v6 ? .v6(v6Address()) : .v4(IPv4Address(v4Address()))
        var destination: IPAddress = v6 ? .v6(v6Address()) : .v4(IPv4Address(v4Address()))
        if !v6 && rng.chance(5) { destination = .v4(IPv4Address(192, 0, 2, 1)) }
        let proto: UInt8 = v6 ? rng.pick([6, 17, 58, 47, 132]) : rng.pick([6, 6, 17, 1, 47, 50, 51, 132])
        func port(_ rng: inout SplitMix64) -> UInt16 {
            let base = rng.pick(RandomACLGenerator.ports)
            switch rng.below(4) {
            case 0: return base &+ 1
            case 1: return base &- 1
            case 2: return UInt16(truncatingIfNeeded: rng.next())
            default: return base
            }
        }
        return FirewallPacket(ingressInterface: rng.chance(85) ? "outside" : "inside", ipProtocol: proto,
                              source: source, sourcePort: port(&rng), destination: destination,
                              destinationPort: port(&rng), icmpType: rng.pick([0, 3, 8, 11, 128, 129]),
                              icmpCode: rng.pick([0, 0, 1, 3]))
    }
}

extension Array {
    /// A random element drawn from `rng`, nil when empty.
    func randomElement(using rng: inout SplitMix64) -> Element? {
        isEmpty ? nil : self[rng.below(count)]
    }
}
