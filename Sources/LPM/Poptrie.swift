#if canImport(Glibc)
import Glibc
#endif

/// The compiled lookup structure for one address family: a poptrie (Asai & Ohara, "Poptrie: A
/// Compressed Trie with Population Count for Fast and Scalable Software IP Routing Table Lookup",
/// SIGCOMM 2015), laid out for lookups that miss the cache.
///
/// Keys are 128-bit, most significant bit first, held as `(high, low)`; an IPv4 address is the
/// key `(UInt64(address) << 32, 0)`. The top `directBits` bits index `direct` ("direct
/// pointing"); after it the key is consumed 6 bits at a time. A leaf is an entry index plus one,
/// or 0 for "no match".
///
/// A direct slot holds, as in the paper, either a leaf (flag clear) or, with `childFlag` set, the
/// arena offset of a node. On the real full table three random addresses in four end in a slot
/// that holds a leaf, so they read one word. A lookup does not branch on what the slot holds
/// (that branch is mispredicted on every mix of the two): it reads the slot's node, or, for a leaf
/// slot, the empty node at arena offset 0, which every leaf slot shares and so stays in the
/// first-level cache, and combines the two answers with masks (`firstNode`, `directLeaf`).
/// (The layout before this one pointed every leaf slot at a one-entry node of its own leaf:
/// one branch less to think about, but two more scattered loads for those three addresses in
/// four.)
///
/// Nodes live in one arena of 32-bit words. A node is a header followed by its entries:
///
/// - words 0–1, `entryvec`, little-endian: bit `i` set means position `i` (the next 6 key bits)
///   has an entry of its own: it is a child node, or a leaf that starts a run (the first leaf,
///   the first after a child, or one that differs from the leaf before it). Runs of equal leaves
///   are stored once, as with the paper's `leafvec`; children and leaves share one entry array,
///   so one rank finds either, and an entry with `childFlag` set is a child's offset (the paper's
///   `vector`).
/// - then the entries: position `i`'s entry is the `popcount(entryvec & bits 0...i)`-th.
///
/// The rank is one 64-bit population count. Release builds target x86-64-v2 (Package.swift),
/// where that is the `popcnt` instruction; a baseline build (`GATEWATCH_BASELINE_CPU=1`) gets the
/// same answers from a dozen instructions. (An earlier layout stored per-byte ranks in the header
/// and read a 2 KiB table instead, three loads per level against one.) The entries follow the
/// header, usually in the same cache line.
///
/// The direct array and the arena are one allocation, made once, filled from what
/// `PoptrieBuilder` produced, and never changed, so lookups are allocation-free. Large tables get
/// it aligned to 2 MiB and advised as huge pages (Linux transparent huge pages): random lookups
/// over megabytes otherwise miss the TLB on most levels. The class exists to own it.
@usableFromInline
internal final class Poptrie: @unchecked Sendable {
    /// Marks a node entry as a child's offset rather than a leaf.
    @usableFromInline internal static let childFlag: UInt32 = 0x8000_0000
    /// The words of a node header (`entryvec`); its entries follow.
    @usableFromInline internal static let headerWords = 2
    /// Allocations of at least half this many bytes are aligned to, and rounded up to, huge pages.
    internal static let hugePageBytes = 2 << 20

    /// How many leading key bits `direct` resolves, 1...18.
    @usableFromInline internal let directBits: UInt64
    /// `64 - directBits`: shifting the high key half right by this gives the `direct` index.
    @usableFromInline internal let directShift: UInt64
    /// `2^directBits` slots: a leaf, or a node offset with `childFlag` set.
    @usableFromInline internal let direct: UnsafeMutablePointer<UInt32>
    /// The nodes (in the same allocation as `direct`, after it).
    @usableFromInline internal let arena: UnsafeMutablePointer<UInt32>
    /// The bytes allocated for `direct` and `arena` together.
    internal let allocatedBytes: Int

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
        let (storage, bytes) = Poptrie.allocate(words: direct.count + arena.count)
        allocatedBytes = bytes
        self.direct = storage
        self.arena = storage + direct.count
        for (offset, words) in [(0, direct), (direct.count, arena)] {
            words.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { (storage + offset).initialize(from: base, count: buffer.count) }
            }
        }
    }

    deinit {
        // Allocated as raw memory with an alignment; freed the same way.
        UnsafeMutableRawPointer(direct).deallocate()
    }

    /// The bytes allocated for `direct` and `arena`, with the rounding of large tables to huge
    /// pages.
    internal var byteCount: Int { allocatedBytes }

    /// The leaf for a 128-bit key: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(high: UInt64, low: UInt64) -> UInt32 {
        let slot = direct[Int(truncatingIfNeeded: high &>> directShift)]
        // The key bits not yet consumed, left-aligned; each level consumes the top 6.
        var keyHigh = high &<< directBits | low &>> directShift
        var keyLow = low &<< directBits
        var found = entry(of: Poptrie.firstNode(slot), at: keyHigh &>> 58)
        while found & Poptrie.childFlag != 0 {
            keyHigh = keyHigh &<< 6 | keyLow &>> 58
            keyLow = keyLow &<< 6
            found = entry(of: Int(truncatingIfNeeded: found ^ Poptrie.childFlag), at: keyHigh &>> 58)
        }
        return found | Poptrie.directLeaf(slot)
    }

    /// The leaf for an IPv4 address: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(ipv4 address: UInt32) -> UInt32 {
        let high = UInt64(truncatingIfNeeded: address) &<< 32
        let slot = direct[Int(truncatingIfNeeded: high &>> directShift)]
        // An IPv4 key is at most 32 bits, so after direct pointing it fits in one word.
        var key = high &<< directBits
        var found = entry(of: Poptrie.firstNode(slot), at: key &>> 58)
        while found & Poptrie.childFlag != 0 {
            key = key &<< 6
            found = entry(of: Int(truncatingIfNeeded: found ^ Poptrie.childFlag), at: key &>> 58)
        }
        return found | Poptrie.directLeaf(slot)
    }

    /// Addresses a batch lookup takes through each step together (`indexes(ipv4:count:into:)`).
    @usableFromInline internal static let batchLanes = 64

    /// Writes, for each of the `count` IPv4 addresses at `addresses`, its leaf minus one (the
    /// entry index, or -1) to the same position of `output`.
    ///
    /// The addresses go through the lookup in groups of `batchLanes`, one step at a time: first
    /// every direct slot of the group, then every first node. The slot loads of a group are
    /// independent of each other, so the processor has dozens of cache misses in flight, where
    /// address-by-address it overlaps only as many lookups as its reorder window holds. The few
    /// addresses that need a second node level (a child entry) finish one by one.
    @inlinable
    internal func indexes(ipv4 addresses: UnsafePointer<UInt32>, count: Int, into output: UnsafeMutablePointer<Int32>) {
        let lanes = Poptrie.batchLanes
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * lanes) { scratch in
            guard let slots = scratch.baseAddress else { return }
            let found = slots + lanes
            var start = 0
            while start &+ lanes <= count {
                let group = addresses + start
                for lane in 0..<lanes {
                    let high = UInt64(truncatingIfNeeded: group[lane]) &<< 32
                    slots[lane] = direct[Int(truncatingIfNeeded: high &>> directShift)]
                }
                var children: UInt32 = 0
                for lane in 0..<lanes {
                    let key = UInt64(truncatingIfNeeded: group[lane]) &<< (32 &+ directBits)
                    let slot = slots[lane]
                    let entry = entry(of: Poptrie.firstNode(slot), at: key &>> 58)
                    found[lane] = entry
                    children |= entry
                    output[start &+ lane] = Int32(bitPattern: (entry | Poptrie.directLeaf(slot)) &- 1)
                }
                if children & Poptrie.childFlag != 0 {
                    for lane in 0..<lanes where found[lane] & Poptrie.childFlag != 0 {
                        let key = UInt64(truncatingIfNeeded: group[lane]) &<< (32 &+ directBits)
                        output[start &+ lane] = Int32(bitPattern: leaf(ipv4Key: key, below: found[lane]) &- 1)
                    }
                }
                start &+= lanes
            }
            while start < count {
                output[start] = Int32(bitPattern: leaf(ipv4: addresses[start]) &- 1)
                start &+= 1
            }
        }
    }

    /// The leaf for an IPv4 key left-aligned after direct pointing (`key`, whose top 6 bits the
    /// first node consumed), given that first node's entry `child`, a child.
    @inlinable
    internal func leaf(ipv4Key key: UInt64, below child: UInt32) -> UInt32 {
        var key = key
        var found = child
        while found & Poptrie.childFlag != 0 {
            key = key &<< 6
            found = entry(of: Int(truncatingIfNeeded: found ^ Poptrie.childFlag), at: key &>> 58)
        }
        return found
    }

    /// The node a lookup reads after the direct slot `slot`: the slot's node, or, when the slot
    /// holds a leaf, the empty node at offset 0 (whose every position is leaf 0). Branch-free.
    @inlinable @inline(__always)
    internal static func firstNode(_ slot: UInt32) -> Int {
        // All ones when the slot holds a node (flag set), else zero.
        let isNode = 0 &- (slot &>> 31)
        return Int(truncatingIfNeeded: (slot ^ childFlag) & isNode)
    }

    /// The leaf a direct slot holds itself, or 0 when it holds a node. Branch-free.
    @inlinable @inline(__always)
    internal static func directLeaf(_ slot: UInt32) -> UInt32 {
        slot & ((slot &>> 31) &- 1)
    }

    /// The entry of position `index` (0..<64) of the node at `node`: a flagged child offset or a
    /// leaf.
    @inlinable @inline(__always)
    internal func entry(of node: Int, at index: UInt64) -> UInt32 {
        let header = UnsafeRawPointer(arena + node)
        let entryvec = UInt64(littleEndian: header.loadUnaligned(as: UInt64.self))
        // Bits 0...index, shifted to the top (one shift, where masking took two); the rank
        // counts from 1, and the first entry is the word right after the header.
        let rank = (entryvec &<< (63 &- index)).nonzeroBitCount
        return arena[node &+ (Poptrie.headerWords - 1) &+ rank]
    }

    /// Allocates `words` 32-bit words: aligned to a cache line, or, from `hugePageBytes / 2` on,
    /// aligned to a huge page, rounded up to whole huge pages and advised as huge pages. Returns
    /// the memory and the bytes allocated.
    private static func allocate(words: Int) -> (UnsafeMutablePointer<UInt32>, Int) {
        let needed = Swift.max(2, words) * MemoryLayout<UInt32>.stride
        let huge = needed >= hugePageBytes / 2
        let bytes = huge ? (needed + hugePageBytes - 1) / hugePageBytes * hugePageBytes : needed
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? hugePageBytes : 64)
        #if canImport(Glibc)
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        return (raw.bindMemory(to: UInt32.self, capacity: bytes / MemoryLayout<UInt32>.stride), bytes)
    }
}
