/// A port comparison of an access-list entry or a port object: `eq`, `neq`, `lt`, `gt`, `range`
/// (docs/cisco-firewall.md §4).
public enum PortOperator: Hashable, Sendable {
    /// `eq P`: exactly P.
    case equal(UInt16)
    /// `neq P`: any port but P.
    case notEqual(UInt16)
    /// `lt P`: strictly below P.
    case lessThan(UInt16)
    /// `gt P`: strictly above P.
    case greaterThan(UInt16)
    /// `range A B`: A through B, both ends included.
    case range(UInt16, UInt16)

    /// True when `port` satisfies the comparison.
    @inlinable
    public func matches(_ port: UInt16) -> Bool {
        switch self {
        case .equal(let p): return port == p
        case .notEqual(let p): return port != p
        case .lessThan(let p): return port < p
        case .greaterThan(let p): return port > p
        case .range(let a, let b): return a <= port && port <= b
        }
    }

    /// The ports the comparison accepts, as disjoint ascending closed ranges (empty for `lt 0`,
    /// `gt 65535` or a reversed range).
    public var ranges: [ClosedRange<UInt16>] {
        switch self {
        case .equal(let p): return [p...p]
        case .notEqual(let p):
            var result: [ClosedRange<UInt16>] = []
            if p > 0 { result.append(0...(p - 1)) }
            if p < .max { result.append((p + 1)...UInt16.max) }
            return result
        case .lessThan(let p): return p == 0 ? [] : [0...(p - 1)]
        case .greaterThan(let p): return p == .max ? [] : [(p + 1)...UInt16.max]
        case .range(let a, let b): return a <= b ? [a...b] : []
        }
    }

    /// The operator as the ASA prints it, with port names from `table` (`eq https`, `range ftp-data ftp`).
    public func text(names table: PortNameTable.Table) -> String {
        let name = { (port: UInt16) in PortNameTable.printedName(for: port, in: table) }
        switch self {
        case .equal(let p): return "eq \(name(p))"
        case .notEqual(let p): return "neq \(name(p))"
        case .lessThan(let p): return "lt \(name(p))"
        case .greaterThan(let p): return "gt \(name(p))"
        case .range(let a, let b): return "range \(name(a)) \(name(b))"
        }
    }
}
