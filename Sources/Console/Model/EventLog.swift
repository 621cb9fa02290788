/// The console's event log: the newest `capacity` events, oldest first.
internal struct EventLog: Hashable, Sendable {
    /// How many events are kept.
    internal var capacity: Int
    /// The events, oldest first.
    private(set) var events: [FleetEvent] = []
    /// Increases with every change, so the Events table knows to rebuild.
    private(set) var revision = 0

    /// An empty log keeping `capacity` events.
    internal init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    /// Adds `events` (dropping the oldest beyond the capacity).
    internal mutating func append(_ new: [FleetEvent]) {
        guard !new.isEmpty else { return }
        events += new
        if events.count > capacity { events.removeFirst(events.count - capacity) }
        revision += 1
    }
}
