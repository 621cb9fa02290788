/// An open-addressing hash table keyed by two 64-bit words (linear probing, power-of-two
/// capacity, at most half full): what the traffic aggregator keys connections, addresses and
/// attributions by, so a record costs a multiply and a probe or two rather than hashing
/// `IPAddress` values. Entries are removed only by `removeAll(where:)`, which rebuilds.
struct FlatTable<Value> {
    /// The key: two words (an address pair, ports and protocol…).
    struct Key: Hashable {
        var a: UInt64
        var b: UInt64
    }

    private var keys: [Key]
    private var values: [Value?]
    private var mask: Int
    /// Entries held.
    private(set) var count = 0

    /// An empty table with room for `capacity` entries before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [Key](repeating: Key(a: 0, b: 0), count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: Key, _ mask: Int) -> Int {
        // MurmurHash3's 64-bit finalizer over both words: every key bit reaches the low bits.
        var hash = key.a ^ (key.b &* 0x9E37_79B9_7F4A_7C15)
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return Int(truncatingIfNeeded: hash) & mask
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    func find(_ key: Key) -> Int? {
        var slot = Self.slot(key, mask)
        while values[slot] != nil {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of `key`, or nil.
    @inline(__always)
    subscript(key: Key) -> Value? {
        find(key).flatMap { values[$0] }
    }

    /// The value in `slot`, which `find` returned.
    @inline(__always)
    subscript(slot slot: Int) -> Value {
        get {
            guard let value = values[slot] else { preconditionFailure("FlatTable: slot \(slot) is empty") }
            return value
        }
        set { values[slot] = newValue }
    }

    /// Sets the value of `key`, adding it when absent.
    mutating func set(_ key: Key, _ value: Value) {
        if let slot = find(key) {
            values[slot] = value
            return
        }
        if (count + 1) * 2 > values.count { grow() }
        var slot = Self.slot(key, mask)
        while values[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    /// Keeps only the entries `keep` accepts (rebuilding the table).
    mutating func removeAll(keeping keep: (Key, Value) -> Bool) {
        var kept = FlatTable(capacity: count)
        for slot in values.indices {
            if let value = values[slot], keep(keys[slot], value) { kept.set(keys[slot], value) }
        }
        self = kept
    }

    /// Every entry, in slot order.
    func forEach(_ body: (Key, Value) -> Void) {
        for slot in values.indices { if let value = values[slot] { body(keys[slot], value) } }
    }

    private mutating func grow() {
        var larger = FlatTable(capacity: values.count)
        for slot in values.indices { if let value = values[slot] { larger.set(keys[slot], value) } }
        self = larger
    }
}
