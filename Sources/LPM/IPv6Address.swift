/// An IPv6 address, held as two 64-bit halves in host byte order.
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The most significant 64 bits.
    public let high: UInt64
    /// The least significant 64 bits.
    public let low: UInt64

    /// Creates an address from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an address from its eight 16-bit groups, most significant first.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has eight groups")
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(groups[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(groups[i]) }
        self.init(high: high, low: low)
    }

    /// Parses RFC 4291 text: eight hex groups, one `::`, an optional trailing dotted IPv4 part.
    /// Zone ids (`%eth0`) and anything malformed are rejected.
    public init(_ text: some StringProtocol) throws(IPParseError) {
        self = try IPv6Address.parse(String(text))
    }

    /// Parses RFC 4291 text, returning nil instead of an error.
    public init?(parsing text: some StringProtocol) {
        guard let parsed = try? IPv6Address.parse(String(text)) else { return nil }
        self = parsed
    }

    /// The eight 16-bit groups, most significant first.
    public var groups: [UInt16] {
        (0..<8).map { i in
            let half = i < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (i % 4)))
        }
    }

    /// True for `::ffff:a.b.c.d`, an IPv4 address mapped into IPv6.
    public var isIPv4Mapped: Bool {
        high == 0 && low >> 32 == 0xffff
    }

    /// RFC 5952 canonical text: lower case, no leading zeros, the longest run of two or more
    /// zero groups (the first on a tie) written as `::`, IPv4-mapped addresses in dotted form.
    public var description: String {
        if isIPv4Mapped {
            return "::ffff:" + IPv4Address(UInt32(truncatingIfNeeded: low)).description
        }
        let g = groups
        var bestStart = -1
        var bestLength = 0
        var i = 0
        while i < 8 {
            if g[i] == 0 {
                var j = i
                while j < 8 && g[j] == 0 { j += 1 }
                if j - i > bestLength && j - i >= 2 {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(g[$0], radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// Numeric order.
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    static func parse(_ text: String) throws(IPParseError) -> IPv6Address {
        func fail(_ reason: IPParseError.Reason) -> IPParseError {
            IPParseError(text: text, reason: reason)
        }
        if text.isEmpty { throw fail(.empty) }
        if text.contains("%") { throw fail(.zoneNotAllowed) }
        // `Character.isHexDigit` also accepts fullwidth forms (`Ａ`); only ASCII belongs here.
        if let bad = text.first(where: { !($0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".")) }) {
            throw fail(.unexpectedCharacter(bad))
        }
        let compressions = text.ranges(of: "::")
        guard compressions.count <= 1, !text.contains(":::") else { throw fail(.badIPv6Compression) }
        let halves: [String] = compressions.first.map {
            [String(text[..<$0.lowerBound]), String(text[$0.upperBound...])]
        } ?? [text]

        /// Parses one side of `::` into groups; the last piece may be dotted IPv4.
        func groups(of part: String, allowIPv4: Bool) throws(IPParseError) -> [UInt16] {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt16] = []
            for (index, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard allowIPv4, index == pieces.count - 1 else { throw fail(.badIPv6Group) }
                    guard let v4 = IPv4Address.parse(piece.utf8) else {
                        throw fail(IPv4Address.diagnose(String(piece)).reason)
                    }
                    result.append(UInt16(truncatingIfNeeded: v4.value >> 16))
                    result.append(UInt16(truncatingIfNeeded: v4.value))
                    continue
                }
                guard (1...4).contains(piece.count), let group = UInt16(piece, radix: 16) else {
                    throw fail(piece.isEmpty ? .badIPv6Compression : .badIPv6Group)
                }
                result.append(group)
            }
            return result
        }

        if halves.count == 1 {
            let all = try groups(of: text, allowIPv4: true)
            guard all.count == 8 else { throw fail(.badIPv6Group) }
            return IPv6Address(groups: all)
        }
        let head = try groups(of: halves[0], allowIPv4: false)
        let tail = try groups(of: halves[1], allowIPv4: true)
        // `::` stands for at least one zero group.
        guard head.count + tail.count <= 7 else { throw fail(.badIPv6Compression) }
        let zeros = [UInt16](repeating: 0, count: 8 - head.count - tail.count)
        return IPv6Address(groups: head + zeros + tail)
    }
}
