/// One internal node of a `Poptrie`: 64 children, one per value of the next 6 key bits.
///
/// A set bit `i` of `vector` says child `i` is another node; the nodes a node points to are
/// stored contiguously from `childBase`, in the order of their bits, so child `i` is
/// `nodes[childBase + popcount(vector & bits 0...i) - 1]`. Every clear bit of `vector` is a leaf.
/// Runs of equal leaves are stored once: a set bit `i` of `leafvec` starts a new run, so the leaf
/// of position `i` is `leaves[leafBase + popcount(leafvec & bits 0...i) - 1]`.
@usableFromInline
internal struct PoptrieNode: Sendable {
    /// Bit `i` set: position `i` is an internal node.
    @usableFromInline internal var vector: UInt64
    /// Bit `i` set: position `i` is a leaf that starts a new run of equal leaves.
    @usableFromInline internal var leafvec: UInt64
    /// Index in the leaf array of this node's first leaf.
    @usableFromInline internal var leafBase: UInt32
    /// Index in the node array of this node's first child node.
    @usableFromInline internal var childBase: UInt32

    /// Creates a node.
    @usableFromInline
    internal init(vector: UInt64, leafvec: UInt64, leafBase: UInt32, childBase: UInt32) {
        self.vector = vector
        self.leafvec = leafvec
        self.leafBase = leafBase
        self.childBase = childBase
    }

    /// A node with no children and no leaves, used to reserve a slot before it is built.
    internal static let placeholder = PoptrieNode(vector: 0, leafvec: 0, leafBase: 0, childBase: 0)
}
