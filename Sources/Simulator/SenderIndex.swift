/// The senders of a `SenderTable`'s base, found by namespace and name without hashing two Strings
/// into a dictionary: one open-addressed table of packed slots (a 32-bit hash tag and a position)
/// over an array of the senders, each candidate confirmed against the sender's own namespace and
/// name. Built once per base table (when a Simulation is prepared, or when changed senders are
/// folded in) and shared between Simulations.
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

    /// Most slots a table gets per sender (load ≤ 1/2).
    private static let slotsPerSender = 2

    /// The senders, in the order of the slots' positions.
    private let senders: [SenderInfo]
    /// Per slot: `tag << 32 | (position + 1)`, or 0 when empty.
    private let slots: [UInt64]
    private let mask: Int
    /// False when some key is not ASCII or does not name its own sender: then the index answers
    /// nothing.
    let usable: Bool

    /// An index of `table`'s entries.
    init(_ table: [PodKey: SenderInfo]) {
        var capacity = 16
        while capacity < table.count * Self.slotsPerSender { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var senders: [SenderInfo] = []
        senders.reserveCapacity(table.count)
        var usable = true
        let mask = capacity - 1
        for (key, info) in table {
            // The candidate is confirmed against the sender's own names, so they must be the key's.
            guard key.namespace == info.namespace, key.name == info.pod.name,
                  let hash = Self.hash(namespace: key.namespace, name: key.name),
                  Self.isASCII(info.namespace), Self.isASCII(info.pod.name) else {
                usable = false
                break
            }
            let position = UInt64(senders.count + 1)
            senders.append(info)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | position
        }
        self.senders = usable ? senders : []
        self.slots = usable ? slots : [0]
        self.mask = usable ? mask : 0
        self.usable = usable
    }

    /// The sender named `namespace`/`name`, if the index can tell.
    func lookup(namespace: String, name: String) -> Answer {
        guard usable, let hash = Self.hash(namespace: namespace, name: name) else { return .unknown }
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 { return .absent }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let info = senders[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1]
                    if info.pod.name == name, info.namespace == namespace { return .found(info) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over the namespace's bytes, a separator no ASCII name holds, and the name's bytes,
    /// then mixed (splitmix64's finaliser); nil when either is not ASCII.
    static func hash(namespace: String, name: String) -> UInt64? {
        var state = State()
        state.add(namespace)
        state.add(byte: 0xFF)
        state.add(name)
        guard state.seen < 0x80 else { return nil }
        var mixed = state.hash
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private static func isASCII(_ string: String) -> Bool {
        var state = State()
        state.add(string)
        return state.seen < 0x80
    }

    private struct State {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        /// Every byte of the strings ORed together (the separator excluded).
        var seen: UInt8 = 0

        @inline(__always)
        mutating func add(byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }

        mutating func add(_ string: String) {
            let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes {
                    seen |= byte
                    add(byte: byte)
                }
            }
            if done == nil {
                for byte in string.utf8 {
                    seen |= byte
                    add(byte: byte)
                }
            }
        }
    }
}
