/// A mutable map from IP prefixes (IPv4 and IPv6 together) to values, answering
/// longest-prefix-match questions.
///
/// This is the one place in Gatewatch that decides which prefix contains an address. Build it,
/// query it directly for small tables, or call `compiled()` for a read-only form tuned for
/// millions of lookups.
public struct PrefixTable<Value> {
    /// One prefix and the value stored for it.
    public struct Entry {
        /// The prefix.
        public let prefix: IPPrefix
        /// The value stored for it.
        public let value: Value

        /// Creates an entry.
        public init(prefix: IPPrefix, value: Value) {
            self.prefix = prefix
            self.value = value
        }
    }

    /// Per prefix length, the IPv4 networks of that length. Internal (read-only) so that the
    /// compiler in `PrefixTable+Sorted.swift` can read it without going through `entries`.
    internal private(set) var v4: [[UInt32: Value]] = Array(repeating: [:], count: 33)
    /// Per prefix length, the IPv6 networks of that length.
    internal private(set) var v6: [[IPv6Address: Value]] = Array(repeating: [:], count: 129)

    /// The number of prefixes in the table.
    public private(set) var count = 0

    /// Creates an empty table.
    public init() {}

    /// Creates a table from entries; a later entry for the same prefix replaces an earlier one.
    public init(_ entries: some Sequence<Entry>) {
        for entry in entries { insert(entry.value, for: entry.prefix) }
    }

    /// True when the table holds no prefix.
    public var isEmpty: Bool { count == 0 }

    /// The value stored for exactly `prefix`; assigning nil removes it.
    public subscript(prefix: IPPrefix) -> Value? {
        get {
            switch prefix.address {
            case .v4(let a): return v4[prefix.length][a.value]
            case .v6(let a): return v6[prefix.length][a]
            }
        }
        set {
            if let newValue {
                insert(newValue, for: prefix)
            } else {
                removeValue(for: prefix)
            }
        }
    }

    /// Stores `value` for `prefix`, returning the value it replaced, if any.
    @discardableResult
    public mutating func insert(_ value: Value, for prefix: IPPrefix) -> Value? {
        let old: Value?
        switch prefix.address {
        case .v4(let a): old = v4[prefix.length].updateValue(value, forKey: a.value)
        case .v6(let a): old = v6[prefix.length].updateValue(value, forKey: a)
        }
        if old == nil { count += 1 }
        return old
    }

    /// Removes `prefix`, returning the value it held, if any.
    @discardableResult
    public mutating func removeValue(for prefix: IPPrefix) -> Value? {
        let old: Value?
        switch prefix.address {
        case .v4(let a): old = v4[prefix.length].removeValue(forKey: a.value)
        case .v6(let a): old = v6[prefix.length].removeValue(forKey: a)
        }
        if old != nil { count -= 1 }
        return old
    }

    /// The most specific prefix containing `address`, with its value.
    public func longestMatch(_ address: IPAddress) -> Entry? {
        switch address {
        case .v4(let a):
            for length in stride(from: 32, through: 0, by: -1) where !v4[length].isEmpty {
                let key = a.value & IPPrefix.v4NetMask(length)
                if let value = v4[length][key] {
                    return Entry(prefix: IPPrefix(containing: address, length: length), value: value)
                }
            }
        case .v6(let a):
            for length in stride(from: 128, through: 0, by: -1) where !v6[length].isEmpty {
                let (h, l) = IPPrefix.v6NetMask(length)
                if let value = v6[length][IPv6Address(high: a.high & h, low: a.low & l)] {
                    return Entry(prefix: IPPrefix(containing: address, length: length), value: value)
                }
            }
        }
        return nil
    }

    /// Every prefix containing `address`, from the shortest to the longest.
    public func matches(covering address: IPAddress) -> [Entry] {
        var result: [Entry] = []
        switch address {
        case .v4(let a):
            for length in 0...32 where !v4[length].isEmpty {
                if let value = v4[length][a.value & IPPrefix.v4NetMask(length)] {
                    result.append(Entry(prefix: IPPrefix(containing: address, length: length), value: value))
                }
            }
        case .v6(let a):
            for length in 0...128 where !v6[length].isEmpty {
                let (h, l) = IPPrefix.v6NetMask(length)
                if let value = v6[length][IPv6Address(high: a.high & h, low: a.low & l)] {
                    result.append(Entry(prefix: IPPrefix(containing: address, length: length), value: value))
                }
            }
        }
        return result
    }

    /// Every prefix inside `outer` (`outer` itself included), in table order.
    public func entries(inside outer: IPPrefix) -> [Entry] {
        var result: [Entry] = []
        switch outer.address {
        case .v4:
            for length in outer.length...32 {
                for (key, value) in v4[length] {
                    let prefix = IPPrefix(containing: .v4(IPv4Address(key)), length: length)
                    if outer.contains(prefix) { result.append(Entry(prefix: prefix, value: value)) }
                }
            }
        case .v6:
            for length in outer.length...128 {
                for (key, value) in v6[length] {
                    let prefix = IPPrefix(containing: .v6(key), length: length)
                    if outer.contains(prefix) { result.append(Entry(prefix: prefix, value: value)) }
                }
            }
        }
        return result.sorted { $0.prefix < $1.prefix }
    }

    /// Every entry in table order: IPv4 before IPv6, then by network address, then shorter
    /// prefixes before the longer ones they contain.
    public var entries: [Entry] {
        var result: [Entry] = []
        result.reserveCapacity(count)
        for length in 0...32 {
            for (key, value) in v4[length] {
                result.append(Entry(prefix: IPPrefix(containing: .v4(IPv4Address(key)), length: length), value: value))
            }
        }
        for length in 0...128 {
            for (key, value) in v6[length] {
                result.append(Entry(prefix: IPPrefix(containing: .v6(key), length: length), value: value))
            }
        }
        return result.sorted { $0.prefix < $1.prefix }
    }
}

extension PrefixTable: Sequence {
    /// Iterates the entries in table order (see `entries`).
    public func makeIterator() -> IndexingIterator<[Entry]> {
        entries.makeIterator()
    }
}

extension PrefixTable: Sendable where Value: Sendable {}
extension PrefixTable.Entry: Sendable where Value: Sendable {}
extension PrefixTable.Entry: Equatable where Value: Equatable {}
