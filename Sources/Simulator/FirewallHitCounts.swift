import Firewall

/// A placed firewall's `show access-list` capture (`NAME.acl` beside `NAME.cfg`), parsed and
/// joined to its config once per Simulation. Only lines whose text matches the config count:
/// a capture of another config version says nothing about this one.
struct FirewallHitCounts: Sendable {
    /// The parsed capture.
    let counts: AccessListHitCounts
    /// The capture joined to the config.
    let join: AccessListHitCountJoin

    init(capture: String, path: String, config: FirewallConfig) {
        counts = AccessListHitCounts.parse(capture, file: path)
        join = counts.joined(to: config)
    }

    /// When the capture was taken, if it says.
    var capturedAt: EvaluationTime? { counts.capturedAt }

    /// The hit count of line `lineNumber` of `accessList`: the line's own `hitcnt`, else the sum
    /// of its elements'; nil when the capture has no matching line or no count.
    func hits(accessList: String, line lineNumber: Int) -> Int? {
        guard let joined = join.line(lineNumber, of: accessList) else { return nil }
        if let own = joined.dump.hitCount { return own }
        let counted = joined.dump.elements.compactMap(\.hitCount)
        return counted.isEmpty ? nil : counted.reduce(0, +)
    }

    /// The evidence phrase (`evidence(hits:)`) for line `lineNumber` of `accessList`, when the
    /// capture counts it.
    func evidence(accessList: String, line lineNumber: Int) -> String? {
        hits(accessList: accessList, line: lineNumber).map { evidence(hits: $0) }
    }

    /// `0 hits since the counters were last cleared (show access-list of TIME)`, the time only
    /// when the capture has one.
    func evidence(hits: Int) -> String {
        let count = "\(hits) hit\(hits == 1 ? "" : "s")"
        guard let time = capturedAt else { return "\(count) in show access-list" }
        return "\(count) since the counters were last cleared (show access-list of \(time))"
    }
}
