import Dispatch

/// Ends the life of a large value on a background queue: freeing the previous Snapshot's model and
/// Simulation (hundreds of thousands of objects at 100,000 pods) would otherwise hold up the frame
/// that shows the new one.
internal enum BackgroundRelease {
    /// Drops `value`'s last reference held here on a utility queue.
    internal static func release<Value: Sendable>(_ value: consuming Value) {
        let retired = value
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
    }
}
