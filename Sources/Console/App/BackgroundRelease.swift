import Dispatch

/// Ends the life of a large value on a background queue: freeing the previous Snapshot's model and
/// Simulation (hundreds of thousands of objects at 100,000 pods) would otherwise hold up the frame
/// that shows the new one.
internal enum BackgroundRelease {
    /// Takes `value` (the caller passes it with `consume`, keeping no copy) and frees it on a
    /// utility queue.
    ///
    /// The value is moved into a box that only the queue empties. Handing the value itself to the
    /// closure is not enough: when the queue runs first, the caller's own reference is the last
    /// one, and the value is freed on the caller's thread after all.
    internal static func release<Value: Sendable>(_ value: consuming Value) {
        let box = Retired(consume value)
        DispatchQueue.global(qos: .utility).async { box.free() }
    }

    /// The retired value, until the queue frees it.
    private final class Retired<Value: Sendable>: @unchecked Sendable {
        // Written once on the caller's thread, emptied once on the queue: the dispatch hand-over
        // orders the two.
        private var value: Value?

        init(_ value: consuming Value) {
            self.value = .some(consume value)
        }

        func free() {
            value = nil
        }
    }
}
