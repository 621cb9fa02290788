import Synchronization

/// The current objects of one resource, keyed by `namespace/name`, shared between its reflector
/// (which writes) and the publisher (which reads a sorted array only when something changed).
final class ReflectorStore<Object: Sendable>: Sendable {
    private struct State {
        var objects: [String: Object] = [:]
        var sorted: [Object] = []
        var changed = false
        var synced = false
    }

    private let state = Mutex(State())

    /// Replaces everything (after a list).
    func replace(_ objects: [String: Object]) {
        state.withLock {
            $0.objects = objects
            $0.changed = true
            $0.synced = true
        }
    }

    /// Applies watch events in order, in one lock: an object stores it, nil deletes the key.
    func apply(_ operations: [(String, Object?)]) {
        guard !operations.isEmpty else { return }
        state.withLock {
            for (key, object) in operations {
                if let object { $0.objects[key] = object } else { $0.objects.removeValue(forKey: key) }
            }
            $0.changed = true
        }
    }

    /// Whether the first list has completed.
    var isSynced: Bool { state.withLock { $0.synced } }

    /// Whether anything changed since the last `values()`.
    var hasChanges: Bool { state.withLock { $0.changed } }

    /// The objects sorted by key (rebuilt only after a change).
    func values() -> [Object] {
        state.withLock {
            if $0.changed {
                $0.sorted = $0.objects.sorted { $0.key < $1.key }.map(\.value)
                $0.changed = false
            }
            return $0.sorted
        }
    }

    /// The number of objects.
    var count: Int { state.withLock { $0.objects.count } }
}
