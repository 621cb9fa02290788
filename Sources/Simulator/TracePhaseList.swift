/// The phases of a trace in order, ending with RESULT.
///
/// A described trace keeps what it decided and, per phase, its name, outcome and code; a phase's
/// note (and so its text) is built from the decision when the phase is read, so describing a
/// trace builds no strings. A list made from phases (`init(_:)`) holds them as given.
public struct TracePhaseList: RandomAccessCollection, Hashable, Sendable {
    /// Unchecked: a `DescribedTrace` is not changed once its trace is described (ManagedBuffer
    /// itself cannot conform).
    private enum Storage: @unchecked Sendable {
        case phases([TracePhase])
        case described(DescribedTrace)
    }

    private let storage: Storage

    /// A list of `phases` as given.
    public init(_ phases: [TracePhase] = []) { storage = .phases(phases) }

    init(_ described: DescribedTrace) { storage = .described(described) }

    /// The first position, 0.
    public var startIndex: Int { 0 }

    /// One past the last phase.
    public var endIndex: Int {
        switch storage {
        case .phases(let phases): return phases.count
        case .described(let described): return described.count
        }
    }

    /// The phase at `position`, its note built from the trace's decision when the trace was described.
    public subscript(position: Int) -> TracePhase {
        switch storage {
        case .phases(let phases): return phases[position]
        case .described(let described): return described.phase(at: position)
        }
    }

    /// The name, outcome and code of the phase at `position`, without building its note.
    func outline(at position: Int) -> PhaseOutline {
        switch storage {
        case .phases(let phases):
            let phase = phases[position]
            return PhaseOutline(name: phase.name, outcome: phase.outcome, code: phase.code)
        case .described(let described): return described.outline(at: position)
        }
    }

    /// Equal when they hold equal phases in the same order.
    public static func == (lhs: TracePhaseList, rhs: TracePhaseList) -> Bool {
        if case .described(let left) = lhs.storage, case .described(let right) = rhs.storage, left === right { return true }
        return lhs.elementsEqual(rhs)
    }

    /// Hashes every phase.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for phase in self { hasher.combine(phase) }
    }
}
