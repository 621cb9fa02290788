import LPM

/// Decides what a firewall does with a packet: the ingress interface's inbound access list, then
/// the global one, then the implicit deny; the egress interface's outbound access list after
/// the route lookup; the security-level policy when no access list applies
/// (docs/cisco-firewall.md §1).
///
/// Build it once per config (it expands and compiles every access list), then classify any
/// number of packets. `engine: .linear` answers with the reference evaluator instead; both give
/// identical verdicts.
public struct FirewallClassifier: Sendable {
    /// Which evaluator answers.
    public enum Engine: Hashable, Sendable {
        /// The compiled bit-set classifier (fast).
        case compiled
        /// The linear reference evaluator (walks every child in order).
        case linear
    }

    /// The config classified against.
    public let config: FirewallConfig
    /// Every access list, compiled, by name.
    public let compiledAccessLists: [String: CompiledAccessList]
    /// The egress-interface lookup.
    public let routes: RouteLookup

    /// Expands and compiles every access list of `config`.
    public init(config: FirewallConfig) {
        self.config = config
        var compiled: [String: CompiledAccessList] = [:]
        // One resolver: a group used by several access lists is expanded once.
        var resolver = ObjectResolver(config: config)
        for list in config.orderedAccessLists {
            compiled[list.name] = CompiledAccessList(ExpandedAccessList(list, in: config, resolver: &resolver))
        }
        compiledAccessLists = compiled
        routes = RouteLookup(config)
    }

    /// The compiled access list `name`, if configured.
    public func accessList(named name: String) -> CompiledAccessList? {
        compiledAccessLists[name]
    }

    /// Classifies `packet`. `time` evaluates time ranges (nil: time-ranged lines count as
    /// active, and the verdict says so). The egress interface is the packet's, else the route
    /// lookup's.
    public func classify(_ packet: FirewallPacket, at time: EvaluationTime? = nil,
                         engine: Engine = .compiled) -> FirewallVerdict {
        let local = time.map(config.clock.localTime(at:))
        var notes: [String] = []
        if time != nil && config.clock.hasSummerTime && config.clock.summerTime == nil {
            notes.append("the clock summer-time line could not be read: time ranges use the standard offset")
        }
        let egress = packet.egressInterface ?? routes.route(to: packet.destination)?.interface
        // Entries see the egress interface too: FTD's destination `ifc` is checked against it.
        var routed = packet
        routed.egressInterface = egress
        var evaluations: [AccessListEvaluation] = []

        // Inbound: the interface's own list, then the global list.
        var inboundGroups: [AccessGroup] = []
        if let group = config.accessGroup(interface: packet.ingressInterface, direction: .in) {
            inboundGroups.append(group)
        }
        if let group = config.globalAccessGroup { inboundGroups.append(group) }
        if config.interface(named: packet.ingressInterface) == nil {
            notes.append("interface \(packet.ingressInterface) is not a nameif in this config")
        }

        if inboundGroups.isEmpty {
            let ingressLevel = config.interface(named: packet.ingressInterface)?.effectiveSecurityLevel ?? 0
            let egressLevel = egress.flatMap { config.interface(named: $0)?.effectiveSecurityLevel }
            var permits = false
            if let egressLevel {
                permits = ingressLevel > egressLevel
                    || (ingressLevel == egressLevel && config.permitsSameSecurityInterInterface)
            } else {
                notes.append("no access list applies and the egress interface is unknown: "
                    + "the security-level policy cannot permit")
            }
            notes.append("no access list applies: the security-level policy decides (higher to lower security "
                + "level passes); Gatewatch assumes no other policy applies to this traffic")
            if !permits {
                return FirewallVerdict(packet: packet, action: .deny,
                                       decision: .securityLevel(ingress: ingressLevel, egress: egressLevel),
                                       evaluations: [], egressInterface: egress, timeRangeAssumedActive: false,
                                       notes: notes)
            }
            return outbound(packet, egress: egress, local: local, engine: engine, evaluations: [], notes: notes,
                            inboundDecision: .securityLevel(ingress: ingressLevel, egress: egressLevel),
                            inboundAssumed: false)
        }

        for group in inboundGroups {
            let evaluation = evaluate(group, routed, local, engine)
            evaluations.append(evaluation)
            guard let match = evaluation.match else { continue }
            if !match.action.permits {
                return FirewallVerdict(packet: packet, action: .deny, decision: .accessControlEntry,
                                       evaluations: evaluations, egressInterface: egress,
                                       timeRangeAssumedActive: match.timeRangeAssumedActive,
                                       notes: notes + evaluations.flatMap(\.notes))
            }
            return outbound(packet, egress: egress, local: local, engine: engine, evaluations: evaluations,
                            notes: notes, inboundDecision: .accessControlEntry,
                            inboundAssumed: match.timeRangeAssumedActive)
        }
        return FirewallVerdict(packet: packet, action: .deny, decision: .implicitDeny, evaluations: evaluations,
                               egressInterface: egress, timeRangeAssumedActive: false,
                               notes: notes + evaluations.flatMap(\.notes))
    }

    /// After an inbound permit: the egress interface's `out` list, if one is bound.
    private func outbound(_ packet: FirewallPacket, egress: String?, local: LocalDateTime?, engine: Engine,
                          evaluations: [AccessListEvaluation], notes: [String],
                          inboundDecision: FirewallVerdict.Decision, inboundAssumed: Bool) -> FirewallVerdict {
        var notes = notes
        var evaluations = evaluations
        guard let egress else {
            let hasOutLists = config.accessGroups.contains {
                if case .interface(_, .out) = $0.binding { return true }
                return false
            }
            if hasOutLists {
                notes.append("no route to \(packet.destination): egress interface unknown, "
                    + "out access lists not evaluated")
            }
            return FirewallVerdict(packet: packet, action: .permit, decision: inboundDecision, evaluations: evaluations,
                                   egressInterface: nil, timeRangeAssumedActive: inboundAssumed,
                                   notes: notes + evaluations.flatMap(\.notes))
        }
        guard let group = config.accessGroup(interface: egress, direction: .out) else {
            return FirewallVerdict(packet: packet, action: .permit, decision: inboundDecision, evaluations: evaluations,
                                   egressInterface: egress, timeRangeAssumedActive: inboundAssumed,
                                   notes: notes + evaluations.flatMap(\.notes))
        }
        var routed = packet
        routed.egressInterface = egress
        let evaluation = evaluate(group, routed, local, engine)
        evaluations.append(evaluation)
        notes += evaluations.flatMap(\.notes)
        guard let match = evaluation.match else {
            return FirewallVerdict(packet: packet, action: .deny, decision: .implicitDeny, evaluations: evaluations,
                                   egressInterface: egress, timeRangeAssumedActive: false, notes: notes)
        }
        return FirewallVerdict(packet: packet, action: match.action.permits ? .permit : .deny,
                               decision: .accessControlEntry, evaluations: evaluations, egressInterface: egress,
                               timeRangeAssumedActive: match.timeRangeAssumedActive || inboundAssumed, notes: notes)
    }

    /// One access list for one packet, with notes on lines before the decision that the
    /// simulator could not evaluate faithfully.
    private func evaluate(_ group: AccessGroup, _ packet: FirewallPacket, _ local: LocalDateTime?,
                          _ engine: Engine) -> AccessListEvaluation {
        guard let compiled = compiledAccessLists[group.accessList] else {
            return AccessListEvaluation(accessGroup: group, match: nil,
                                        notes: ["access-list \(group.accessList) is bound but not configured"])
        }
        let match: AccessListMatch?
        switch engine {
        case .compiled: match = compiled.firstMatch(packet, at: local)
        case .linear: match = LinearAccessList(compiled.expanded).firstMatch(packet, at: local)
        }
        let expanded = compiled.expanded
        let limit = match?.entryIndex ?? expanded.entries.count
        var notes: [String] = []
        for index in compiled.fqdnEntryIndices {
            guard index < limit else { break }
            let entry = expanded.entries[index]
            if case .skipped = EntryActivity.state(of: entry, packet: packet, at: local) { continue }
            if entry.firstMatchingElement(packet, treatingFQDNAsMatching: true) != nil {
                var names: [String] = []
                for member in entry.sources + entry.destinations {
                    // An object named on both sides, or by several elements, is named once.
                    if case .fqdn(let object, let name) = member, !names.contains("\(object) (\(name))") {
                        names.append("\(object) (\(name))")
                    }
                }
                notes.append("access-list \(group.accessList) line \(entry.lineNumber) names fqdn "
                    + names.joined(separator: ", ") + ", unresolved offline: not matched; it would decide if the "
                    + "name resolves to this packet's address")
            }
        }
        if let match, let qualifier = match.entry.destinationInterface, packet.egressInterface == nil {
            notes.append("access-list \(group.accessList) line \(match.lineNumber): 'ifc \(qualifier)' on the "
                + "destination was assumed to match: no route to \(packet.destination), so the egress interface "
                + "is unknown")
        }
        let lineLimit = match?.lineNumber ?? Int.max
        for number in expanded.unparsedLineNumbers where number < lineLimit {
            notes.append("access-list \(group.accessList) line \(number) could not be parsed and was not evaluated")
        }
        return AccessListEvaluation(accessGroup: group, match: match, notes: notes)
    }
}
