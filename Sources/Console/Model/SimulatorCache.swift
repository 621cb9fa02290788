import Inventory
import Simulator
import Synchronization

/// The simulator prepared for one Snapshot (a Tracer and a ReverseLookup), built the first time
/// a trace or a whois needs it and reused after that: preparing takes as long as a Snapshot build
/// on a large cluster, a trace on the prepared tables microseconds.
internal final class SimulatorCache: Sendable {
    /// The Snapshot the simulator works on.
    internal let snapshot: Snapshot
    private let preparedTracer = Mutex<Tracer?>(nil)
    private let preparedLookup = Mutex<ReverseLookup?>(nil)

    internal init(snapshot: Snapshot) {
        self.snapshot = snapshot
    }

    /// The tracer for `snapshot`, prepared on first use.
    internal var tracer: Tracer {
        preparedTracer.withLock { slot in
            if let prepared = slot { return prepared }
            let made = Tracer(snapshot: snapshot)
            slot = made
            return made
        }
    }

    /// The reverse lookup for `snapshot`, prepared on first use.
    internal var reverseLookup: ReverseLookup {
        preparedLookup.withLock { slot in
            if let prepared = slot { return prepared }
            let made = ReverseLookup(snapshot: snapshot)
            slot = made
            return made
        }
    }
}
