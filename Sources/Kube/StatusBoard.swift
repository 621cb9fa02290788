#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Collects every reflector's phase into one `KubeSourceStatus`; marks itself changed so the
/// publisher sends status changes even when no object changed.
final class StatusBoard: Sendable {
    enum ReflectorPhase: Sendable, Equatable {
        case listing
        case watching
        case relisting
        case backingOff(since: Date)
        case unavailable
    }

    /// What the lists of one resource ended with so far.
    struct ListOutcome: Sendable {
        /// Failures since the last successful list, and the newest of them.
        var consecutiveFailures = 0
        var lastError: KubeError?
        /// Objects the last successful list skipped (`Kind namespace/name: what was expected`).
        var skipped: [String] = []
    }

    private struct State {
        var phases: [String: ReflectorPhase] = [:]
        var outcomes: [String: ListOutcome] = [:]
        var base: KubeSourceStatus
        var changed = true
    }

    private let state: Mutex<State>

    init(context: String?) {
        state = Mutex(State(base: KubeSourceStatus(context: context)))
    }

    func setAPIs(_ description: String) {
        state.withLock {
            $0.base.apis = description
            $0.changed = true
        }
    }

    func set(_ resource: String, _ phase: ReflectorPhase) {
        state.withLock {
            if case .backingOff = $0.phases[resource], case .backingOff = phase { return }
            guard $0.phases[resource] != phase else { return }
            $0.phases[resource] = phase
            $0.changed = true
        }
    }

    /// A list of `resource` succeeded, skipping the objects in `skipped`.
    func listed(_ resource: String, skipped: [String]) {
        state.withLock { $0.outcomes[resource] = ListOutcome(skipped: skipped) }
    }

    /// A list or watch of `resource` failed with `error`.
    func failed(_ resource: String, _ error: KubeError) {
        state.withLock {
            var outcome = $0.outcomes[resource] ?? ListOutcome()
            outcome.consecutiveFailures += 1
            outcome.lastError = error
            $0.outcomes[resource] = outcome
        }
    }

    /// What the lists of each resource ended with.
    func outcomes() -> [String: ListOutcome] {
        state.withLock { $0.outcomes }
    }

    func record(error: String) {
        state.withLock {
            $0.base.lastError = error
            $0.base.lastErrorAt = Date()
            $0.changed = true
        }
    }

    /// True once every registered resource has listed at least once (or is unavailable).
    func allListed(_ resources: [String]) -> Bool {
        state.withLock { state in
            resources.allSatisfy { name in
                guard let phase = state.phases[name] else { return false }
                return phase != .listing
            }
        }
    }

    var hasChanges: Bool { state.withLock { $0.changed } }

    /// The current status; clears the changed mark.
    func current() -> KubeSourceStatus {
        state.withLock { state in
            state.changed = false
            var status = state.base
            let sorted = state.phases.sorted { $0.key < $1.key }
            status.unavailable = sorted.filter { $0.value == .unavailable }.map(\.key)
            let backingOff = sorted.compactMap { entry -> (String, Date)? in
                if case .backingOff(let since) = entry.value { return (entry.key, since) }
                return nil
            }
            let relisting = sorted.filter { $0.value == .relisting }.map(\.key)
            if let oldest = backingOff.map(\.1).min() {
                status.phase = .backingOff(since: oldest, resources: backingOff.map(\.0))
            } else if !relisting.isEmpty {
                status.phase = .relisting(relisting)
            } else if sorted.isEmpty || sorted.contains(where: { $0.value == .listing }) {
                status.phase = .connecting
            } else {
                status.phase = .connected
            }
            return status
        }
    }
}
