/// The baseline: a plain binary trie that walks one key bit per step.
///
/// Nodes live in flat arrays (no per-node allocation), so the comparison with the compiled
/// table measures the algorithm, not Swift object overhead. Keys are 128-bit, left-aligned,
/// as `(high, low)`; an IPv4 address is `(UInt64(address) << 32, 0)`.
struct NaiveBinaryTrie {
    /// `children[2 * node + bit]`: the child node, or 0 for none (the root is never a child).
    private var children: [Int32] = [0, 0]
    /// `values[node]`: the value stored at the node, or -1.
    private var values: [Int32] = [-1]

    /// The number of nodes.
    var nodeCount: Int { values.count }

    /// The bytes of the two arrays.
    var byteCount: Int { (children.count + values.count) * MemoryLayout<Int32>.stride }

    /// Stores `value` for the prefix of `length` bits of the key.
    mutating func insert(high: UInt64, low: UInt64, length: Int, value: Int32) {
        var node = 0
        for depth in 0..<length {
            let bit = Int(depth < 64 ? high >> (63 - depth) & 1 : low >> (127 - depth) & 1)
            var child = Int(children[2 * node + bit])
            if child == 0 {
                child = values.count
                values.append(-1)
                children.append(0)
                children.append(0)
                children[2 * node + bit] = Int32(child)
            }
            node = child
        }
        values[node] = value
    }

    /// The value of the longest prefix containing the IPv4 `address`, or -1.
    func lookup(ipv4 address: UInt32) -> Int32 {
        children.withUnsafeBufferPointer { children in
            values.withUnsafeBufferPointer { values in
                var best = values[0]
                var node = 0
                var key = address
                for _ in 0..<32 {
                    let child = Int(children[2 * node + Int(key >> 31)])
                    if child == 0 { break }
                    node = child
                    let value = values[node]
                    if value >= 0 { best = value }
                    key <<= 1
                }
                return best
            }
        }
    }

    /// The value of the longest prefix containing the IPv6 address `(high, low)`, or -1.
    func lookup(high: UInt64, low: UInt64) -> Int32 {
        children.withUnsafeBufferPointer { children in
            values.withUnsafeBufferPointer { values in
                var best = values[0]
                var node = 0
                var keyHigh = high
                var keyLow = low
                for _ in 0..<128 {
                    let child = Int(children[2 * node + Int(keyHigh >> 63)])
                    if child == 0 { break }
                    node = child
                    let value = values[node]
                    if value >= 0 { best = value }
                    keyHigh = keyHigh << 1 | keyLow >> 63
                    keyLow <<= 1
                }
                return best
            }
        }
    }
}
