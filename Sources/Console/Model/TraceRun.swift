import Inventory
import Simulator

/// A trace as the Trace view shows it: the input, the query made of it, and the result on the
/// current Snapshot, plus the result on the what-if candidate when one is loaded.
internal struct TraceRun: Hashable, Sendable {
    /// What was typed.
    internal var input: TraceInput
    /// The query, when the input made one.
    internal var query: TraceQuery?
    /// The result on the current Snapshot, or why there is none.
    internal var current: Result<TraceResult, TraceInputError>
    /// The result with the candidate applied, when a candidate is loaded.
    internal var candidate: Result<TraceResult, TraceInputError>?
    /// The candidate's label.
    internal var candidateLabel: String?

    /// Traces `input` with `simulator` (and on its Snapshot with `candidate` applied).
    internal init(input: TraceInput, simulator: SimulatorCache, candidate: WhatIfCandidate?) {
        self.input = input
        candidateLabel = candidate?.label
        switch input.query() {
        case .failure(let error):
            query = nil
            current = .failure(error)
            self.candidate = candidate.map { _ in .failure(error) }
        case .success(let query):
            self.query = query
            current = Self.trace(query, with: simulator.tracer)
            self.candidate = candidate.map { Self.trace(query, with: simulator.tracer(for: $0)) }
        }
    }

    private static func trace(_ query: TraceQuery, with tracer: Tracer) -> Result<TraceResult, TraceInputError> {
        do {
            return .success(try tracer.trace(query))
        } catch {
            return .failure(TraceInputError(error.message))
        }
    }

    /// The overall verdict on the current Snapshot, if the trace ran.
    internal var verdict: TraceVerdict? {
        if case .success(let result) = current { return result.verdict }
        return nil
    }
}
