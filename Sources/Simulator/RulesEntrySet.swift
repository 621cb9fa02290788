/// A set of entry positions of one access list, both as an ascending list (to walk in line
/// order) and as a bit set (to test membership in constant time), for intersecting the entries a
/// class's source admits with those its destination region reaches.
struct RulesEntrySet {
    /// The members, ascending.
    let sorted: [Int]
    /// One bit per entry position of the list.
    private let bits: [UInt64]

    /// The set of the positions whose bit is set in `bits` (one bit per position).
    init(bits: [UInt64]) {
        var sorted: [Int] = []
        for (wordIndex, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                sorted.append(wordIndex << 6 | rest.trailingZeroBitCount)
                rest &= rest &- 1
            }
        }
        self.sorted = sorted
        self.bits = bits
    }

    /// The set of `members` (any order, duplicates allowed) among `capacity` positions.
    init(_ members: some Sequence<Int>, capacity: Int) {
        var bits = RulesEntrySet.emptyBits(capacity: capacity)
        for member in members { RulesEntrySet.insert(member, into: &bits) }
        self.init(bits: bits)
    }

    /// How many members.
    var count: Int { sorted.count }

    /// True when `position` is a member.
    @inline(__always)
    func contains(_ position: Int) -> Bool {
        let word = position >> 6
        return word < bits.count && bits[word] & (1 << UInt64(position & 63)) != 0
    }

    /// The members of both sets, ascending: the smaller set is walked, the larger one tested.
    func intersection(_ other: RulesEntrySet) -> [Int] {
        if count <= other.count { return sorted.filter { other.contains($0) } }
        return other.sorted.filter { contains($0) }
    }

    /// Bits for `capacity` positions, all clear.
    static func emptyBits(capacity: Int) -> [UInt64] {
        [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// Sets the bit of `position`.
    @inline(__always)
    static func insert(_ position: Int, into bits: inout [UInt64]) {
        bits[position >> 6] |= 1 << UInt64(position & 63)
    }
}
