/// An ENI id (`eni-` and 8 or 17 hex digits) held as a number, so records carry it without
/// allocating a string.
public struct NetworkInterfaceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The hex digits' value, low 64 bits.
    let low: UInt64
    /// The bits above the low 64, and the digit count in the top byte.
    let high: UInt64

    /// Parses `eni-` followed by 1–24 lowercase or uppercase hex digits.
    public init?(_ text: some StringProtocol) {
        guard let parsed = Array(text.utf8).withUnsafeBufferPointer({ NetworkInterfaceID(bytes: $0) }) else {
            return nil
        }
        self = parsed
    }

    /// Parses the bytes of `eni-…`.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 4, count <= 28, bytes[0] == UInt8(ascii: "e"), bytes[1] == UInt8(ascii: "n"),
              bytes[2] == UInt8(ascii: "i"), bytes[3] == UInt8(ascii: "-")
        else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for index in 4..<count {
            let byte = bytes[index]
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            high = high << 4 | low >> 60
            low = low << 4 | digit
        }
        self.low = low
        self.high = (high & 0x00FF_FFFF_FFFF_FFFF) | UInt64(count - 4) << 56
    }

    /// `eni-` and the hex digits as written (lowercase).
    public var description: String {
        let digits = Int(high >> 56)
        var text = ""
        for index in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = index >= 16 ? (high >> UInt64((index - 16) * 4)) & 0xF : (low >> UInt64(index * 4)) & 0xF
            text.append(Character(Unicode.Scalar(UInt8(nibble < 10 ? 48 + nibble : 87 + nibble))))
        }
        return "eni-" + text
    }

    /// Orders by digit count, then value.
    public static func < (lhs: NetworkInterfaceID, rhs: NetworkInterfaceID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
