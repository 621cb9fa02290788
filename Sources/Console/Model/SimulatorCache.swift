import Inventory
import Simulator
import Synchronization

/// The simulator behind the current Snapshot: the `Simulation` published with it (prepared off
/// the UI thread by `Live`, or by a background task for bundles), and the what-if candidates'
/// simulations, each prepared once per (Snapshot, candidate) however often the trace re-runs.
internal final class SimulatorCache: Sendable {
    /// The Snapshot's simulation.
    internal let simulation: Simulation
    /// The journal's owners of an address over time (the Whois view's timeline), when a journal is open.
    internal let timeline: AddressTimeline?
    private let candidates = Mutex<[WhatIfCandidate: Simulation]>([:])

    internal init(simulation: Simulation, timeline: AddressTimeline? = nil) {
        self.simulation = simulation
        self.timeline = timeline
    }

    /// The Snapshot the simulator works on.
    internal var snapshot: Snapshot { simulation.snapshot }

    /// Traces on the Snapshot.
    internal var tracer: Tracer { simulation.tracer }

    /// Reverse lookups on the Snapshot.
    internal var reverseLookup: ReverseLookup { simulation.reverseLookup }

    /// How many candidate simulations were prepared (one per candidate, however often traced).
    internal var candidatesPrepared: Int { candidates.withLock { $0.count } }

    /// Traces on the Snapshot with `candidate` applied, prepared on first use.
    internal func tracer(for candidate: WhatIfCandidate) -> Tracer {
        candidates.withLock { cache in
            if let known = cache[candidate] { return known.tracer }
            let made = Simulation(snapshot: candidate.apply(to: simulation.snapshot))
            cache[candidate] = made
            return made.tracer
        }
    }
}
