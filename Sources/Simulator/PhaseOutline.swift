/// What describing a trace decides about a phase before anyone reads it: the phase's name,
/// outcome and Reachability Analyzer code, without its note. A described trace keeps an outline
/// per phase and builds the note (and so the text) from its decision only when the phase is read.
struct PhaseOutline: TracePhaseMaking, Hashable, Sendable {
    let name: TracePhaseName
    let outcome: TracePhaseOutcome
    let code: ReachabilityCode?

    /// The outline of a phase; `note` is never evaluated.
    static func make(_ name: TracePhaseName, _ outcome: TracePhaseOutcome, _ note: @autoclosure () -> TraceNote,
                     code: ReachabilityCode?) -> PhaseOutline {
        PhaseOutline(name: name, outcome: outcome, code: code)
    }
}

/// What the phase builders of `Tracer` make: a whole `TracePhase`, or only its `PhaseOutline`.
/// Both come from the same builder code, so an outline always agrees with the phase read later.
protocol TracePhaseMaking {
    /// A phase named `name` that went `outcome`; `note` is evaluated only by makers that keep it.
    static func make(_ name: TracePhaseName, _ outcome: TracePhaseOutcome, _ note: @autoclosure () -> TraceNote,
                     code: ReachabilityCode?) -> Self
    var name: TracePhaseName { get }
    var outcome: TracePhaseOutcome { get }
    var code: ReachabilityCode? { get }
}

extension TracePhaseMaking {
    /// A phase without a Reachability Analyzer code.
    static func make(_ name: TracePhaseName, _ outcome: TracePhaseOutcome, _ note: @autoclosure () -> TraceNote) -> Self {
        make(name, outcome, note(), code: nil)
    }
}

extension TracePhase: TracePhaseMaking {
    /// The phase with its note built.
    static func make(_ name: TracePhaseName, _ outcome: TracePhaseOutcome, _ note: @autoclosure () -> TraceNote,
                     code: ReachabilityCode?) -> TracePhase {
        TracePhase(name, outcome, note(), code: code)
    }
}
