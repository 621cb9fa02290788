/// A `FlatTable` split into `shardCount` tables by the high bits of the key's hash, each growing
/// on its own: what the aggregator keeps connections in. Large shards double in place, moving
/// their entries through one scratch buffer of a shard's size, so a table of millions of entries
/// takes little more fresh memory than its final slots (fresh pages are what a large run pays
/// most for). Lookups cost one shift more than a single table.
struct ShardedFlatTable<Value: FlatTableValue> {
    typealias Key = FlatTable<Value>.Key

    /// log2 of the number of shards.
    static var shardBits: Int { 6 }
    /// Shards (an empty table holds this many 16-slot shards).
    static var shardCount: Int { 1 << shardBits }
    /// Where a slot handle keeps its shard.
    private static var shardShift: Int { 40 }

    private var shards: [FlatTable<Value>]
    /// What shards grow through (one shard grows at a time).
    private var scratch = FlatTableScratch()
    /// Entries held.
    private(set) var count = 0

    /// An empty table.
    init() {
        shards = (0..<Self.shardCount).map { _ in FlatTable() }
    }

    @inline(__always)
    private static func shard(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> UInt64(64 - shardBits))
    }

    /// The slot holding `key` (a handle naming its shard), or nil.
    @inline(__always)
    func find(_ key: Key) -> Int? {
        let hash = FlatTable<Value>.hash(key)
        let shard = Self.shard(hash)
        guard let slot = shards[shard].find(key, hash: hash) else { return nil }
        return shard << Self.shardShift | slot
    }

    /// Where the slot a probe for `key` starts at lies (to load from early); valid until the table next changes.
    @inline(__always)
    func slotAddress(probing key: Key) -> UnsafeRawPointer {
        let hash = FlatTable<Value>.hash(key)
        return shards[Self.shard(hash)].slotAddress(probing: key, hash: hash)
    }

    /// The value of `key`, or nil.
    subscript(key: Key) -> Value? {
        find(key).map { self[slot: $0] }
    }

    /// The value in `slot`, which `find` returned (and no `set` has moved since).
    @inline(__always)
    subscript(slot slot: Int) -> Value {
        get { shards[slot >> Self.shardShift][slot: slot & (1 << Self.shardShift - 1)] }
        set { shards[slot >> Self.shardShift][slot: slot & (1 << Self.shardShift - 1)] = newValue }
    }

    /// Sets the value of `key`, adding it when absent.
    mutating func set(_ key: Key, _ value: Value) {
        let hash = FlatTable<Value>.hash(key)
        if shards[Self.shard(hash)].set(key, value, hash: hash, scratch: scratch) { count += 1 }
    }

    /// Keeps only the entries `keep` accepts (rebuilding each shard).
    mutating func removeAll(keeping keep: (Key, Value) -> Bool) {
        rebuild(keepingChanged: { key, value in keep(key, value) })
    }

    /// Keeps only the entries `keep` accepts, as `keep` changed them (rebuilding each shard).
    mutating func rebuild(keepingChanged keep: (Key, inout Value) -> Bool) {
        count = 0
        for shard in shards.indices {
            shards[shard].rebuild(keepingChanged: keep)
            count += shards[shard].count
        }
    }

    /// Every entry, shard by shard.
    func forEach(_ body: (Key, Value) -> Void) {
        for shard in shards { shard.forEach(body) }
    }
}
