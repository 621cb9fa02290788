import Inventory
import Simulator

/// The Trace view's state: the form (sender, destination, protocol), which field has the focus,
/// Tab completion in it, the last trace run, the what-if candidate and whether it is compared
/// side by side, and how far the result is scrolled.
internal struct TraceForm: Hashable, Sendable {
    /// A field of the form.
    internal enum Field: Int, CaseIterable, Hashable, Sendable {
        /// The sender: `NS/NAME` or `ns=NS,k=v`.
        case source
        /// `IP[:PORT]`.
        case destination
        /// `tcp`, `udp`, `icmp`.
        case proto

        /// The label before the field.
        internal var label: String {
            switch self {
            case .source: return "Pod"
            case .destination: return "Destination"
            case .proto: return "Protocol"
            }
        }

        /// What the field takes, shown while it is empty.
        internal var placeholder: String {
            switch self {
            case .source: return "NS/NAME (Tab completes) or ns=NS,k=v"
            case .destination: return "IP[:PORT]"
            case .proto: return "tcp | udp | icmp"
            }
        }
    }

    /// The fields' editors, in `Field` order.
    private(set) var editors: [LineEditor] = [LineEditor(), LineEditor(), LineEditor("tcp")]
    /// The field being edited.
    internal var focus: Field = .source
    /// While Tab cycles: the word as typed and the candidate last put in.
    private(set) var cycleBase: String?
    private(set) var cycleIndex = 0
    /// The last trace.
    private(set) var run: TraceRun?
    /// The Snapshot generation `run` was computed on.
    private(set) var runGeneration = -1
    /// The what-if candidate, if one is loaded.
    private(set) var candidate: WhatIfCandidate?
    /// True to show the trace with the candidate applied next to the current one.
    internal var compare = false
    /// The first result line shown.
    internal var scroll = 0

    /// Creates an empty form (protocol tcp).
    internal init() {}

    /// The text of `field`.
    internal func text(_ field: Field) -> String { editors[field.rawValue].text }

    /// Sets the text of `field`.
    internal mutating func set(_ field: Field, _ text: String) {
        editors[field.rawValue] = LineEditor(text)
        if field == focus { cycleBase = nil }
    }

    /// What the form holds.
    internal var input: TraceInput {
        TraceInput(source: text(.source), destination: text(.destination), proto: text(.proto))
    }

    /// Applies an editing key to the focused field; false for keys that do not edit.
    internal mutating func edit(_ key: ConsoleKey) -> Bool {
        var editor = editors[focus.rawValue]
        guard editor.apply(key) else { return false }
        editors[focus.rawValue] = editor
        cycleBase = nil
        return true
    }

    /// Moves the focus by `delta` fields (wrapping).
    internal mutating func moveFocus(by delta: Int) {
        let count = Field.allCases.count
        focus = Field(rawValue: ((focus.rawValue + delta) % count + count) % count) ?? .source
        cycleBase = nil
    }

    /// Completion candidates for the focused field's text (or the word Tab is cycling through).
    internal func candidates(in snapshot: Snapshot) -> [String] {
        let word = cycleBase ?? text(focus)
        switch focus {
        case .source: return TraceInput.senderCandidates(word, in: snapshot)
        case .destination: return []
        case .proto: return TraceInput.protocolNames.filter { $0.hasPrefix(word.lowercased()) }
        }
    }

    /// The candidate Tab put in last, for highlighting.
    internal func cycledCandidate(in snapshot: Snapshot) -> String? {
        guard cycleBase != nil else { return nil }
        let all = candidates(in: snapshot)
        return all.isEmpty ? nil : all[cycleIndex % all.count]
    }

    /// Tab: completes the focused field (to the candidates' common prefix, then cycling through
    /// them); returns false when there is nothing to complete, so Tab can move to the next field.
    internal mutating func complete(in snapshot: Snapshot, backwards: Bool = false) -> Bool {
        if cycleBase != nil {
            let all = candidates(in: snapshot)
            guard !all.isEmpty else { return false }
            cycleIndex = (cycleIndex + (backwards ? all.count - 1 : 1)) % all.count
            editors[focus.rawValue] = LineEditor(all[cycleIndex])
            return true
        }
        let current = text(focus)
        let all = candidates(in: snapshot)
        guard !all.isEmpty, all != [current] else { return false }
        if all.count == 1 {
            editors[focus.rawValue] = LineEditor(all[0])
            return true
        }
        let common = CommandPrompt.commonPrefix(all)
        if common.count > current.count {
            editors[focus.rawValue] = LineEditor(common)
        } else {
            cycleIndex = backwards ? all.count - 1 : 0
            editors[focus.rawValue] = LineEditor(all[cycleIndex])
            cycleBase = current
        }
        return true
    }

    /// Runs the trace of the form's input with `simulator` (Snapshot generation `generation`).
    internal mutating func runTrace(with simulator: SimulatorCache, generation: Int) {
        run = TraceRun(input: input, simulator: simulator, candidate: candidate)
        runGeneration = generation
        scroll = 0
    }

    /// Runs the last trace again when the Snapshot changed.
    internal mutating func refresh(with simulator: SimulatorCache, generation: Int) {
        guard let run, generation != runGeneration else { return }
        self.run = TraceRun(input: run.input, simulator: simulator, candidate: candidate)
        runGeneration = generation
    }

    /// Loads (or with nil, drops) the what-if candidate; the comparison shows when one is loaded.
    internal mutating func setCandidate(_ candidate: WhatIfCandidate?, simulator: SimulatorCache, generation: Int) {
        self.candidate = candidate
        compare = candidate != nil
        if let run { self.run = TraceRun(input: run.input, simulator: simulator, candidate: candidate) }
        runGeneration = generation
    }
}
