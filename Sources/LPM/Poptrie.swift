/// The compiled lookup structure for one address family: a poptrie (Asai & Ohara, "Poptrie: A
/// Compressed Trie with Population Count for Fast and Scalable Software IP Routing Table Lookup",
/// SIGCOMM 2015), laid out for lookups that miss the cache.
///
/// Keys are 128-bit, most significant bit first, held as `(high, low)`; an IPv4 address is the
/// key `(UInt64(address) << 32, 0)`. The top `directBits` bits index `direct` ("direct
/// pointing"), which holds the arena offset of a node; after it the key is consumed 6 bits at a
/// time. A leaf is an entry index plus one, or 0 for "no match".
///
/// Nodes live in one arena of 32-bit words. A node is a header followed by its entries:
///
/// - bytes 0–7, `entryvec`, little-endian: bit `i` set means position `i` (the next 6 key bits)
///   has an entry of its own: it is a child node, or a leaf that starts a run (the first leaf,
///   the first after a child, or one that differs from the leaf before it). Runs of equal leaves
///   are stored once, as with the paper's `leafvec`; children and leaves share one entry array,
///   so one rank finds either, and an entry with `childFlag` set is a child's offset (the paper's
///   `vector`).
/// - bytes 8–15, `ranks`: byte `c` is `popcount(entryvec & bits 0..<8c)`.
/// - then the entries: position `i`'s entry is the `popcount(entryvec & bits 0...i)`-th.
///
/// The rank is `ranks[i / 8]` plus the population count of byte `i / 8` of `entryvec` up to bit
/// `i % 8`, read from a 2 KiB table: two byte loads, a table load and an add instead of a 64-bit
/// population count, which is a dozen instructions on targets without a population-count
/// instruction. That matters because on large tables a lookup waits for a cache (and TLB) miss on
/// each node, and the number of lookups the processor overlaps is bounded by the instructions
/// queued behind those misses; the byte loads' addresses do not depend on the missing line. For
/// the same reason the entries follow the header (usually in the same cache line), and the direct
/// array holds only node offsets: a slot that the paper would make a leaf points to a one-entry
/// node for that leaf (shared by every slot with the same leaf), so no lookup branches on what it
/// loaded from `direct`.
///
/// The memory is allocated once, filled from what `PoptrieBuilder` produced, and never changes,
/// so lookups are allocation-free. The class exists to own it.
@usableFromInline
internal final class Poptrie: @unchecked Sendable {
    /// Marks a node entry as a child's offset rather than a leaf.
    @usableFromInline internal static let childFlag: UInt32 = 0x8000_0000
    /// The words of a node header; its entries follow.
    @usableFromInline internal static let headerWords = 4
    /// The byte offset of `entryvec` in a node header.
    @usableFromInline internal static let entryvecByte = 0
    /// The byte offset of `ranks` in a node header.
    @usableFromInline internal static let ranksByte = 8

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
    /// `2^directBits` node offsets.
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
        // Allocated as raw memory with an alignment; freed the same way.
        UnsafeMutableRawPointer(direct).deallocate()
        UnsafeMutableRawPointer(arena).deallocate()
    }

    /// The bytes held by `direct` and `arena` (the shared 2 KiB rank table not counted).
    internal var byteCount: Int {
        (directCount + arenaCount) * MemoryLayout<UInt32>.stride
    }

    /// The leaf for a 128-bit key: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(high: UInt64, low: UInt64) -> UInt32 {
        var node = Int(truncatingIfNeeded: direct[Int(truncatingIfNeeded: high &>> directShift)])
        // The key bits not yet consumed, left-aligned; each level consumes the top 6.
        var keyHigh = high &<< directBits | low &>> directShift
        var keyLow = low &<< directBits
        while true {
            let found = entry(of: node, at: keyHigh &>> 58)
            if found & Poptrie.childFlag == 0 { return found }
            node = Int(truncatingIfNeeded: found ^ Poptrie.childFlag)
            keyHigh = keyHigh &<< 6 | keyLow &>> 58
            keyLow = keyLow &<< 6
        }
    }

    /// The leaf for an IPv4 address: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(ipv4 address: UInt32) -> UInt32 {
        let high = UInt64(truncatingIfNeeded: address) &<< 32
        var node = Int(truncatingIfNeeded: direct[Int(truncatingIfNeeded: high &>> directShift)])
        // An IPv4 key is at most 32 bits, so after direct pointing it fits in one word.
        var key = high &<< directBits
        while true {
            let found = entry(of: node, at: key &>> 58)
            if found & Poptrie.childFlag == 0 { return found }
            node = Int(truncatingIfNeeded: found ^ Poptrie.childFlag)
            key = key &<< 6
        }
    }

    /// The entry of position `index` (0..<64) of the node at `node`: a flagged child offset or a
    /// leaf.
    @inlinable @inline(__always)
    internal func entry(of node: Int, at index: UInt64) -> UInt32 {
        let chunk = Int(truncatingIfNeeded: index &>> 3)
        let header = UnsafeRawPointer(arena + node)
        let bits = header.load(fromByteOffset: Poptrie.entryvecByte &+ chunk, as: UInt8.self)
        let below = header.load(fromByteOffset: Poptrie.ranksByte &+ chunk, as: UInt8.self)
        let within = rankTable[Int(truncatingIfNeeded: (index & 7) &<< 8) | Int(truncatingIfNeeded: bits)]
        // The rank counts from 1; the first entry is the word right after the header.
        let rank = Int(truncatingIfNeeded: below) &+ Int(truncatingIfNeeded: within)
        return arena[node &+ (Poptrie.headerWords - 1) &+ rank]
    }

    /// Allocates exactly `array.count` elements (at least two) at a cache-line boundary and
    /// copies `array` into them.
    private static func copy(_ array: [UInt32]) -> UnsafeMutablePointer<UInt32> {
        let capacity = Swift.max(2, array.count)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<UInt32>.stride, alignment: 64)
        let pointer = raw.bindMemory(to: UInt32.self, capacity: capacity)
        array.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                pointer.initialize(from: base, count: buffer.count)
            }
        }
        return pointer
    }
}
