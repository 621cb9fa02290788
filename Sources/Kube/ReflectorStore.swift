import Synchronization

/// The current objects of one resource, keyed by `namespace/name`, shared between its reflector
/// (which writes) and the publisher (which reads them sorted by key).
///
/// Kept current per watch event, as client-go's indexers are: the objects are held sorted by key
/// (the key array is the index) and each event is a binary search, then one replacement,
/// insertion or removal, rather than a new sort; only a list sorts. With a `bundleKey`, the store also knows which objects the watch events
/// since the last `take()` touched (the key of the object before and after each event, as the
/// journal names it); an event that leaves the object equal (a status field Gatewatch does not
/// read) touches nothing. A list replaces everything, so after one the change is "any".
final class ReflectorStore<Object: Sendable>: Sendable {
    private struct State {
        /// The keys in order, and the objects in the same order.
        var sortedKeys: [String] = []
        var sorted: [Object] = []
        var changed = false
        var synced = false
        /// The keys touched since the last `take()`; nil: anything may have changed.
        var touched: Set<String>? = []

        /// The position of `key` in `sortedKeys`, or where it would go.
        func position(of key: String) -> (index: Int, found: Bool) {
            var low = 0
            var high = sortedKeys.count
            while low < high {
                let middle = (low + high) / 2
                if sortedKeys[middle] < key { low = middle + 1 } else { high = middle }
            }
            return (low, low < sortedKeys.count && sortedKeys[low] == key)
        }
    }

    private let state = Mutex(State())
    private let bundleKey: (@Sendable (Object) -> String)?
    private let same: (@Sendable (Object, Object) -> Bool)?

    /// A store; `bundleKey` names an object as the journal does, for the change set, and `same`
    /// tells an event that changed nothing Gatewatch reads.
    init(bundleKey: (@Sendable (Object) -> String)? = nil, same: (@Sendable (Object, Object) -> Bool)? = nil) {
        self.bundleKey = bundleKey
        self.same = same
    }

    /// Replaces everything (after a list).
    func replace(_ objects: [String: Object]) {
        let pairs = objects.sorted { $0.key < $1.key }
        state.withLock {
            $0.sortedKeys = pairs.map(\.key)
            $0.sorted = pairs.map(\.value)
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
        state.withLock { state in
            for (key, object) in operations {
                let (index, found) = state.position(of: key)
                let old = found ? state.sorted[index] : nil
                switch (found, object) {
                case (true, let object?):
                    if let old, let same, same(old, object) { continue }
                    state.sorted[index] = object
                case (true, nil):
                    state.sortedKeys.remove(at: index)
                    state.sorted.remove(at: index)
                case (false, let object?):
                    state.sortedKeys.insert(key, at: index)
                    state.sorted.insert(object, at: index)
                case (false, nil):
                    continue
                }
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

    /// The objects sorted by key.
    func values() -> [Object] {
        take().values
    }

    /// The objects sorted by key, and the keys touched since the previous `take()` (nil: anything
    /// may have changed), in one lock; the next call reports changes from here.
    func take() -> (values: [Object], touched: Set<String>?) {
        state.withLock {
            let touched = $0.touched
            $0.changed = false
            $0.touched = []
            return ($0.sorted, touched)
        }
    }

    /// The number of objects.
    var count: Int { state.withLock { $0.sortedKeys.count } }
}
