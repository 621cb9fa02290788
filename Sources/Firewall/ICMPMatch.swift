/// An ICMP filter: a type and, on ASA 9.0 and later, optionally a code (docs/cisco-firewall.md §5).
public struct ICMPMatch: Hashable, Sendable {
    /// The ICMP or ICMPv6 type.
    public let type: UInt8
    /// The code; nil matches every code.
    public let code: UInt8?

    /// Creates a filter.
    public init(type: UInt8, code: UInt8? = nil) {
        self.type = type
        self.code = code
    }

    /// True when a packet with this type and code passes the filter.
    @inlinable
    public func matches(type: UInt8, code: UInt8) -> Bool {
        self.type == type && (self.code == nil || self.code == code)
    }

    /// The filter as the ASA prints it (`echo`, `unreachable 3`).
    public func text(icmp6: Bool) -> String {
        let name = ICMPTypeTable.printedName(for: type, icmp6: icmp6)
        return code.map { "\(name) \($0)" } ?? name
    }
}
