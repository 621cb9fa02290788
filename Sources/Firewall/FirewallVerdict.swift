/// What the firewall does with a packet, and why (docs/cisco-firewall.md §1 CONVENTION).
///
/// `action` is permit or deny. For a matching line, `accessList`/`lineNumber`/`ace`/`element`
/// name it. For the implicit deny, `isImplicit` is true, `lineNumber` is nil and `accessList` is
/// the last access list consulted (the global one when bound, else the interface's). When no
/// access list applies, the security-level policy decides; `accessList` is then nil. When a
/// packet passes both an inbound and an `out` list, the inbound line is reported; every list
/// consulted is in `evaluations`.
public struct FirewallVerdict: Hashable, Sendable {
    /// permit or deny.
    public enum Action: String, Hashable, Sendable {
        /// The packet passes.
        case permit
        /// The packet is dropped.
        case deny
    }

    /// What decided.
    public enum Decision: Hashable, Sendable {
        /// A configured access-list line.
        case accessControlEntry
        /// The implicit deny at the end of the last access list consulted.
        case implicitDeny
        /// No access list applies: higher to lower security level passes, nothing else
        /// (packet-tracer calls this an "Implicit Rule" too).
        case securityLevel(ingress: Int, egress: Int?)
    }

    /// The packet classified.
    public let packet: FirewallPacket
    /// permit or deny.
    public let action: Action
    /// What decided.
    public let decision: Decision
    /// The access lists consulted, in order (inbound interface, global, outbound interface).
    public let evaluations: [AccessListEvaluation]
    /// The egress interface used for `out` access lists and the security-level policy.
    public let egressInterface: String?
    /// True when the deciding line has a time range that was assumed active.
    public let timeRangeAssumedActive: Bool
    /// Things the verdict depends on that the simulator cannot check, in words.
    public let notes: [String]

    /// Creates a verdict.
    public init(packet: FirewallPacket, action: Action, decision: Decision, evaluations: [AccessListEvaluation],
                egressInterface: String?, timeRangeAssumedActive: Bool, notes: [String]) {
        self.packet = packet
        self.action = action
        self.decision = decision
        self.evaluations = evaluations
        self.egressInterface = egressInterface
        self.timeRangeAssumedActive = timeRangeAssumedActive
        self.notes = notes
    }

    /// The evaluation the verdict reports: for a deny, the last list consulted (whose line or
    /// implicit deny dropped the packet); for a permit, the first list whose line permitted it
    /// (the inbound rule, even when an `out` list permits it as well).
    public var decidingEvaluation: AccessListEvaluation? {
        if action == .deny { return evaluations.last }
        return evaluations.first { $0.match != nil }
    }

    /// The deciding line, when a line decided.
    public var match: AccessListMatch? {
        decidingEvaluation?.match
    }

    /// True for the implicit deny and the security-level policy.
    public var isImplicit: Bool { decision != .accessControlEntry }

    /// The access list whose line matched, or the last one consulted for the implicit deny.
    public var accessList: String? {
        if case .securityLevel = decision, action == .deny || evaluations.isEmpty { return nil }
        return decidingEvaluation?.accessList
    }

    /// The `show access-list` line number of the deciding line; nil when implicit.
    public var lineNumber: Int? { match?.lineNumber }

    /// The deciding line as configured; nil when implicit.
    public var ace: String? { match?.entry.text }

    /// The expanded child that matched, as `show access-list` prints it; nil when implicit.
    public var element: String? { match?.elementText }

    /// The binding that put the deciding (or last consulted) access list on the path.
    public var accessGroup: AccessGroup? { decidingEvaluation?.accessGroup }
}
