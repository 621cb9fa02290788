import Firewall
import Inventory
import LPM

extension Tracer {
    /// Describes a decision as packet-tracer phases (POD, EGRESS-POLICY, GATEWAY, SOURCE,
    /// VPC-ROUTE, FIREWALL, RESULT), each with its outcome and note, plus the summary fields.
    public func describe(_ decision: TraceDecision, query: TraceQuery) -> TraceResult {
        let sender = decision.sender
        var result = TraceResult(verdict: decision.verdict, phases: [], sender: sender.label, senderIP: sender.pod.podIP,
                                 senderNode: sender.pod.nodeName, policy: nil, rule: nil, gateways: [], maxNextHops: nil,
                                 paths: [])
        var phases: [TracePhase] = [sender.phase]
        phases.reserveCapacity(7)

        let egress = egressPhase(decision.egress, destination: query.destination, senderNamespace: sender.namespace)
        phases.append(egress)
        switch decision.egress {
        case .noRuleCovers(let prepared):
            result.policy = prepared.policy.name
        case .ruleWithoutGateway(let prepared, let index), .ruleChosen(let prepared, let index):
            let rule = prepared.policy.rules[index]
            result.policy = prepared.policy.name
            result.rule = TraceRule(index: index, cidr: rule.effectiveDestination, description: rule.description)
        case .missingPolicy:
            return finish(result, phases: phases, summary: .lostAt(egress.note))
        default:
            break
        }

        if let gateway = decision.gateway, let selection = decision.egress.selection {
            result.maxNextHops = selection.maxNextHops
            let phase = gatewayPhase(gateway, selection: selection, dropped: result.rule?.cidr)
            phases.append(phase)
            guard gateway.failure == nil else { return finish(result, phases: phases, summary: .lostAt(phase.note)) }
            result.gateways = gateway.chosen.map(\.trace)
        } else {
            phases.append(TracePhase(.gateway, .skip, .noGatewayOnPath))
        }

        let paths = decision.paths
        let described = paths.map { describe($0, destination: query.destination) }
        result.paths = described.map(\.path)
        if described.count == 1, let only = described.first {
            phases += [only.source, only.route, only.inspection]
        } else {
            let names = result.paths.map { $0.gateway?.name }
            phases.append(merge(described.map(\.source), gateways: names))
            phases.append(merge(described.map(\.route), gateways: names))
            phases.append(merge(described.map(\.inspection), gateways: names))
        }
        return finish(result, phases: phases, summary: summary(result.paths, verdict: decision.verdict))
    }

    // MARK: - EGRESS-POLICY

    private func egressPhase(_ step: EgressStep, destination: IPAddress, senderNamespace: String) -> TracePhase {
        switch step {
        case .noEgressConfig:
            return TracePhase(.egressPolicy, .skip, .noEgressConfig)
        case .insidePool(let index):
            let pool = context.pools.value(at: index)
            return TracePhase(.egressPolicy, .skip, .insidePool(destination: destination, pool: pool.name, cidr: pool.cidr))
        case .nodeDestination(let index):
            let node = context.nodeAddresses.value(at: index)
            return TracePhase(.egressPolicy, .skip, .nodeDestination(destination: destination, node: node))
        case .missingPolicy(let name, let origin):
            let owner = origin == .pod ? "pod" : "namespace \(senderNamespace)"
            return TracePhase(.egressPolicy, .fail, .missingPolicy(name: name, owner: owner))
        case .selectorAnnotations(let origin, let selection):
            return TracePhase(.egressPolicy, .ok, .selectorAnnotations(origin: origin, selection: selection))
        case .noRuleCovers(let prepared):
            return TracePhase(.egressPolicy, .skip, .noRuleCovers(
                policy: prepared.policy.name, destination: destination,
                rules: prepared.policy.rules.map(\.effectiveDestination)))
        case .ruleWithoutGateway(let prepared, let index):
            let rule = prepared.policy.rules[index]
            return TracePhase(.egressPolicy, .skip, .ruleWithoutGateway(
                policy: prepared.policy.name, index: index, cidr: rule.effectiveDestination, description: rule.description))
        case .ruleChosen(let prepared, let index):
            let rule = prepared.policy.rules[index]
            return TracePhase(.egressPolicy, .ok, .ruleChosen(
                policy: prepared.policy.name, index: index, cidr: rule.effectiveDestination,
                description: rule.description, destination: destination))
        }
    }

    // MARK: - GATEWAY

    private func gatewayPhase(_ step: GatewayStep, selection: EgressGatewaySelection,
                              dropped destination: IPPrefix?) -> TracePhase {
        let unready = step.candidates.filter { !$0.isActive }.map(\.qualifiedName)
        switch step.failure {
        case .matchesNothing:
            return TracePhase(.gateway, .fail, .selectorMatchesNothing(selection: selection, dropped: destination))
        case .noneReady:
            return TracePhase(.gateway, .fail, .noReadyGateway(candidates: step.candidates.count, unready: unready,
                                                               dropped: destination))
        case nil:
            let maxNextHops = selection.maxNextHops
            let hops = maxNextHops > 0 ? min(maxNextHops, step.chosen.count) : step.chosen.count
            let note = TraceNote.ecmp(hops: hops, of: step.chosen.map(\.trace), maxNextHops: maxNextHops,
                                      preference: step.preferenceOutcome, unready: unready)
            return TracePhase(.gateway, unready.isEmpty ? .ok : .warn, note)
        }
    }

    // MARK: - SOURCE, VPC-ROUTE, FIREWALL

    private func describe(_ decision: PathDecision, destination: IPAddress)
        -> (path: TracePath, source: TracePhase, route: TracePhase, inspection: TracePhase) {
        var path = decision.source.path
        path.publicIP = decision.publicIP
        path.verdict = decision.verdict
        let route: TracePhase
        switch decision.route {
        case .sourceUnknown:
            route = TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "source unknown"))
        case .noSubnet(let source):
            route = TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "no AWS subnet holds \(source)"))
        case .noRouteTable(let subnet):
            route = TracePhase(.vpcRoute, .fail, .noRouteTable(subnet: subnet))
        case .noRoute(let table):
            route = TracePhase(.vpcRoute, .fail, .noRoute(table: table.table.routeTableID, destination: destination))
        case .routed(let table, let chosen):
            path.route = TraceRoute(table: table.table.routeTableID, destination: chosen.destination,
                                    target: chosen.route.target, blackhole: chosen.route.isBlackhole)
            route = routePhase(chosen, table: table, path: path)
        }

        let inspection: TracePhase
        switch decision.firewall {
        case .notReached:
            inspection = TracePhase(.firewall, .skip, .notReached)
        case .routeNotEvaluated:
            inspection = TracePhase(.firewall, .skip, .routeNotEvaluated(why: "no VPC route evaluated, so not inspected"))
        case .noFirewall(let target):
            inspection = TracePhase(.firewall, .skip, .noFirewall(target: target))
        case .sourceUnknown(let placed):
            inspection = TracePhase(.firewall, .skip, .firewallUnavailable(name: placed.placement.name, why: "source unknown"))
        case .unavailable(let placed):
            inspection = TracePhase(.firewall, .warn, .firewallUnavailable(
                name: placed.placement.name, why: "config file \(placed.placement.config) is not in the bundle"))
        case .decided(let placed, let verdict, let seen):
            let firewall = TraceFirewall(name: placed.placement.name, acl: verdict.accessList, line: verdict.lineNumber,
                                         action: verdict.action, ace: verdict.ace, implicit: verdict.isImplicit,
                                         sourceSeen: seen, timeRangeAssumedActive: verdict.timeRangeAssumedActive)
            path.firewall = firewall
            inspection = TracePhase(.firewall, firewall.action == .permit ? .ok : .fail,
                                    .firewallVerdict(firewall, interface: placed.placement.interface))
        }
        return (path, decision.source.phase, route, inspection)
    }

    private func routePhase(_ chosen: PreparedRoute, table: PreparedRouteTable, path: TracePath) -> TracePhase {
        let subnet = path.subnet ?? ""
        func note(_ outcome: TraceNote.RouteOutcome) -> TraceNote {
            .route(table: table.table.routeTableID, subnet: subnet, destination: chosen.destination,
                   target: chosen.route.target, outcome: outcome)
        }
        if chosen.route.isBlackhole { return TracePhase(.vpcRoute, .fail, note(.blackhole)) }
        switch chosen.route.target {
        case .internetGateway:
            let outcome = TraceNote.RouteOutcome.internetGateway(elasticIP: path.publicIP, source: path.sourceIP)
            return TracePhase(.vpcRoute, path.publicIP == nil ? .fail : .ok, note(outcome))
        case .natGateway:
            return TracePhase(.vpcRoute, .ok, note(.natGateway(publicIP: path.publicIP)))
        case .local:
            return TracePhase(.vpcRoute, .ok, note(.local))
        default:
            return TracePhase(.vpcRoute, .ok, note(.forwarded))
        }
    }

    // MARK: - RESULT

    /// One phase for all paths: the single path's, or the paths' own notes when they disagree.
    private func merge(_ phases: [TracePhase], gateways: [String?]) -> TracePhase {
        guard let first = phases.first else { return TracePhase(.result, .skip, .notReached) }
        if phases.count == 1 || phases.allSatisfy({ $0.note == first.note }) { return first }
        var outcome = first.outcome
        for phase in phases {
            if phase.outcome == .fail { outcome = .fail } else if phase.outcome == .warn && outcome != .fail { outcome = .warn }
        }
        let notes = zip(phases, gateways).map { TraceNote.PathNote(gateway: $1, note: $0.note) }
        return TracePhase(first.name, outcome, .perPath(notes))
    }

    private func summary(_ paths: [TracePath], verdict: TraceVerdict) -> TraceNote.VerdictSummary {
        if let first = paths.first, paths.contains(where: { $0.verdict != first.verdict }) {
            var counts: [TraceVerdict: Int] = [:]
            for path in paths { counts[path.verdict, default: 0] += 1 }
            return .mixed(counts, paths: paths.count)
        }
        switch verdict {
        case .allow: return paths.contains { $0.firewall != nil } ? .permitted : .noFirewall
        case .deny: return .denied(firewall: paths.first { $0.firewall != nil }?.firewall?.name ?? "")
        case .drop: return .dropped
        }
    }

    private func finish(_ result: TraceResult, phases: [TracePhase], summary: TraceNote.VerdictSummary) -> TraceResult {
        var result = result
        var all = phases
        all.append(TracePhase(.result, result.verdict == .allow ? .ok : .fail, .verdict(result.verdict, summary: summary)))
        result.phases = all
        return result
    }
}
