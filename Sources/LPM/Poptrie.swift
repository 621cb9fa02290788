/// The compiled lookup structure for one address family: a poptrie (Asai & Ohara, "Poptrie: A
/// Compressed Trie with Population Count for Fast and Scalable Software IP Routing Table Lookup",
/// SIGCOMM 2015), laid out for lookups that miss the cache.
///
/// Keys are 128-bit, most significant bit first, held as `(high, low)`; an IPv4 address is the
/// key `(UInt64(address) << 32, 0)`. The top `directBits` bits index `direct` ("direct
/// pointing"); an entry there is either a leaf (bit 31 set) or the arena offset of a node, after
/// which the key is consumed 6 bits at a time. A leaf is an entry index plus one, or 0 for "no
/// match".
///
/// Nodes live in one arena of 32-bit words. A node is a header followed by its entries:
///
/// - words 0–1, `vector`: bit `i` set means position `i` (the next 6 key bits) is a child node.
/// - words 2–3, `entryvec`: bit `i` set means position `i` has an entry of its own: it is a
///   child, or a leaf that starts a run (the first leaf after the start or after a child, or one
///   that differs from the leaf before it). Runs of equal leaves are stored once, as in the
///   paper's `leafvec`; children and leaves share one entry array, so a single rank finds both.
/// - words 4–5, `ranks`: byte `c` is `popcount(entryvec & bits 0..<8c)`.
/// - then the entries: position `i`'s entry is the `popcount(entryvec & bits 0...i)`-th,
///   a child's arena offset or a leaf.
///
/// The rank is `ranks[i / 8]` plus the population count of one byte of `entryvec`, read from a
/// 2 KiB table: on targets without a population-count instruction this takes a handful of
/// instructions instead of the twelve of a software 64-bit count. That matters because on large
/// tables a lookup waits for one cache (and TLB) miss, on the node, and the number of lookups
/// the processor overlaps is bounded by the instructions queued behind those misses. For the
/// same reason a node does not straddle a 64-byte line when it fits in one, and the direct step
/// is branch-free: the node at offset 0 is empty (no children, one entry, leaf 0) and lookups
/// walk it when `direct` holds a leaf, then pick the result with a mask.
///
/// The memory is allocated once, filled from what `PoptrieBuilder` produced, and never changes,
/// so lookups are allocation-free. The class exists to own it.
@usableFromInline
internal final class Poptrie: @unchecked Sendable {
    /// Marks an entry of `direct` as a leaf rather than a node offset.
    @usableFromInline internal static let leafFlag: UInt32 = 0x8000_0000
    /// The words of a node header; its entries follow.
    @usableFromInline internal static let headerWords = 6
    /// Word offsets of the header fields.
    @usableFromInline internal static let vectorWord = 0
    @usableFromInline internal static let entryvecWord = 2
    @usableFromInline internal static let ranksWord = 4

    /// `rankTable[b << 8 | byte]` is the number of bits set in `byte & (2 << b) - 1`, that is,
    /// among bits `0...b`. Shared by every instance, never freed, never written after it is
    /// built (hence safe to share although a pointer is not `Sendable`).
    nonisolated(unsafe) internal static let sharedRankTable: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 8 * 256)
        for bit in 0..<8 {
            for byte in 0..<256 {
                table[bit << 8 | byte] = UInt8((byte & (2 << bit - 1)).nonzeroBitCount)
            }
        }
        return table
    }()

    /// How many leading key bits `direct` resolves, 1...18.
    @usableFromInline internal let directBits: UInt64
    /// `64 - directBits`: shifting the high key half right by this gives the `direct` index.
    @usableFromInline internal let directShift: UInt64
    /// `2^directBits` entries: a leaf (with `leafFlag`) or a node offset.
    @usableFromInline internal let direct: UnsafeMutablePointer<UInt32>
    /// The nodes.
    @usableFromInline internal let arena: UnsafeMutablePointer<UInt32>
    /// `sharedRankTable`, held here so that lookups need no lazy-global check.
    @usableFromInline internal let rankTable: UnsafeMutablePointer<UInt8>

    /// The number of entries in `direct`.
    internal let directCount: Int
    /// The number of words in `arena`.
    internal let arenaCount: Int
    /// The number of nodes in `arena`, for diagnostics.
    internal let nodeCount: Int

    /// Copies the arrays a builder produced into storage owned by this object.
    internal init(directBits: Int, direct: [UInt32], arena: [UInt32], nodeCount: Int) {
        precondition((1...18).contains(directBits), "direct pointing covers 1 to 18 bits")
        precondition(direct.count == 1 << directBits, "direct array size must be 2^directBits")
        self.directBits = UInt64(directBits)
        self.directShift = UInt64(64 - directBits)
        directCount = direct.count
        arenaCount = arena.count
        self.nodeCount = nodeCount
        self.direct = Poptrie.copy(direct)
        self.arena = Poptrie.copy(arena)
        rankTable = Poptrie.sharedRankTable
    }

    deinit {
        direct.deallocate()
        arena.deallocate()
    }

    /// The bytes held by `direct` and `arena` (the shared 2 KiB rank table not counted).
    internal var byteCount: Int {
        (directCount + arenaCount) * MemoryLayout<UInt32>.stride
    }

    /// The leaf for a 128-bit key: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(high: UInt64, low: UInt64) -> UInt32 {
        let pointer = direct[Int(truncatingIfNeeded: high &>> directShift)]
        let isLeaf = Poptrie.leafMask(pointer)
        var node = Int(truncatingIfNeeded: pointer & ~isLeaf)
        // The key bits not yet consumed, left-aligned; each level consumes the top 6.
        var keyHigh = high &<< directBits | low &>> directShift
        var keyLow = low &<< directBits
        while true {
            let index = keyHigh &>> 58
            let found = entry(of: node, at: index)
            if word64(node &+ Poptrie.vectorWord) &>> index & 1 == 0 {
                return select(found, ifNode: isLeaf, else: pointer)
            }
            node = Int(truncatingIfNeeded: found)
            keyHigh = keyHigh &<< 6 | keyLow &>> 58
            keyLow = keyLow &<< 6
        }
    }

    /// The leaf for an IPv4 address: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(ipv4 address: UInt32) -> UInt32 {
        let high = UInt64(truncatingIfNeeded: address) &<< 32
        let pointer = direct[Int(truncatingIfNeeded: high &>> directShift)]
        let isLeaf = Poptrie.leafMask(pointer)
        var node = Int(truncatingIfNeeded: pointer & ~isLeaf)
        // An IPv4 key is at most 32 bits, so after direct pointing it fits in one word.
        var key = high &<< directBits
        while true {
            let index = key &>> 58
            let found = entry(of: node, at: index)
            if word64(node &+ Poptrie.vectorWord) &>> index & 1 == 0 {
                return select(found, ifNode: isLeaf, else: pointer)
            }
            node = Int(truncatingIfNeeded: found)
            key = key &<< 6
        }
    }

    /// The entry of position `index` (0..<64) of the node at `node`: a child offset or a leaf.
    @inlinable @inline(__always)
    internal func entry(of node: Int, at index: UInt64) -> UInt32 {
        let chunk = index &>> 3
        let byte = word64(node &+ Poptrie.entryvecWord) &>> (chunk &<< 3) & 0xFF
        let below = UnsafeRawPointer(arena + (node &+ Poptrie.ranksWord))
            .load(fromByteOffset: Int(truncatingIfNeeded: chunk), as: UInt8.self)
        let within = rankTable[Int(truncatingIfNeeded: (index & 7) &<< 8 | byte)]
        // The rank counts from 1; the first entry is the word right after the header.
        let rank = Int(truncatingIfNeeded: below) &+ Int(truncatingIfNeeded: within)
        return arena[node &+ (Poptrie.headerWords - 1) &+ rank]
    }

    /// `found` when the direct entry was a node (`isLeaf` all zeros), else the direct leaf.
    @inlinable @inline(__always)
    internal func select(_ found: UInt32, ifNode isLeaf: UInt32, else pointer: UInt32) -> UInt32 {
        found & ~isLeaf | pointer & ~Poptrie.leafFlag & isLeaf
    }

    /// The 64-bit arena field at the (even) word offset `offset`.
    @inlinable @inline(__always)
    internal func word64(_ offset: Int) -> UInt64 {
        UnsafeRawPointer(arena + offset).load(as: UInt64.self)
    }

    /// All ones when a `direct` entry is a leaf, zero when it is a node offset.
    @inlinable @inline(__always)
    internal static func leafMask(_ pointer: UInt32) -> UInt32 {
        UInt32(bitPattern: Int32(bitPattern: pointer) &>> 31)
    }

    /// Allocates exactly `array.count` elements (at least two, 8-byte aligned) and copies
    /// `array` into them.
    private static func copy(_ array: [UInt32]) -> UnsafeMutablePointer<UInt32> {
        let capacity = Swift.max(2, array.count)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<UInt32>.stride, alignment: 8)
        let pointer = raw.bindMemory(to: UInt32.self, capacity: capacity)
        array.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                pointer.initialize(from: base, count: buffer.count)
            }
        }
        return pointer
    }
}
