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
/// `IPAddress` values. A slot holds its key and value side by side (a 16-byte key and a value of
/// 16 or 48 bytes share or fill one cache line), so a probe costs one memory access; large tables ask the kernel
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

    /// The slots, in memory of their own. Tables of `hugePageBytes` or more are mapped with
    /// address space to double in place `reservedDoublings` times: growing then reuses the pages
    /// the table already has instead of asking the kernel for all-new ones (fresh pages are what
    /// a table of millions of connections pays most for).
    private final class Storage {
        /// Tables at least this large (bytes) are mapped, aligned to and advised as huge pages.
        static var hugePageBytes: Int { 2 << 20 }
        /// How many times a mapped table can double in place (address space only; pages are
        /// taken as slots are first written).
        static var reservedDoublings: Int { 6 }

        let slots: UnsafeMutablePointer<Slot>
        private(set) var capacity: Int
        var count = 0
        /// The capacity the mapping has room for (`capacity` when the slots are not mapped).
        private let reservedCapacity: Int
        private let mapping: UnsafeMutableRawPointer?
        private let mappedBytes: Int

        init(capacity: Int) {
            self.capacity = capacity
            let stride = MemoryLayout<Slot>.stride
            #if canImport(Glibc)
            if capacity * stride >= Self.hugePageBytes {
                let reserved = capacity << Self.reservedDoublings
                let length = reserved * stride + Self.hugePageBytes
                if let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                   raw != MAP_FAILED {
                    let address = Int(bitPattern: raw)
                    let start = raw + ((address + Self.hugePageBytes - 1) & ~(Self.hugePageBytes - 1) - address)
                    _ = madvise(start, reserved * stride, MADV_HUGEPAGE)
                    slots = start.bindMemory(to: Slot.self, capacity: reserved)
                    reservedCapacity = reserved
                    mapping = raw
                    mappedBytes = length
                    slots.initialize(repeating: Slot(key: .vacant, value: .vacant), count: capacity)
                    return
                }
            }
            #endif
            slots = .allocate(capacity: capacity)
            reservedCapacity = capacity
            mapping = nil
            mappedBytes = 0
            slots.initialize(repeating: Slot(key: .vacant, value: .vacant), count: capacity)
        }

        deinit {
            slots.deinitialize(count: capacity)
            #if canImport(Glibc)
            if let mapping {
                _ = munmap(mapping, mappedBytes)
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

        /// True when the slots can double where they are.
        var canDoubleInPlace: Bool { capacity * 2 <= reservedCapacity }

        /// Doubles the capacity where the slots are, all of them vacant afterwards; the entries
        /// are moved to `scratch` (room for the old capacity) for the caller to put back.
        func doubleInPlace(movingEntriesTo scratch: UnsafeMutablePointer<Slot>) {
            scratch.moveInitialize(from: slots, count: capacity)
            capacity *= 2
            count = 0
            slots.initialize(repeating: Slot(key: .vacant, value: .vacant), count: capacity)
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

    /// The key's hash: MurmurHash3's 64-bit finalizer over both words, so every key bit reaches
    /// both the low bits (the slot) and the high bits (`ShardedFlatTable`'s shard).
    @inline(__always)
    static func hash(_ key: Key) -> UInt64 {
        var hash = key.a ^ (key.b &* 0x9E37_79B9_7F4A_7C15)
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    func find(_ key: Key) -> Int? {
        find(key, hash: Self.hash(key))
    }

    /// The slot holding `key`, whose `hash(_:)` is `hash`, or nil.
    @inline(__always)
    func find(_ key: Key, hash: UInt64) -> Int? {
        if key == .vacant { return nil }
        let slots = storage.slots
        let mask = storage.capacity - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot].key
            if found == key { return slot }
            if found == .vacant { return nil }
            slot = (slot &+ 1) & mask
        }
    }

    /// Where the slot a probe for `key` (whose hash is `hash`) starts at lies: loading from it
    /// early brings the slot into the cache. Valid until the table next changes.
    @inline(__always)
    func slotAddress(probing key: Key, hash: UInt64) -> UnsafeRawPointer {
        UnsafeRawPointer(storage.slots + (Int(truncatingIfNeeded: hash) & (storage.capacity - 1)))
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
        set(key, value, hash: Self.hash(key))
    }

    /// Sets the value of `key`, whose `hash(_:)` is `hash`; true when it was added. Growing
    /// moves the entries through `scratch` when given.
    @discardableResult
    mutating func set(_ key: Key, _ value: Value, hash: UInt64, scratch: FlatTableScratch? = nil) -> Bool {
        precondition(key != .vacant, "FlatTable: the vacant key is reserved")
        makeUnique()
        if (storage.count + 1) * 2 > storage.capacity { grow(scratch) }
        let slots = storage.slots
        let mask = storage.capacity - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot].key
            if found == key {
                slots[slot].value = value
                return false
            }
            if found == .vacant {
                slots[slot] = Slot(key: key, value: value)
                storage.count += 1
                return true
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Keeps only the entries `keep` accepts (rebuilding the table).
    mutating func removeAll(keeping keep: (Key, Value) -> Bool) {
        rebuild(keepingChanged: { key, value in keep(key, value) })
    }

    /// Keeps only the entries `keep` accepts, as `keep` changed them (rebuilding the table).
    mutating func rebuild(keepingChanged keep: (Key, inout Value) -> Bool) {
        var kept = FlatTable(capacity: storage.count)
        forEach { key, value in
            var value = value
            if keep(key, &value) { kept.insertAbsent(key, value) }
        }
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
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while slots[slot].key != .vacant { slot = (slot &+ 1) & mask }
        slots[slot] = Slot(key: key, value: value)
        storage.count += 1
    }

    /// Doubles the capacity: in place when the storage has room (through `scratch`, else
    /// memory taken for the occasion), else into new storage.
    private mutating func grow(_ scratch: FlatTableScratch? = nil) {
        guard storage.canDoubleInPlace else {
            var larger = FlatTable(capacity: storage.capacity)
            forEach { key, value in larger.insertAbsent(key, value) }
            self = larger
            return
        }
        let old = storage.capacity
        let bytes = old * MemoryLayout<Slot>.stride
        let raw = scratch?.memory(bytes) ?? UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { if scratch == nil { raw.deallocate() } }
        let moved = raw.bindMemory(to: Slot.self, capacity: old)
        storage.doubleInPlace(movingEntriesTo: moved)
        for slot in 0..<old where moved[slot].key != .vacant { insertAbsent(moved[slot].key, moved[slot].value) }
        moved.deinitialize(count: old)
    }
}

/// Memory that in-place growth moves a table's entries through, kept by whoever grows many
/// tables (`ShardedFlatTable`) so each growth reuses it rather than taking fresh pages.
final class FlatTableScratch {
    private var bytes = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
    private var size = 64

    /// At least `count` bytes, 64-byte aligned, valid until the next call.
    func memory(_ count: Int) -> UnsafeMutableRawPointer {
        if count > size {
            bytes.deallocate()
            size = max(count, size * 2)
            bytes = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        }
        return bytes
    }

    deinit { bytes.deallocate() }
}
