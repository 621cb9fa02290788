/// The IP address family.
public enum IPFamily: Hashable, Sendable, Comparable {
    case v4
    case v6

    /// The number of bits in an address of this family.
    public var bitWidth: Int { self == .v4 ? 32 : 128 }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either family: text with a `:` is IPv6, otherwise IPv4.
    public init(_ text: some StringProtocol) throws(IPParseError) {
        if text.contains(":") {
            self = .v6(try IPv6Address(text))
        } else {
            self = .v4(try IPv4Address(text))
        }
    }

    /// Parses either family, returning nil instead of an error.
    public init?(parsing text: some StringProtocol) {
        guard let parsed = try? IPAddress(text) else { return nil }
        self = parsed
    }

    /// The family of this address.
    public var family: IPFamily {
        switch self {
        case .v4: return .v4
        case .v6: return .v6
        }
    }

    /// Canonical text (dotted quad, or RFC 5952 for IPv6).
    public var description: String {
        switch self {
        case .v4(let a): return a.description
        case .v6(let a): return a.description
        }
    }

    /// IPv4 addresses order before IPv6 ones; within a family, numerically.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a), .v6(let b)): return a < b
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}
