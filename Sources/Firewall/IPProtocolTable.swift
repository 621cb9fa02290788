/// The IP protocol names a Cisco ASA accepts in an access-list entry and prints in its show output,
/// with their IANA numbers (docs/cisco-firewall.md §3).
public enum IPProtocolTable {
    /// TCP, protocol 6.
    public static let tcp: UInt8 = 6
    /// UDP, protocol 17.
    public static let udp: UInt8 = 17
    /// SCTP, protocol 132.
    public static let sctp: UInt8 = 132
    /// ICMP (IPv4), protocol 1.
    public static let icmp: UInt8 = 1
    /// ICMPv6, protocol 58.
    public static let icmp6: UInt8 = 58

    /// Name → number. `ipsec` (= esp) and `pptp` (= gre) are ASA aliases the docs mark UNCONFIRMED.
    private static let numbers: [String: UInt8] = [
        "icmp": 1, "igmp": 2, "ipinip": 4, "tcp": 6, "igrp": 9, "udp": 17, "gre": 47, "esp": 50, "ah": 51,
        "icmp6": 58, "eigrp": 88, "ospf": 89, "nos": 94, "pim": 103, "pcp": 108, "snp": 109, "sctp": 132,
        "ipsec": 50, "pptp": 47,
    ]

    /// Number → the name the ASA prints.
    private static let names: [UInt8: String] = [
        1: "icmp", 2: "igmp", 4: "ipinip", 6: "tcp", 9: "igrp", 17: "udp", 47: "gre", 50: "esp", 51: "ah",
        58: "icmp6", 88: "eigrp", 89: "ospf", 94: "nos", 103: "pim", 108: "pcp", 109: "snp", 132: "sctp",
    ]

    /// The protocol number for a name (case-insensitive) or a decimal number 0–255.
    public static func number(for text: String) -> UInt8? {
        if let value = UInt8(text) { return value }
        return numbers[text.lowercased()]
    }

    /// The name the ASA prints for `number`, or the number in decimal.
    public static func name(for number: UInt8) -> String {
        names[number] ?? String(number)
    }

    /// True for `ipsec` and `pptp`, the aliases no source in the docs confirms.
    public static func isUnconfirmedAlias(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "ipsec" || lower == "pptp"
    }

    /// True for the protocols whose packets carry ports an ACE can filter on: TCP, UDP and SCTP.
    @inlinable
    public static func carriesPorts(_ number: UInt8) -> Bool {
        number == 6 || number == 17 || number == 132
    }

    /// True for ICMP and ICMPv6, whose packets carry a type and code an ACE can filter on.
    @inlinable
    public static func isICMP(_ number: UInt8) -> Bool {
        number == 1 || number == 58
    }
}
