@testable import LPM

/// Parses a prefix known to be valid (test fixtures), failing the test run loudly otherwise.
func prefix(_ text: String) -> IPPrefix {
    do {
        return try IPPrefix(text)
    } catch {
        preconditionFailure("bad fixture prefix \(text): \(error)")
    }
}

/// Parses an address known to be valid (test fixtures).
func address(_ text: String) -> IPAddress {
    do {
        return try IPAddress(text)
    } catch {
        preconditionFailure("bad fixture address \(text): \(error)")
    }
}

/// A table from `(prefix text, value)` pairs.
func table(_ pairs: [(String, Int)]) -> PrefixTable<Int> {
    var table = PrefixTable<Int>()
    for (text, value) in pairs { table.insert(value, for: prefix(text)) }
    return table
}

/// The reference answer: scan every entry, keep the longest prefix containing `address`.
func bruteForceLongestMatch(_ entries: [IPPrefix: Int], _ address: IPAddress) -> PrefixTable<Int>.Entry? {
    var best: PrefixTable<Int>.Entry?
    for (prefix, value) in entries where prefix.contains(address) {
        if best.map({ prefix.length > $0.prefix.length }) ?? true {
            best = PrefixTable.Entry(prefix: prefix, value: value)
        }
    }
    return best
}

extension IPAddress {
    /// The address `delta` away, wrapping around the family's address space.
    func offset(by delta: Int64) -> IPAddress {
        switch self {
        case .v4(let a):
            return .v4(IPv4Address(UInt32(truncatingIfNeeded: Int64(a.value) &+ delta)))
        case .v6(let a):
            let magnitude = delta.magnitude
            if delta >= 0 {
                let (low, carry) = a.low.addingReportingOverflow(magnitude)
                return .v6(IPv6Address(high: a.high &+ (carry ? 1 : 0), low: low))
            }
            let (low, borrow) = a.low.subtractingReportingOverflow(magnitude)
            return .v6(IPv6Address(high: a.high &- (borrow ? 1 : 0), low: low))
        }
    }
}
