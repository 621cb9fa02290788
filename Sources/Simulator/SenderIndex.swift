/// The senders of a `SenderTable`'s base, found by namespace and name without hashing two Strings
/// into a dictionary: one open-addressed table whose slots hold a sender's whole 64-bit hash and
/// the sender itself, side by side in one contiguous buffer. A lookup reads one slot (one cache
/// line for the probe sequence, mostly), compares hashes, and confirms a candidate against the
/// sender's own namespace and name, which `SenderInfo` keeps in its first bytes (the line a trace
/// reads next anyway). Built once per base table (when a Simulation is prepared, or when changed
/// senders are folded in) and shared between Simulations.
///
/// The hash reads the names' UTF-8 bytes, while `String` equality is canonical equivalence, so the
/// index answers only where both agree: when every key it holds and the name looked up are ASCII
/// (Kubernetes names are). Otherwise `lookup` says it cannot answer and the caller asks the
/// dictionary.
final class SenderIndex: Sendable {
    /// The answer of `lookup`.
    enum Answer {
        /// The sender of that name.
        case found(SenderInfo)
        /// No sender of that name.
        case absent
        /// The index cannot tell (a name that is not ASCII, or an index that was not built).
        case unknown
    }

    /// One slot: a sender and its hash, or no sender.
    private struct Slot: Sendable {
        var hash: UInt64
        var sender: SenderInfo?
    }

    /// The table is at most this full (numerator over 4): linear probing stays within a line or
    /// two of 16-byte slots.
    private static let maximumLoadQuarters = 3

    private let slots: [Slot]
    private let mask: Int
    /// Every hash is ANDed with this: all ones, except where a test forces collisions.
    private let hashMask: UInt64
    /// False when some key is not ASCII or does not name its own sender: then the index answers
    /// nothing.
    let usable: Bool

    /// An index of `table`'s entries. `hashBits` below 64 keeps only that many low bits of every
    /// hash, so that tests can make names collide.
    init(_ table: [PodKey: SenderInfo], hashBits: Int = 64) {
        var capacity = 16
        while capacity * Self.maximumLoadQuarters < table.count * 4 { capacity <<= 1 }
        let hashMask: UInt64 = hashBits >= 64 ? .max : (1 << UInt64(max(hashBits, 0))) &- 1
        var slots = [Slot](repeating: Slot(hash: 0, sender: nil), count: capacity)
        var usable = true
        let mask = capacity - 1
        for (key, info) in table {
            // The candidate is confirmed against the sender's own names, so they must be the key's.
            guard key.namespace == info.namespace, key.name == info.name,
                  let full = Self.hash(namespace: key.namespace, name: key.name),
                  Self.isASCII(info.namespace), Self.isASCII(info.name) else {
                usable = false
                break
            }
            let hash = full & hashMask
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].sender != nil { slot = (slot + 1) & mask }
            slots[slot] = Slot(hash: hash, sender: info)
        }
        self.slots = usable ? slots : [Slot(hash: 0, sender: nil)]
        self.mask = usable ? mask : 0
        self.hashMask = hashMask
        self.usable = usable
    }

    /// The sender named `namespace`/`name`, if the index can tell.
    func lookup(namespace: String, name: String) -> Answer {
        guard usable, let full = Self.hash(namespace: namespace, name: name) else { return .unknown }
        let hash = full & hashMask
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                guard let sender = slots[slot].sender else { return .absent }
                if slots[slot].hash == hash, sender.name == name, sender.namespace == namespace { return .found(sender) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The namespace's bytes, then the name's, eight at a time, each string closed by a word
    /// that holds its last bytes and its length (so "ab"/"c" and "a"/"bc" differ), then mixed
    /// (splitmix64's finaliser); nil when either is not ASCII.
    static func hash(namespace: String, name: String) -> UInt64? {
        var state = State()
        state.add(namespace)
        state.add(name)
        guard state.isASCII else { return nil }
        var mixed = state.hash
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private static func isASCII(_ string: String) -> Bool {
        var state = State()
        state.add(string)
        return state.isASCII
    }

    /// The running hash over words of string bytes: a multiply and a shift per eight bytes, where
    /// a byte-at-a-time hash makes a chain of one multiply per byte.
    private struct State {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        /// Every word of string bytes ORed together.
        var seen: UInt64 = 0

        /// True when every byte added is ASCII.
        var isASCII: Bool { seen & 0x8080_8080_8080_8080 == 0 }

        @inline(__always)
        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }

        mutating func add(_ string: String) {
            let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
                add(UnsafeRawBufferPointer(bytes))
            }
            if done == nil {
                var copy = string
                copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
            }
        }

        /// Whole words first, then the last 0–7 bytes with the length in the top byte (lengths
        /// past 255 wrap, which only costs distinctness, never correctness: lookups compare names).
        @inline(__always)
        private mutating func add(_ bytes: UnsafeRawBufferPointer) {
            let count = bytes.count
            var offset = 0
            while offset &+ 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                seen |= word
                mix(word)
                offset &+= 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(bytes[offset]) << shift
                shift &+= 8
                offset &+= 1
            }
            seen |= tail
            mix(tail | UInt64(truncatingIfNeeded: count) << 56)
        }
    }
}
