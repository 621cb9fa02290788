/// An IPv4 address, held as its 32-bit value in host byte order.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address as a 32-bit number (`10.0.0.1` is `0x0A000001`).
    public let value: UInt32

    /// Creates an address from its 32-bit value.
    public init(_ value: UInt32) {
        self.value = value
    }

    /// Creates an address from its four octets, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text (`192.0.2.1`). Leading zeros, out-of-range parts and
    /// anything but four decimal parts are rejected.
    public init(_ text: some StringProtocol) throws(IPParseError) {
        guard let parsed = IPv4Address.parse(text.utf8) else {
            throw IPv4Address.diagnose(String(text))
        }
        self = parsed
    }

    /// Parses dotted-quad text, returning nil instead of an error.
    public init?(parsing text: some StringProtocol) {
        guard let parsed = IPv4Address.parse(text.utf8) else { return nil }
        self = parsed
    }

    /// The four octets, most significant first.
    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value))
    }

    /// Dotted-quad text.
    public var description: String {
        let o = octets
        return "\(o.0).\(o.1).\(o.2).\(o.3)"
    }

    /// Numeric order.
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// The fast path: nil on any error.
    static func parse<C: Collection>(_ bytes: C) -> IPv4Address? where C.Element == UInt8 {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        var leadingZero = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && part == 0 { leadingZero = true }
                part = part * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || part > 255 || leadingZero { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return IPv4Address(value << 8 | part)
    }

    /// Works out which rule `text` broke, for the error message.
    static func diagnose(_ text: String) -> IPParseError {
        if text.isEmpty { return IPParseError(text: text, reason: .empty) }
        if let bad = text.first(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) {
            return IPParseError(text: text, reason: .unexpectedCharacter(bad))
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, !parts.contains(where: \.isEmpty) else {
            return IPParseError(text: text, reason: .wrongOctetCount)
        }
        if parts.contains(where: { $0.count > 1 && $0.first == "0" }) {
            return IPParseError(text: text, reason: .leadingZero)
        }
        return IPParseError(text: text, reason: .octetOutOfRange)
    }
}
