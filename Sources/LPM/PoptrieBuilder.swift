/// Builds a `Poptrie` from prefixes sorted in table order.
///
/// Prefixes are given as left-aligned 128-bit keys `(high, low)` with a length, sorted by key and
/// then by length (shorter first), which is `PrefixTable`'s order. In that order a prefix comes
/// before every prefix it contains, so "painting" each prefix over the slots it covers, in order,
/// leaves every slot holding its longest match; no per-length pass is needed.
///
/// The builder makes one pass over the prefixes. A slot of the direct array or of a node that
/// holds prefixes longer than its level resolves becomes a node, built depth-first: a node is
/// written with its entries, then its children are built and their offsets patched in.
internal struct PoptrieBuilder {
    /// Bits consumed per node level.
    private static let stride = 6
    /// Deepest node level a 128-bit key can need below 1 bit of direct pointing, plus one spare.
    private static let maxDepth = 23

    /// The high halves of the prefix keys, in table order.
    private let high: UnsafeBufferPointer<UInt64>
    /// The low halves of the prefix keys.
    private let low: UnsafeBufferPointer<UInt64>
    /// The prefix lengths.
    private let lengths: UnsafeBufferPointer<UInt8>
    /// Added to a prefix's position to form its leaf (so leaves index the caller's entry array).
    private let leafBase: UInt32
    /// How many leading bits the direct array resolves.
    private let directBits: Int

    /// The nodes (see `Poptrie` for the layout).
    private var arena: [UInt32] = []
    /// The number of nodes in `arena`.
    private var nodeCount = 0
    /// Per depth, 64 painted leaf values.
    private var slots: [UInt32]
    /// Per depth, the child groups found so far: slot, first prefix, end of prefixes.
    private var groupSlot: [Int]
    private var groupStart: [Int]
    private var groupEnd: [Int]
    /// Per depth, the entries of the node being built.
    private var nodeWords: [UInt32]
    /// Per depth and child group, the index of the child's entry among the node's entries.
    private var childEntry: [Int]

    /// Builds the poptrie for the prefixes at positions `0..<lengths.count`; the leaf of the
    /// prefix at position `i` is `leafBase + i + 1`.
    ///
    /// - Precondition: the prefixes are sorted by `(high, low, length)`, the keys have no bits
    ///   set past their lengths, and `leafBase + count` fits in 31 bits.
    internal static func build(
        high: [UInt64], low: [UInt64], lengths: [UInt8], leafBase: Int, directBits: Int
    ) -> Poptrie {
        precondition(high.count == lengths.count && low.count == lengths.count, "one key per length")
        precondition(leafBase >= 0 && leafBase + lengths.count < Int(Poptrie.childFlag), "too many entries")
        return high.withUnsafeBufferPointer { high in
            low.withUnsafeBufferPointer { low in
                lengths.withUnsafeBufferPointer { lengths in
                    var builder = PoptrieBuilder(
                        high: high, low: low, lengths: lengths, leafBase: UInt32(leafBase), directBits: directBits)
                    return builder.run()
                }
            }
        }
    }

    /// A direct-pointing width suited to `count` prefixes: small tables get a small direct array.
    internal static func directBits(forCount count: Int, maximum: Int) -> Int {
        let magnitude = Int.bitWidth - count.leadingZeroBitCount
        return Swift.min(maximum, Swift.max(1, magnitude + 2))
    }

    private init(
        high: UnsafeBufferPointer<UInt64>, low: UnsafeBufferPointer<UInt64>, lengths: UnsafeBufferPointer<UInt8>,
        leafBase: UInt32, directBits: Int
    ) {
        self.high = high
        self.low = low
        self.lengths = lengths
        self.leafBase = leafBase
        self.directBits = directBits
        let scratch = PoptrieBuilder.maxDepth * 64
        slots = Array(repeating: 0, count: scratch)
        groupSlot = Array(repeating: 0, count: scratch)
        groupStart = Array(repeating: 0, count: scratch)
        groupEnd = Array(repeating: 0, count: scratch)
        nodeWords = Array(repeating: 0, count: scratch)
        childEntry = Array(repeating: 0, count: scratch)
        // Internet-like tables need about one node per 4 prefixes and two leaves per prefix.
        arena.reserveCapacity(lengths.count / 4 * (Poptrie.headerWords + 4) + lengths.count * 2 + 64)
    }

    /// `width` bits of prefix `i`'s key starting at bit `offset` (bits past 128 read as zero).
    @inline(__always)
    private func bits(of i: Int, at offset: Int, width: Int) -> Int {
        // Smart shifts: shifting by 64 or more gives zero, which is what the edges need.
        let aligned = offset >= 64 ? low[i] << (offset - 64) : high[i] << offset | low[i] >> (64 - offset)
        return Int(truncatingIfNeeded: aligned >> (64 - width))
    }

    /// The leaf of the prefix at position `i`.
    @inline(__always)
    private func leaf(of i: Int) -> UInt32 {
        leafBase + UInt32(truncatingIfNeeded: i) + 1
    }

    /// Paints the direct array and builds a node for every slot with longer prefixes; the other
    /// slots keep their painted leaf.
    private mutating func run() -> Poptrie {
        let count = lengths.count
        let directCount = 1 << directBits
        // While building, a slot holds a painted leaf, or a node offset with `childFlag` set.
        var direct = [UInt32](repeating: 0, count: directCount)
        // Offset 0: the empty node that lookups read after a slot holding a leaf; its only
        // entry, leaf 0, covers every position.
        nodeWords[0] = 0
        _ = appendNode(entryvec: 1, entries: 1, scratch: 0)
        var i = 0
        while i < count {
            let length = Int(lengths[i])
            let slot = bits(of: i, at: 0, width: directBits)
            if length <= directBits {
                let span = 1 << (directBits - length)
                for s in slot..<(slot + span) { direct[s] = leaf(of: i) }
                i += 1
                continue
            }
            // Prefixes longer than direct pointing resolves, all in `slot`: contiguous in table
            // order, and every shorter prefix covering `slot` has already been painted.
            let start = i
            i += 1
            while i < count && bits(of: i, at: 0, width: directBits) == slot {
                i += 1
            }
            let node = buildNode(offset: directBits, inherited: direct[slot], prefixes: start..<i, depth: 0)
            direct[slot] = UInt32(truncatingIfNeeded: node) | Poptrie.childFlag
        }
        precondition(arena.count < Int(Poptrie.childFlag), "arena offsets must fit in 31 bits")
        return Poptrie(directBits: directBits, direct: direct, arena: arena, nodeCount: nodeCount)
    }

    /// Builds the node for `prefixes`, all longer than `offset` and inside its range, and returns
    /// its arena offset; `inherited` is the leaf of the longest shorter prefix covering the node.
    private mutating func buildNode(offset: Int, inherited: UInt32, prefixes: Range<Int>, depth: Int) -> Int {
        precondition(depth < PoptrieBuilder.maxDepth, "keys are at most 128 bits")
        let stride = PoptrieBuilder.stride
        let scratch = depth * 64
        let resolved = offset + stride
        for p in 0..<64 { slots[scratch + p] = inherited }
        var groups = 0
        var vector: UInt64 = 0
        var i = prefixes.lowerBound
        while i < prefixes.upperBound {
            let length = Int(lengths[i])
            let slot = bits(of: i, at: offset, width: stride)
            if length <= resolved {
                let span = 1 << (resolved - length)
                let value = leaf(of: i)
                for s in slot..<(slot + span) { slots[scratch + s] = value }
                i += 1
                continue
            }
            let start = i
            i += 1
            while i < prefixes.upperBound && bits(of: i, at: offset, width: stride) == slot {
                i += 1
            }
            groupSlot[scratch + groups] = slot
            groupStart[scratch + groups] = start
            groupEnd[scratch + groups] = i
            groups += 1
            vector |= 1 << UInt64(slot)
        }

        // Entries in position order: every child, and every leaf that starts a run.
        var entryvec: UInt64 = 0
        var entries = 0
        var group = 0
        var previousLeaf: UInt32?
        for p in 0..<64 {
            if vector >> UInt64(p) & 1 != 0 {
                childEntry[scratch + group] = entries
                group += 1
                entryvec |= 1 << UInt64(p)
                nodeWords[scratch + entries] = Poptrie.childFlag
                entries += 1
                previousLeaf = nil
                continue
            }
            let value = slots[scratch + p]
            if previousLeaf != value {
                entryvec |= 1 << UInt64(p)
                nodeWords[scratch + entries] = value
                entries += 1
                previousLeaf = value
            }
        }
        let node = appendNode(entryvec: entryvec, entries: entries, scratch: scratch)
        for g in 0..<groups {
            let slot = groupSlot[scratch + g]
            let child = buildNode(
                offset: resolved, inherited: slots[scratch + slot],
                prefixes: groupStart[scratch + g]..<groupEnd[scratch + g], depth: depth + 1)
            arena[node + Poptrie.headerWords + childEntry[scratch + g]] =
                UInt32(truncatingIfNeeded: child) | Poptrie.childFlag
        }
        return node
    }

    /// Appends a node whose entries are `nodeWords[scratch..<scratch + entries]` and returns its
    /// offset. Nodes are packed: aligning them to cache lines, so that small ones never straddle
    /// two, cost 20 % more memory and measured no faster (the line after is usually fetched with
    /// the first).
    private mutating func appendNode(entryvec: UInt64, entries: Int, scratch: Int) -> Int {
        let node = arena.count
        // `entryvec`, little-endian, in the header's two words.
        arena.append(contentsOf: repeatElement(0, count: Poptrie.headerWords))
        arena.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: entryvec.littleEndian, toByteOffset: node * MemoryLayout<UInt32>.stride, as: UInt64.self)
        }
        arena.append(contentsOf: nodeWords[scratch..<(scratch + entries)])
        nodeCount += 1
        return node
    }
}
