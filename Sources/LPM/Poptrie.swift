/// The compiled lookup structure for one address family: a poptrie (Asai & Ohara, SIGCOMM 2015).
///
/// Keys are 128-bit, most significant bit first, held as `(high, low)`; an IPv4 address is the
/// key `UInt64(address) << 32, 0`. The top `directBits` bits index `direct` ("direct pointing");
/// an entry there is either a leaf (bit 31 set) or the index of a `PoptrieNode`, after which the
/// key is consumed 6 bits at a time. A leaf is an entry index plus one, or 0 for "no match".
///
/// The arrays are allocated once, filled by `PoptrieBuilder`, and never change, so lookups are
/// allocation-free and touch only contiguous memory. The class exists to own them.
@usableFromInline
internal final class Poptrie: @unchecked Sendable {
    /// Marks an entry of `direct` as a leaf rather than a node index.
    @usableFromInline internal static let leafFlag: UInt32 = 0x8000_0000

    /// How many leading key bits `direct` resolves, 1...18.
    @usableFromInline internal let directBits: UInt64
    /// `64 - directBits`: shifting the high key half right by this gives the `direct` index.
    @usableFromInline internal let directShift: UInt64
    /// `2^directBits` entries: a leaf (with `leafFlag`) or a node index.
    @usableFromInline internal let direct: UnsafeMutablePointer<UInt32>
    /// Internal nodes; the children of a node are contiguous.
    @usableFromInline internal let nodes: UnsafeMutablePointer<PoptrieNode>
    /// Leaves: an entry index plus one, 0 for no match.
    @usableFromInline internal let leaves: UnsafeMutablePointer<UInt32>

    /// The number of entries in `direct`.
    internal let directCount: Int
    /// The number of nodes.
    internal let nodeCount: Int
    /// The number of leaves.
    internal let leafCount: Int

    /// Copies the arrays a builder produced into storage owned by this object.
    internal init(directBits: Int, direct: [UInt32], nodes: [PoptrieNode], leaves: [UInt32]) {
        precondition((1...18).contains(directBits), "direct pointing covers 1 to 18 bits")
        precondition(direct.count == 1 << directBits, "direct array size must be 2^directBits")
        self.directBits = UInt64(directBits)
        self.directShift = UInt64(64 - directBits)
        directCount = direct.count
        nodeCount = nodes.count
        leafCount = leaves.count
        self.direct = Poptrie.copy(direct)
        self.nodes = Poptrie.copy(nodes)
        self.leaves = Poptrie.copy(leaves)
    }

    deinit {
        direct.deallocate()
        nodes.deallocate()
        leaves.deallocate()
    }

    /// The bytes held by the three arrays.
    internal var byteCount: Int {
        directCount * MemoryLayout<UInt32>.stride + nodeCount * MemoryLayout<PoptrieNode>.stride
            + leafCount * MemoryLayout<UInt32>.stride
    }

    /// The leaf for a 128-bit key: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(high: UInt64, low: UInt64) -> UInt32 {
        let pointer = direct[Int(truncatingIfNeeded: high &>> directShift)]
        if pointer & Poptrie.leafFlag != 0 { return pointer ^ Poptrie.leafFlag }
        var node = nodes[Int(truncatingIfNeeded: pointer)]
        // The key bits not yet consumed, left-aligned; each level consumes the top 6.
        var keyHigh = high &<< directBits | low &>> directShift
        var keyLow = low &<< directBits
        var index = keyHigh &>> 58
        while node.vector &>> index & 1 != 0 {
            let rank = (node.vector &<< (63 &- index)).nonzeroBitCount
            node = nodes[Int(truncatingIfNeeded: node.childBase) &+ rank &- 1]
            keyHigh = keyHigh &<< 6 | keyLow &>> 58
            keyLow = keyLow &<< 6
            index = keyHigh &>> 58
        }
        let rank = (node.leafvec &<< (63 &- index)).nonzeroBitCount
        return leaves[Int(truncatingIfNeeded: node.leafBase) &+ rank &- 1]
    }

    /// The leaf for an IPv4 address: an entry index plus one, or 0 when no prefix matches.
    @inlinable @inline(__always)
    internal func leaf(ipv4 address: UInt32) -> UInt32 {
        let high = UInt64(truncatingIfNeeded: address) &<< 32
        let pointer = direct[Int(truncatingIfNeeded: high &>> directShift)]
        if pointer & Poptrie.leafFlag != 0 { return pointer ^ Poptrie.leafFlag }
        var node = nodes[Int(truncatingIfNeeded: pointer)]
        // An IPv4 key is at most 32 bits, so after direct pointing it fits in one word.
        var key = high &<< directBits
        var index = key &>> 58
        while node.vector &>> index & 1 != 0 {
            let rank = (node.vector &<< (63 &- index)).nonzeroBitCount
            node = nodes[Int(truncatingIfNeeded: node.childBase) &+ rank &- 1]
            key = key &<< 6
            index = key &>> 58
        }
        let rank = (node.leafvec &<< (63 &- index)).nonzeroBitCount
        return leaves[Int(truncatingIfNeeded: node.leafBase) &+ rank &- 1]
    }

    /// Allocates exactly `array.count` elements (at least one) and copies `array` into them.
    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                pointer.initialize(from: base, count: buffer.count)
            }
        }
        return pointer
    }
}
