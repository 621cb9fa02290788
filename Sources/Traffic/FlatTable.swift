#if canImport(Glibc)
import Glibc
#endif

/// A value a `FlatTable` holds. Vacant slots hold `vacant`, which is never returned as a value.
protocol FlatTableValue {
    /// What a vacant slot holds.
    static var vacant: Self { get }
}

/// An open-addressing hash table keyed by two 64-bit words (linear probing, power-of-two
/// capacity, at most half full): what the traffic aggregator keys connections, addresses and
/// attributions by, so a record costs a multiply and a probe or two rather than hashing
/// `IPAddress` values. A slot holds its key and value side by side (a 16-byte key and a 48-byte
/// value fill one cache line), so a probe costs one memory access; large tables ask the kernel
/// for huge pages (fewer TLB misses on millions of random probes). Entries are removed only by
/// `removeAll(keeping:)`, which rebuilds. Copies share storage until one of them changes.
struct FlatTable<Value: FlatTableValue> {
    /// The key: two words (an address pair, ports and protocol…).
    struct Key: Hashable {
        var a: UInt64
        var b: UInt64

        /// The key of a vacant slot. No caller keys with it: connection keys keep bits 40–62 of
        /// `b` clear, address and pair keys have `b` = 0, ENI keys have at most 24 digits in `b`'s top byte.
        static var vacant: Key { Key(a: .max, b: .max) }
    }

    private struct Slot {
        var key: Key
        var value: Value
    }

    /// The slots, in memory of their own.
    private final class Storage {
        /// Tables at least this large (bytes) are aligned to and advised as huge pages.
        static var hugePageBytes: Int { 2 << 20 }

        let slots: UnsafeMutablePointer<Slot>
        let capacity: Int
        var count = 0
        private let hugePages: Bool

        init(capacity: Int) {
            self.capacity = capacity
            let bytes = capacity * MemoryLayout<Slot>.stride
            #if canImport(Glibc)
            if bytes >= Self.hugePageBytes {
                var raw: UnsafeMutableRawPointer?
                if posix_memalign(&raw, Self.hugePageBytes, bytes) == 0, let raw {
                    _ = madvise(raw, bytes, MADV_HUGEPAGE)
                    slots = raw.bindMemory(to: Slot.self, capacity: capacity)
                    hugePages = true
                    slots.initialize(repeating: Slot(key: .vacant, value: .vacant), count: capacity)
                    return
                }
            }
            #endif
            slots = .allocate(capacity: capacity)
            hugePages = false
            slots.initialize(repeating: Slot(key: .vacant, value: .vacant), count: capacity)
        }

        deinit {
            slots.deinitialize(count: capacity)
            #if canImport(Glibc)
            if hugePages {
                free(slots)
                return
            }
            #endif
            slots.deallocate()
        }

        func copy() -> Storage {
            let copy = Storage(capacity: capacity)
            copy.slots.update(from: slots, count: capacity)
            copy.count = count
            return copy
        }
    }

    private var storage: Storage

    /// Entries held.
    var count: Int { storage.count }

    /// Slots held (twice the entries the table takes before it grows).
    var capacity: Int { storage.capacity }

    /// An empty table with room for `capacity` entries before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        storage = Storage(capacity: size)
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
        if key == .vacant { return nil }
        let slots = storage.slots
        let mask = storage.capacity - 1
        var slot = Self.slot(key, mask)
        while true {
            let found = slots[slot].key
            if found == key { return slot }
            if found == .vacant { return nil }
            slot = (slot &+ 1) & mask
        }
    }

    /// The value of `key`, or nil.
    @inline(__always)
    subscript(key: Key) -> Value? {
        find(key).map { storage.slots[$0].value }
    }

    /// The value in `slot`, which `find` returned (and no `set` has moved since).
    @inline(__always)
    subscript(slot slot: Int) -> Value {
        get { storage.slots[slot].value }
        set {
            makeUnique()
            storage.slots[slot].value = newValue
        }
    }

    /// Sets the value of `key`, adding it when absent (one probe either way).
    mutating func set(_ key: Key, _ value: Value) {
        precondition(key != .vacant, "FlatTable: the vacant key is reserved")
        makeUnique()
        if (storage.count + 1) * 2 > storage.capacity { grow() }
        let slots = storage.slots
        let mask = storage.capacity - 1
        var slot = Self.slot(key, mask)
        while true {
            let found = slots[slot].key
            if found == key {
                slots[slot].value = value
                return
            }
            if found == .vacant {
                slots[slot] = Slot(key: key, value: value)
                storage.count += 1
                return
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Keeps only the entries `keep` accepts (rebuilding the table).
    mutating func removeAll(keeping keep: (Key, Value) -> Bool) {
        var kept = FlatTable(capacity: storage.count)
        forEach { key, value in if keep(key, value) { kept.insertAbsent(key, value) } }
        self = kept
    }

    /// Every entry, in slot order.
    func forEach(_ body: (Key, Value) -> Void) {
        let slots = storage.slots
        for slot in 0..<storage.capacity where slots[slot].key != .vacant {
            body(slots[slot].key, slots[slot].value)
        }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Adds `key`, known to be absent, without growing past half full.
    private mutating func insertAbsent(_ key: Key, _ value: Value) {
        if (storage.count + 1) * 2 > storage.capacity { grow() }
        let slots = storage.slots
        let mask = storage.capacity - 1
        var slot = Self.slot(key, mask)
        while slots[slot].key != .vacant { slot = (slot &+ 1) & mask }
        slots[slot] = Slot(key: key, value: value)
        storage.count += 1
    }

    private mutating func grow() {
        var larger = FlatTable(capacity: storage.capacity)
        forEach { key, value in larger.insertAbsent(key, value) }
        self = larger
    }
}
