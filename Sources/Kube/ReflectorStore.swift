import Synchronization

/// The current objects of one resource, keyed by `namespace/name`, shared between its reflector
/// (which writes) and the publisher (which reads them in the store's order).
///
/// Kept current per watch event, as client-go's indexers are, without a sort per event; only a
/// list sorts. The store keeps one of two orders (`Order`): sorted by key (each event a binary
/// search, then one replacement, insertion or removal), or stable positions, where a watch event
/// moves at most one other object (an added object goes last; a deleted one's place is taken by
/// the last), so that indexes by position built over one delivery stay true for the next one
/// apart from the positions the event touched (`Snapshot.updating(cluster:changedPods:)`).
///
/// With a `bundleKey`, the store also knows which objects the watch events since the last `take()`
/// touched (the key of the object before and after each event, as the journal names it); an event
/// that leaves the object equal (a status field Gatewatch does not read) touches nothing. A list
/// replaces everything, so after one the change is "any".
final class ReflectorStore<Object: Sendable>: Sendable {
    /// How the store orders its objects between lists (a list always sorts them by key).
    enum Order: Sendable {
        /// Sorted by key after every event.
        case sortedByKey
        /// Each object keeps its position: an added object is appended, and a deleted object's
        /// position is taken by the last object.
        case stablePositions
    }

    private struct State {
        /// The keys in the store's order, and the objects in the same order.
        var keys: [String] = []
        var objects: [Object] = []
        /// Each key's position (kept only with `.stablePositions`).
        var positions: [String: Int] = [:]
        var changed = false
        var synced = false
        /// The keys touched since the last `take()`; nil: anything may have changed.
        var touched: Set<String>? = []

        /// The position of `key` in the sorted `keys`, or where it would go.
        func sortedPosition(of key: String) -> (index: Int, found: Bool) {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return (low, low < keys.count && keys[low] == key)
        }

        /// The object stored under `key`.
        func existing(_ key: String, order: Order) -> Object? {
            switch order {
            case .sortedByKey:
                let (index, found) = sortedPosition(of: key)
                return found ? objects[index] : nil
            case .stablePositions:
                return positions[key].map { objects[$0] }
            }
        }

        /// Stores `object` under `key` (nil deletes it) in `order`; returns the object it
        /// replaced or deleted.
        mutating func store(_ object: Object?, key: String, order: Order) -> (found: Bool, old: Object?) {
            switch order {
            case .sortedByKey:
                let (index, found) = sortedPosition(of: key)
                let old = found ? objects[index] : nil
                switch (found, object) {
                case (true, let object?): objects[index] = object
                case (true, nil):
                    keys.remove(at: index)
                    objects.remove(at: index)
                case (false, let object?):
                    keys.insert(key, at: index)
                    objects.insert(object, at: index)
                case (false, nil): break
                }
                return (found, old)
            case .stablePositions:
                let index = positions[key]
                let old = index.map { objects[$0] }
                switch (index, object) {
                case (let index?, let object?): objects[index] = object
                case (let index?, nil):
                    let last = keys.count - 1
                    if index != last {
                        keys.swapAt(index, last)
                        objects.swapAt(index, last)
                        positions[keys[index]] = index
                    }
                    keys.removeLast()
                    objects.removeLast()
                    positions[key] = nil
                case (nil, let object?):
                    positions[key] = keys.count
                    keys.append(key)
                    objects.append(object)
                case (nil, nil): break
                }
                return (index != nil, old)
            }
        }
    }

    private let state = Mutex(State())
    private let bundleKey: (@Sendable (Object) -> String)?
    private let same: (@Sendable (Object, Object) -> Bool)?
    private let order: Order

    /// A store; `bundleKey` names an object as the journal does, for the change set, `same`
    /// tells an event that changed nothing Gatewatch reads, and `order` is how objects are kept
    /// between lists.
    init(bundleKey: (@Sendable (Object) -> String)? = nil, same: (@Sendable (Object, Object) -> Bool)? = nil,
         order: Order = .sortedByKey) {
        self.bundleKey = bundleKey
        self.same = same
        self.order = order
    }

    /// Replaces everything (after a list).
    func replace(_ objects: [String: Object]) {
        let pairs = objects.sorted { $0.key < $1.key }
        state.withLock {
            $0.keys = pairs.map(\.key)
            $0.objects = pairs.map(\.value)
            if order == .stablePositions {
                $0.positions = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($1.key, $0) })
            }
            $0.changed = true
            $0.synced = true
            $0.touched = nil
        }
    }

    /// Applies watch events in order, in one lock: an object stores it, nil deletes the key.
    func apply(_ operations: [(String, Object?)]) {
        guard !operations.isEmpty else { return }
        let bundleKey = self.bundleKey
        let same = self.same
        let order = self.order
        state.withLock { state in
            for (key, object) in operations {
                if let object, let same, let old = state.existing(key, order: order), same(old, object) { continue }
                let (found, old) = state.store(object, key: key, order: order)
                guard found || object != nil else { continue }
                state.changed = true
                if let bundleKey, state.touched != nil {
                    if let old { state.touched?.insert(bundleKey(old)) }
                    if let object { state.touched?.insert(bundleKey(object)) }
                } else {
                    state.touched = nil
                }
            }
        }
    }

    /// Whether the first list has completed.
    var isSynced: Bool { state.withLock { $0.synced } }

    /// Whether anything changed since the last `values()` or `take()`.
    var hasChanges: Bool { state.withLock { $0.changed } }

    /// The objects in the store's order.
    func values() -> [Object] {
        take().values
    }

    /// The objects in the store's order, and the keys touched since the previous `take()` (nil: anything
    /// may have changed), in one lock; the next call reports changes from here.
    func take() -> (values: [Object], touched: Set<String>?) {
        state.withLock {
            let touched = $0.touched
            $0.changed = false
            $0.touched = []
            return ($0.objects, touched)
        }
    }

    /// The number of objects.
    var count: Int { state.withLock { $0.keys.count } }
}
