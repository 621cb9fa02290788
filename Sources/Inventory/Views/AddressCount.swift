import LPM

/// An exact number of IP addresses, from 0 up to the whole IPv6 space (2^128), which neither
/// `UInt64` (an IPv6 /64 pool holds 2^64) nor `UInt128` (one short of 2^128) can hold.
public struct AddressCount: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The count below 2^128; zero when `isWholeIPv6Space`.
    private let value: UInt128
    /// True for exactly 2^128 (`::/0`).
    private let isWholeIPv6Space: Bool

    /// A count below 2^128.
    public init(_ value: UInt128) {
        self.value = value
        isWholeIPv6Space = false
    }

    private init(wholeIPv6Space: Void) {
        value = 0
        isWholeIPv6Space = true
    }

    /// The addresses of a prefix: 2^(width − length).
    public init(addressesOf prefix: IPPrefix) {
        let hostBits = prefix.family.bitWidth - prefix.length
        if hostBits >= 128 {
            self.init(wholeIPv6Space: ())
        } else {
            self.init(UInt128(1) << UInt128(hostBits))
        }
    }

    /// Zero addresses.
    public static let zero = AddressCount(0)

    /// The count as `UInt64`, saturating at `UInt64.max`.
    public var saturatingUInt64: UInt64 {
        isWholeIPv6Space || value > UInt128(UInt64.max) ? UInt64.max : UInt64(value)
    }

    /// True when the count does not fit in `UInt64` (and `saturatingUInt64` is clamped).
    public var exceedsUInt64: Bool { isWholeIPv6Space || value > UInt128(UInt64.max) }

    /// The count as a `Double` (rounded for counts above 2^53).
    public var doubleValue: Double { isWholeIPv6Space ? 0x1p128 : Double(value) }

    /// The exact count in decimal.
    public var description: String {
        isWholeIPv6Space ? "340282366920938463463374607431768211456" : String(value)
    }

    /// The sum; counts of disjoint ranges of one family never pass 2^128, so an overflow is
    /// exactly 2^128 and anything beyond saturates there.
    public static func + (lhs: AddressCount, rhs: AddressCount) -> AddressCount {
        if lhs.isWholeIPv6Space || rhs.isWholeIPv6Space { return AddressCount(wholeIPv6Space: ()) }
        let (sum, overflow) = lhs.value.addingReportingOverflow(rhs.value)
        return overflow ? AddressCount(wholeIPv6Space: ()) : AddressCount(sum)
    }

    /// Orders by count.
    public static func < (lhs: AddressCount, rhs: AddressCount) -> Bool {
        switch (lhs.isWholeIPv6Space, rhs.isWholeIPv6Space) {
        case (false, false): return lhs.value < rhs.value
        case (false, true): return true
        default: return false
        }
    }
}
