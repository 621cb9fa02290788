/// Interned sets of rule numbers within one chunk of rules, each stored as a fixed-width bit set
/// plus a summary bit set (one bit per non-zero word), in two flat arrays. Identical sets are
/// stored once, whichever chunk they belong to.
///
/// Rule numbers are evaluation order, so the lowest set bit of an intersection is the first
/// matching rule of the chunk.
internal struct RuleSetPool: Sendable {
    /// Words per set.
    internal let wordCount: Int
    /// Summary words per set.
    internal let summaryCount: Int
    /// All sets' words, set `id` at `id * wordCount`.
    private(set) var words: [UInt64] = []
    /// All sets' summaries, set `id` at `id * summaryCount`.
    private(set) var summaries: [UInt64] = []
    private var ids: [[UInt64]: Int32] = [:]

    /// A pool for chunks of at most `chunkSize` rules.
    internal init(chunkSize: Int) {
        wordCount = max(1, (chunkSize + 63) / 64)
        summaryCount = (wordCount + 63) / 64
    }

    /// The number of distinct sets.
    internal var count: Int { ids.count }

    /// The bytes of the flat arrays.
    internal var byteCount: Int { (words.count + summaries.count) * MemoryLayout<UInt64>.stride }

    /// An empty set of the pool's width.
    internal func emptySet() -> [UInt64] { [UInt64](repeating: 0, count: wordCount) }

    /// The words of set `id`.
    internal func set(_ id: Int32) -> [UInt64] {
        let start = Int(id) * wordCount
        return Array(words[start..<(start + wordCount)])
    }

    /// The id of `set` (`wordCount` words), adding it when new.
    internal mutating func intern(_ set: [UInt64]) -> Int32 {
        if let id = ids[set] { return id }
        let id = Int32(ids.count)
        ids[set] = id
        words.append(contentsOf: set)
        var summary = [UInt64](repeating: 0, count: summaryCount)
        for (index, word) in set.enumerated() where word != 0 {
            summary[index >> 6] |= 1 << UInt64(index & 63)
        }
        summaries.append(contentsOf: summary)
        return id
    }
}

extension Array where Element == UInt64 {
    /// Sets bit `bit`.
    @inline(__always)
    internal mutating func insertBit(_ bit: Int) {
        self[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// ORs `other` (same width) into this set.
    @inline(__always)
    internal mutating func formUnionBits(_ other: [UInt64]) {
        for index in indices { self[index] |= other[index] }
    }
}
