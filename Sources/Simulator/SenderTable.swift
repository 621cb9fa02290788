/// Every pod as a sender, by namespace and name: the table a Simulation was prepared with, shared
/// with the Simulations of later Snapshots, and the senders changed since kept apart on top, so a
/// pod event prepares one sender instead of copying a table of every pod. The changed senders are
/// folded into a table of their own once they pass `foldLimit`.
///
/// A trace finds its sender in the base table through a `SenderIndex` (no two Strings hashed into
/// a dictionary); senders removed since the base was indexed are kept apart as well.
struct SenderTable: Sendable {
    /// How many changed (or removed) senders are kept on top before they are folded in (one copy
    /// of the whole table per that many pod events).
    static let foldLimit = 4_096

    /// The senders `index` was built from (shared, never changed between folds).
    private var base: [PodKey: SenderInfo]
    private var changed: [PodKey: SenderInfo] = [:]
    /// Keys of `base` whose pods were removed since (and not added again).
    private var removed: Set<PodKey> = []
    /// `base`, indexed.
    private var index: SenderIndex
    /// The bits of the hash the index keeps (64; fewer only where a test makes names collide).
    private let hashBits: Int

    /// A table of `senders`; `hashBits` below 64 makes the index's hashes collide (tests only).
    init(_ senders: [PodKey: SenderInfo], hashBits: Int = 64) {
        base = senders
        self.hashBits = hashBits
        index = SenderIndex(senders, hashBits: hashBits)
    }

    /// The sender of the pod `key` names.
    subscript(_ key: PodKey) -> SenderInfo? {
        get { sender(namespace: key.namespace, name: key.name) }
        set {
            if let newValue {
                changed[key] = newValue
                if !removed.isEmpty { removed.remove(key) }
            } else {
                changed[key] = nil
                // `base` itself is left as it is: it is shared, and removing from it would copy it.
                if base[key] != nil { removed.insert(key) }
            }
            if changed.count + removed.count > Self.foldLimit { fold() }
        }
    }

    /// The sender of the pod `namespace`/`name`: what `self[PodKey(namespace:name:)]` gives.
    func sender(namespace: String, name: String) -> SenderInfo? {
        if !changed.isEmpty, let sender = changed[PodKey(namespace: namespace, name: name)] { return sender }
        switch index.lookup(namespace: namespace, name: name) {
        case .found(let sender):
            return removed.isEmpty || !removed.contains(PodKey(namespace: namespace, name: name)) ? sender : nil
        case .absent:
            return nil
        case .unknown:
            let key = PodKey(namespace: namespace, name: name)
            return removed.contains(key) ? nil : base[key]
        }
    }

    /// Every sender once, with its key (the changed one where a pod changed), in no particular order.
    var all: [(key: PodKey, value: SenderInfo)] {
        base.compactMap { entry in changed[entry.key] == nil && !removed.contains(entry.key) ? entry : nil }
            + changed.map { $0 }
    }

    private mutating func fold() {
        base.merge(changed) { _, new in new }
        for key in removed { base[key] = nil }
        changed = [:]
        removed = []
        index = SenderIndex(base, hashBits: hashBits)
    }
}
