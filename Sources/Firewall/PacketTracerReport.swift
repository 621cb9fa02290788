import LPM

/// A verdict written in the phase style of the firewall's own `packet-tracer`
/// (docs/cisco-firewall.md §7): only the phases Gatewatch models (the route lookup that picks
/// the egress interface, and the access lists), never NAT or inspection phases.
public struct PacketTracerReport: Hashable, Sendable {
    /// One phase.
    public struct Phase: Hashable, Sendable {
        /// `ROUTE-LOOKUP`, `ACCESS-LIST`.
        public let type: String
        /// `input`, `log` or empty.
        public let subtype: String
        /// `ALLOW` or `DROP`.
        public let result: String
        /// Config lines that matched (the binding and the entry, or `Implicit Rule`).
        public let config: [String]
        /// Explanations.
        public let additionalInformation: [String]
    }

    /// The phases in order.
    public let phases: [Phase]
    /// The final `Result:` block lines.
    public let result: [String]

    /// Builds the report for `verdict`; `route` is the route lookup's answer, if any.
    public init(verdict: FirewallVerdict, config: FirewallConfig, route: RouteLookup.Route?) {
        var phases: [Phase] = []
        if let route, verdict.packet.egressInterface == nil {
            // Only a configured route is quoted; a connected network has no config line of its own.
            var configLines: [String] = []
            if let gateway = route.gateway {
                if case .v4 = route.prefix.address {
                    let mask = IPv4Address(NetworkMask.mask(prefixLength: route.prefix.length))
                    configLines = ["route \(route.interface) \(route.prefix.address) \(mask) \(gateway) "
                        + "\(route.distance)"]
                } else {
                    configLines = ["ipv6 route \(route.interface) \(route.prefix) \(gateway) \(route.distance)"]
                }
            }
            let hop = route.gateway.map { "found next-hop \($0) using egress ifc  \(route.interface)" }
                ?? "found directly connected network \(route.prefix) on egress ifc  \(route.interface)"
            phases.append(Phase(type: "ROUTE-LOOKUP", subtype: "input", result: "ALLOW", config: configLines,
                                additionalInformation: [hop]))
        }

        var passedOver: [String] = []
        for evaluation in verdict.evaluations {
            guard let match = evaluation.match else {
                passedOver.append("no line of access-list \(evaluation.accessList) (\(evaluation.accessGroup)) matched")
                continue
            }
            var info = passedOver
            passedOver = []
            let verb = match.action == .deny ? "denies" : match.action.rawValue + "s"
            info.append("access-list \(match.accessList) line \(match.lineNumber) \(verb)")
            info.append("element: \(match.elementText)")
            if match.timeRangeAssumedActive, let name = match.entry.timeRange {
                info.append("time-range \(name) assumed active (no evaluation time given, or not defined)")
            }
            info.append(contentsOf: evaluation.notes)
            var configLines = [evaluation.accessGroup.description]
            configLines.append(contentsOf: PacketTracerReport.ruleIDRemarks(for: match, in: config))
            configLines.append(match.entry.text)
            phases.append(Phase(type: "ACCESS-LIST", subtype: match.entry.log == nil ? "" : "log",
                                result: match.action.permits ? "ALLOW" : "DROP", config: configLines,
                                additionalInformation: info))
        }
        switch verdict.decision {
        case .implicitDeny:
            var info = passedOver
            info.append("implicit deny at the end of access-list \(verdict.accessList ?? "?")")
            info.append(contentsOf: verdict.evaluations.flatMap(\.notes))
            phases.append(Phase(type: "ACCESS-LIST", subtype: "", result: "DROP", config: ["Implicit Rule"],
                                additionalInformation: info))
        case .securityLevel(let ingress, let egress):
            let egressText = verdict.egressInterface.map { "\($0) (\(egress.map(String.init) ?? "?"))" } ?? "unknown"
            let allowed = verdict.evaluations.isEmpty ? verdict.action == .permit : true
            phases.append(Phase(type: "ACCESS-LIST", subtype: "", result: allowed ? "ALLOW" : "DROP",
                                config: ["Implicit Rule"],
                                additionalInformation: ["no access list applies; security-level policy: "
                                    + "\(verdict.packet.ingressInterface) (\(ingress)) -> \(egressText)"]))
        case .accessControlEntry:
            break
        }
        let extraNotes = verdict.notes.filter { note in !phases.contains { $0.additionalInformation.contains(note) } }
        if !extraNotes.isEmpty, let last = phases.popLast() {
            phases.append(Phase(type: last.type, subtype: last.subtype, result: last.result, config: last.config,
                                additionalInformation: last.additionalInformation + extraNotes))
        }
        self.phases = phases

        func status(_ name: String?) -> String {
            guard let name, let interface = config.interface(named: name) else { return "unknown" }
            return interface.isShutdown ? "down" : "up"
        }
        var result = [
            "input-interface: \(verdict.packet.ingressInterface)",
            "input-status: \(status(verdict.packet.ingressInterface))",
            "input-line-status: \(status(verdict.packet.ingressInterface))",
            "output-interface: \(verdict.egressInterface ?? "unknown (no route)")",
            "output-status: \(status(verdict.egressInterface))",
            "output-line-status: \(status(verdict.egressInterface))",
            "Action: \(verdict.action == .permit ? "allow" : "drop")",
        ]
        if verdict.action == .deny {
            result.append("Drop-reason: (acl-drop) Flow is denied by configured rule")
        }
        self.result = result
    }

    /// FTD writes `rule-id N: ...` remarks before its rules; packet-tracer shows them.
    internal static func ruleIDRemarks(for match: AccessListMatch, in config: FirewallConfig) -> [String] {
        guard let id = match.entry.ruleID, let list = config.accessLists[match.accessList] else { return [] }
        return list.lines.compactMap { line in
            if case .remark(let remark) = line, remark.remark.hasPrefix("rule-id \(id):") { return remark.text }
            return nil
        }
    }

    /// The report as packet-tracer prints it.
    public var text: String {
        var lines: [String] = []
        for (index, phase) in phases.enumerated() {
            lines.append("Phase: \(index + 1)")
            lines.append("Type: \(phase.type)")
            lines.append(phase.subtype.isEmpty ? "Subtype:" : "Subtype: \(phase.subtype)")
            lines.append("Result: \(phase.result)")
            lines.append("Config:")
            lines.append(contentsOf: phase.config)
            lines.append("Additional Information:")
            lines.append(contentsOf: phase.additionalInformation.map { " " + $0 })
            lines.append("")
        }
        lines.append("Result:")
        lines.append(contentsOf: result)
        return lines.joined(separator: "\n")
    }
}
