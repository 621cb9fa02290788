/// How a compiled access list splits its rules into chunks: each chunk has its own rule sets of
/// at most `size` bits, so memory and compile time grow linearly with the number of rules rather
/// than with prefixes × rules. Chunks are searched in order; the first chunk with a match holds
/// the first matching rule.
internal struct RuleChunking: Sendable {
    /// The largest chunk: 2,048 rules, 32 words per set.
    internal static let maximumSize = 2048

    /// Rules per chunk (the last one may hold fewer).
    internal let size: Int
    /// The number of chunks (at least 1).
    internal let count: Int

    internal init(ruleCount: Int, maximumSize: Int = RuleChunking.maximumSize) {
        size = max(1, min(ruleCount, maximumSize))
        count = max(1, (ruleCount + size - 1) / size)
    }

    /// The chunk of global rule `rule`.
    @inline(__always)
    internal func chunk(of rule: Int) -> Int { rule / size }

    /// The bit of global rule `rule` within its chunk.
    @inline(__always)
    internal func bit(of rule: Int) -> Int { rule % size }

    /// Global rule numbers of chunk `chunk`.
    internal func rules(of chunk: Int, total: Int) -> Range<Int> {
        (chunk * size)..<min(total, (chunk + 1) * size)
    }
}
