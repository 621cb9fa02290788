/// ICMP and ICMPv6 type names as the ASA accepts and prints them (docs/cisco-firewall.md §5).
///
/// The ICMPv6 names are the ASA's `icmp6` keywords with their IANA numbers; the docs list only
/// the ICMPv4 table, so these are beyond what the docs confirm.
public enum ICMPTypeTable {
    private static let v4: [String: UInt8] = [
        "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "alternate-address": 6,
        "echo": 8, "router-advertisement": 9, "router-solicitation": 10, "time-exceeded": 11,
        "parameter-problem": 12, "timestamp-request": 13, "timestamp-reply": 14, "information-request": 15,
        "information-reply": 16, "mask-request": 17, "mask-reply": 18, "traceroute": 30,
        "conversion-error": 31, "mobile-redirect": 32,
    ]

    private static let v6: [String: UInt8] = [
        "unreachable": 1, "packet-too-big": 2, "time-exceeded": 3, "parameter-problem": 4, "echo": 128,
        "echo-reply": 129, "membership-query": 130, "membership-report": 131, "membership-reduction": 132,
        "router-solicitation": 133, "router-advertisement": 134, "neighbor-solicitation": 135,
        "neighbor-advertisement": 136, "neighbor-redirect": 137, "router-renumbering": 138,
    ]

    private static let v4Names: [UInt8: String] = Dictionary(uniqueKeysWithValues: v4.map { ($1, $0) })
    private static let v6Names: [UInt8: String] = Dictionary(uniqueKeysWithValues: v6.map { ($1, $0) })

    /// The type for a name (case-insensitive) or a decimal number 0–255; `icmp6` selects the
    /// ICMPv6 names.
    public static func type(for text: String, icmp6: Bool) -> UInt8? {
        if let value = UInt8(text) { return value }
        return icmp6 ? v6[text.lowercased()] : v4[text.lowercased()]
    }

    /// True when `text` is an ICMP or ICMPv6 type name.
    public static func isName(_ text: String) -> Bool {
        let lower = text.lowercased()
        return v4[lower] != nil || v6[lower] != nil
    }

    /// The name the ASA prints for `type`, or the number in decimal.
    public static func printedName(for type: UInt8, icmp6: Bool) -> String {
        (icmp6 ? v6Names[type] : v4Names[type]) ?? String(type)
    }
}
