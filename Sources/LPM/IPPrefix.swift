/// An IP network: an address with its host bits cleared and a prefix length (`10.0.0.0/8`).
public struct IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The network address; every bit past `length` is zero.
    public let address: IPAddress
    /// The number of leading bits that are fixed, 0...32 for IPv4, 0...128 for IPv6.
    public let length: Int

    /// Creates the prefix of `length` bits containing `address`, clearing any host bits.
    public init(containing address: IPAddress, length: Int) {
        precondition(length >= 0 && length <= address.family.bitWidth, "prefix length out of range")
        self.address = IPPrefix.mask(address, to: length)
        self.length = length
    }

    /// The single-address prefix (/32 or /128) of `address`.
    public init(host address: IPAddress) {
        self.init(containing: address, length: address.family.bitWidth)
    }

    /// Parses `address/length` strictly: host bits past the length are an error.
    public init(_ text: some StringProtocol) throws(IPParseError) {
        let (prefix, normalized) = try IPPrefix.parse(String(text), allowBareAddress: false)
        if normalized {
            throw IPParseError(text: String(text), reason: .hostBitsSet(normalized: prefix.description))
        }
        self = prefix
    }

    /// Parses leniently, on purpose: a bare address means a host prefix, and host bits past the
    /// length are cleared. `normalized` tells the caller whether bits were cleared, so it can warn.
    public static func parseLenient(_ text: some StringProtocol) throws(IPParseError) -> (prefix: IPPrefix, normalized: Bool) {
        try parse(String(text), allowBareAddress: true)
    }

    /// The address family.
    public var family: IPFamily { address.family }

    /// `address/length` in canonical text.
    public var description: String { "\(address)/\(length)" }

    /// The number of addresses in the prefix, saturating at `UInt64.max` for huge IPv6 prefixes.
    public var addressCount: UInt64 {
        let hostBits = family.bitWidth - length
        return hostBits >= 64 ? UInt64.max : UInt64(1) << UInt64(hostBits)
    }

    /// The last address of the prefix (all host bits set).
    public var lastAddress: IPAddress {
        switch address {
        case .v4(let a):
            let hostMask: UInt32 = length == 0 ? .max : (length == 32 ? 0 : UInt32.max >> UInt32(length))
            return .v4(IPv4Address(a.value | hostMask))
        case .v6(let a):
            let (highMask, lowMask) = IPPrefix.v6NetMask(length)
            return .v6(IPv6Address(high: a.high | ~highMask, low: a.low | ~lowMask))
        }
    }

    /// True when `address` lies inside this prefix.
    public func contains(_ other: IPAddress) -> Bool {
        guard other.family == family else { return false }
        return IPPrefix.mask(other, to: length) == address
    }

    /// True when `other` lies wholly inside this prefix (a prefix contains itself).
    public func contains(_ other: IPPrefix) -> Bool {
        other.length >= length && contains(other.address)
    }

    /// True when the two prefixes share at least one address.
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// Orders by family, then network address, then length (shorter first), so that a
    /// prefix sorts directly before the prefixes it contains.
    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        if lhs.address != rhs.address { return lhs.address < rhs.address }
        return lhs.length < rhs.length
    }

    // MARK: - Internals

    static func mask(_ address: IPAddress, to length: Int) -> IPAddress {
        switch address {
        case .v4(let a):
            return .v4(IPv4Address(a.value & v4NetMask(length)))
        case .v6(let a):
            let (highMask, lowMask) = v6NetMask(length)
            return .v6(IPv6Address(high: a.high & highMask, low: a.low & lowMask))
        }
    }

    static func v4NetMask(_ length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    static func v6NetMask(_ length: Int) -> (UInt64, UInt64) {
        if length == 0 { return (0, 0) }
        if length <= 64 { return (UInt64.max << UInt64(64 - length), 0) }
        if length == 128 { return (.max, .max) }
        return (.max, UInt64.max << UInt64(128 - length))
    }

    private static func parse(_ text: String, allowBareAddress: Bool) throws(IPParseError) -> (prefix: IPPrefix, normalized: Bool) {
        if text.isEmpty { throw IPParseError(text: text, reason: .empty) }
        let slash = text.firstIndex(of: "/")
        let addressText = slash.map { text[..<$0] } ?? Substring(text)
        let address: IPAddress
        do {
            address = try IPAddress(addressText)
        } catch {
            throw IPParseError(text: text, reason: error.reason)
        }
        let length: Int
        if let slash {
            let lengthText = text[text.index(after: slash)...]
            guard !lengthText.isEmpty, lengthText.count <= 3, lengthText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(lengthText.count > 1 && lengthText.first == "0"),
                  let parsed = Int(lengthText), parsed <= address.family.bitWidth
            else {
                throw IPParseError(text: text, reason: .badPrefixLength)
            }
            length = parsed
        } else {
            guard allowBareAddress else { throw IPParseError(text: text, reason: .badPrefixLength) }
            length = address.family.bitWidth
        }
        let prefix = IPPrefix(containing: address, length: length)
        return (prefix, prefix.address != address)
    }
}
