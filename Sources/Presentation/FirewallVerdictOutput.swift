import Firewall
import Inventory

/// `firewall trace`'s verdict as JSON (the text form is the Firewall module's `PacketTracerReport`).
public enum FirewallVerdictOutput {
    /// The verdict as JSON, with stable keys.
    public static func json(_ verdict: FirewallVerdict, time: EvaluationTime?) -> JSONValue {
        let packet = verdict.packet
        var input: [(String, JSONValue)] = [
            ("interface", .string(packet.ingressInterface)),
            ("protocol", .string(IPProtocolTable.name(for: packet.ipProtocol))),
            ("src", .string(packet.source.description)),
        ]
        if packet.carriesPorts { input.append(("sport", .integer(Int64(packet.sourcePort)))) }
        input.append(("dst", .string(packet.destination.description)))
        if packet.carriesPorts { input.append(("dport", .integer(Int64(packet.destinationPort)))) }
        if packet.isICMP {
            input.append(("icmpType", .integer(Int64(packet.icmpType))))
            input.append(("icmpCode", .integer(Int64(packet.icmpCode))))
        }
        let decision: String
        switch verdict.decision {
        case .accessControlEntry: decision = "access-control-entry"
        case .implicitDeny: decision = "implicit-deny"
        case .securityLevel: decision = "security-level"
        }
        let consulted: [JSONValue] = verdict.evaluations.map { evaluation in
            .object([
                ("acl", .string(evaluation.accessList)),
                ("binding", .string(evaluation.accessGroup.description)),
                ("line", evaluation.match.map { .integer(Int64($0.lineNumber)) } ?? .null),
                ("action", .string(evaluation.match.map { $0.action.permits ? "permit" : "deny" })),
            ])
        }
        var timeText: String?
        if let time { timeText = time.description }
        return .object([
            ("action", .string(verdict.action.rawValue)),
            ("acl", .string(verdict.accessList)),
            ("line", verdict.lineNumber.map { .integer(Int64($0)) } ?? .null),
            ("ace", .string(verdict.ace)),
            ("element", .string(verdict.element)),
            ("implicit", .bool(verdict.isImplicit)),
            ("decision", .string(decision)),
            ("binding", .string(verdict.accessGroup?.description)),
            ("timeRangeAssumedActive", .bool(verdict.timeRangeAssumedActive)),
            ("at", .string(timeText)),
            ("input", .object(input)),
            ("outputInterface", .string(verdict.egressInterface)),
            ("consulted", .array(consulted)),
            ("notes", .array(verdict.notes.map { .string($0) })),
        ])
    }
}
