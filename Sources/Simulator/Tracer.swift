import Inventory
import LPM

/// Traces a hypothetical packet from a pod through egress policy, gateway selection, source
/// address, VPC route and firewall, the way the packet-tracer of a firewall reads.
///
/// A Tracer is prepared once per Snapshot; every `trace` call is then independent. Phases record
/// what they found as values (`TraceNote`); text is rendered only when it is read.
public struct Tracer: Sendable {
    let context: SimulationContext
    let firewalls: FirewallSet

    /// Prepares a tracer for `snapshot` (rule tables, gateway selections, route tables, firewalls).
    public init(snapshot: Snapshot) {
        context = SimulationContext(snapshot: snapshot)
        firewalls = FirewallSet(snapshot: snapshot)
    }

    /// The Snapshot the tracer works on.
    public var snapshot: Snapshot { context.snapshot }

    /// Traces `query`. Throws only for bad input (an unknown pod); every way a packet can be lost
    /// is a result, not an error.
    public func trace(_ query: TraceQuery) throws(TraceQueryError) -> TraceResult {
        let sender = try resolveSender(query.sender)
        var phases: [TracePhase] = []
        phases.reserveCapacity(7)
        var result = TraceResult(verdict: .allow, phases: [], sender: sender.label, senderIP: sender.pod.podIP,
                                 senderNode: sender.pod.nodeName, policy: nil, rule: nil, gateways: [], maxNextHops: nil,
                                 paths: [])
        let config = sender.config
        phases.append(sender.phase)

        // EGRESS-POLICY: which configuration and which rule.
        let selection: (selection: EgressGatewaySelection, candidates: [GatewayCandidate], preference: GatewayPreference)?
        switch egressDecision(config, destination: query.destination, senderNamespace: sender.pod.namespace) {
        case .bypass(let phase, let policy, let rule):
            phases.append(phase)
            result.policy = policy
            result.rule = rule
            selection = nil
        case .drop(let phase):
            phases.append(phase)
            return finish(result, phases: phases, verdict: .drop, summary: .lostAt(phase.note))
        case .policyRule(let policy, let index, let rule, let phase):
            phases.append(phase)
            result.policy = policy.name
            result.rule = TraceRule(index: index, cidr: rule.effectiveDestination, description: rule.description)
            let candidates = context.ruleCandidates[policy.name]?[index] ?? []
            selection = rule.gateway.map { ($0, candidates, rule.gatewayPreference) }
        case .selection(let chosen, let phase):
            phases.append(phase)
            selection = (chosen, context.candidates(for: chosen, clientNamespace: sender.pod.namespace), .none)
        }

        // GATEWAY: which gateways can carry it.
        var gateways: [GatewayCandidate] = []
        if let selection {
            result.maxNextHops = selection.selection.maxNextHops
            let (phase, chosen) = gatewayPhase(selection.candidates, selection: selection.selection,
                                               preference: selection.preference, senderNode: sender.pod.nodeName,
                                               destination: result.rule?.cidr)
            phases.append(phase)
            guard phase.outcome != .fail else { return finish(result, phases: phases, verdict: .drop, summary: .lostAt(phase.note)) }
            gateways = chosen
            result.gateways = chosen.map(\.trace)
        } else {
            phases.append(TracePhase(.gateway, .skip, .noGatewayOnPath))
        }

        // SOURCE, VPC-ROUTE, FIREWALL, per path.
        var sources: [TracePhase] = []
        var routes: [TracePhase] = []
        var inspections: [TracePhase] = []
        if gateways.isEmpty {
            let start = pathWithoutGateway(sender)
            record(start, query: query, into: &result.paths, &sources, &routes, &inspections)
        } else {
            for gateway in gateways {
                record(gateway.source, query: query, into: &result.paths, &sources, &routes, &inspections)
            }
        }
        let names = result.paths.map { $0.gateway?.name }
        phases.append(merge(sources, gateways: names))
        phases.append(merge(routes, gateways: names))
        phases.append(merge(inspections, gateways: names))

        var verdict = TraceVerdict.allow
        for path in result.paths where path.verdict > verdict { verdict = path.verdict }
        return finish(result, phases: phases, verdict: verdict, summary: summary(result.paths, verdict: verdict))
    }

    private func record(_ start: (path: TracePath, phase: TracePhase), query: TraceQuery, into paths: inout [TracePath],
                        _ sources: inout [TracePhase], _ routes: inout [TracePhase], _ inspections: inout [TracePhase]) {
        var path = start.path
        let route = routePhase(&path, destination: query.destination)
        let inspection = path.verdict == .drop ? TracePhase(.firewall, .skip, .notReached) : firewallPhase(&path, query: query)
        paths.append(path)
        sources.append(start.phase)
        routes.append(route)
        inspections.append(inspection)
    }

    // MARK: - POD

    typealias Sender = SenderInfo

    private func resolveSender(_ sender: TraceQuery.Sender) throws(TraceQueryError) -> Sender {
        switch sender {
        case .pod(let namespace, let name):
            guard let info = context.senders[namespace]?[name] else {
                throw TraceQueryError(message: "no pod \(namespace)/\(name) in \(context.snapshot.source)")
            }
            return info
        case .hypothetical(let namespace, let labels, let node):
            if let node, context.snapshot.nodesByName[node] == nil {
                throw TraceQueryError(message: "no node \(node) in \(context.snapshot.source)")
            }
            let pod = Pod(metadata: ObjectMeta(name: "<hypothetical>", namespace: namespace, labels: labels), nodeName: node)
            let label = "\(namespace)/<hypothetical>"
            let config = context.effectiveConfig(for: pod)
            let zone = node.flatMap { context.snapshot.nodesByName[$0]?.zone }
            let phase = TracePhase(.pod, .ok, .sender(label: label, node: node, zone: zone, ip: nil,
                                                      config: TraceNote.ConfigSummary(config, support: context.egressIPSupport),
                                                      labels: labels))
            return Sender(pod: pod, label: label, hypothetical: true, config: config, phase: phase)
        }
    }

    // MARK: - EGRESS-POLICY

    enum EgressDecision {
        /// Routed normally; the policy and rule that said so, when a policy applies.
        case bypass(TracePhase, policy: String? = nil, rule: TraceRule? = nil)
        case drop(TracePhase)
        case policyRule(EgressGatewayPolicy, Int, EgressGatewayRule, TracePhase)
        case selection(EgressGatewaySelection, TracePhase)
    }

    private func egressDecision(_ config: EffectiveEgressConfig, destination: IPAddress, senderNamespace: String) -> EgressDecision {
        if case .none = config {
            return .bypass(TracePhase(.egressPolicy, .skip, .noEgressConfig))
        }
        if let pool = context.pools.value(for: destination) {
            return .bypass(TracePhase(.egressPolicy, .skip, .insidePool(destination: destination, pool: pool.name,
                                                                         cidr: pool.cidr)))
        }
        if let node = context.nodeAddresses.value(for: destination) {
            return .bypass(TracePhase(.egressPolicy, .skip, .nodeDestination(destination: destination, node: node)))
        }
        switch config {
        case .none:
            return .bypass(TracePhase(.egressPolicy, .skip, .noEgressConfig))
        case .missingPolicy(let name, let origin):
            let owner = origin == .pod ? "pod" : "namespace \(senderNamespace)"
            return .drop(TracePhase(.egressPolicy, .fail, .missingPolicy(name: name, owner: owner)))
        case .selection(let selection, let origin):
            return .selection(selection, TracePhase(.egressPolicy, .ok, .selectorAnnotations(origin: origin, selection: selection)))
        case .policy(let policy, _):
            guard let index = context.ruleTables[policy.name]?.value(for: destination) else {
                return .bypass(TracePhase(.egressPolicy, .skip, .noRuleCovers(
                    policy: policy.name, destination: destination, rules: policy.rules.map(\.effectiveDestination))),
                    policy: policy.name)
            }
            let rule = policy.rules[index]
            let cidr = rule.effectiveDestination
            guard rule.gateway != nil else {
                return .bypass(TracePhase(.egressPolicy, .skip, .ruleWithoutGateway(
                    policy: policy.name, index: index, cidr: cidr, description: rule.description)),
                    policy: policy.name,
                    rule: TraceRule(index: index, cidr: cidr, description: rule.description))
            }
            return .policyRule(policy, index, rule, TracePhase(.egressPolicy, .ok, .ruleChosen(
                policy: policy.name, index: index, cidr: cidr, description: rule.description,
                destination: destination)))
        }
    }

    // MARK: - GATEWAY

    private func gatewayPhase(_ candidates: [GatewayCandidate], selection: EgressGatewaySelection,
                              preference: GatewayPreference, senderNode: String?,
                              destination: IPPrefix?) -> (TracePhase, [GatewayCandidate]) {
        guard !candidates.isEmpty else {
            return (TracePhase(.gateway, .fail, .selectorMatchesNothing(selection: selection, dropped: destination)), [])
        }
        var active: [GatewayCandidate] = []
        var unready: [String] = []
        for candidate in candidates {
            if candidate.isActive { active.append(candidate) } else { unready.append(candidate.qualifiedName) }
        }
        guard !active.isEmpty else {
            return (TracePhase(.gateway, .fail, .noReadyGateway(candidates: candidates.count, unready: unready,
                                                               dropped: destination)), [])
        }
        var chosen = active
        var outcome = TraceNote.PreferenceOutcome.notRequested
        if preference == .preferNodeLocal {
            let local = senderNode.map { node in active.filter { $0.nodeName == node } } ?? []
            if let node = senderNode, !local.isEmpty {
                chosen = local
                outcome = .keptLocal(count: local.count, node: node)
            } else {
                outcome = .noneLocal
            }
        }
        let hops = selection.maxNextHops > 0 ? min(selection.maxNextHops, chosen.count) : chosen.count
        let note = TraceNote.ecmp(hops: hops, of: chosen.map(\.trace), maxNextHops: selection.maxNextHops,
                                  preference: outcome, unready: unready)
        return (TracePhase(.gateway, unready.isEmpty ? .ok : .warn, note), chosen)
    }

    // MARK: - SOURCE

    private func pathWithoutGateway(_ sender: Sender) -> (path: TracePath, phase: TracePhase) {
        sender.bypass ?? context.sources.path(leaving: sender.pod, hypothetical: sender.hypothetical,
                                              defaultPool: context.defaultPodPool)
    }

    // MARK: - VPC-ROUTE

    private func routePhase(_ path: inout TracePath, destination: IPAddress) -> TracePhase {
        guard let source = path.sourceIP else {
            return TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "source unknown"))
        }
        guard let subnetID = path.subnet else {
            return TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "no AWS subnet holds \(source)"))
        }
        guard let table = context.routeTables[subnetID] else {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, .noRouteTable(subnet: subnetID))
        }
        guard let route = table.routes.value(for: destination), let routeDestination = route.destination else {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, .noRoute(table: table.table.routeTableID, destination: destination))
        }
        path.route = TraceRoute(table: table.table.routeTableID, destination: routeDestination, target: route.target,
                                blackhole: route.isBlackhole)
        func note(_ outcome: TraceNote.RouteOutcome) -> TraceNote {
            .route(table: table.table.routeTableID, subnet: subnetID, destination: routeDestination, target: route.target,
                   outcome: outcome)
        }
        if route.isBlackhole {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, note(.blackhole))
        }
        switch route.target {
        case .internetGateway:
            guard let eip = context.snapshot.elasticIPsByPrivateIP[source] else {
                path.verdict = .drop
                return TracePhase(.vpcRoute, .fail, note(.internetGateway(elasticIP: nil, source: source)))
            }
            path.publicIP = eip.publicIP
            return TracePhase(.vpcRoute, .ok, note(.internetGateway(elasticIP: eip.publicIP, source: source)))
        case .natGateway(let id):
            path.publicIP = context.natGatewayAddresses[id]
            return TracePhase(.vpcRoute, .ok, note(.natGateway(publicIP: path.publicIP)))
        case .local:
            return TracePhase(.vpcRoute, .ok, note(.local))
        default:
            return TracePhase(.vpcRoute, .ok, note(.forwarded))
        }
    }

    // MARK: - FIREWALL

    private func firewallPhase(_ path: inout TracePath, query: TraceQuery) -> TracePhase {
        guard let route = path.route else {
            return TracePhase(.firewall, .skip, .routeNotEvaluated(why: "no VPC route evaluated, so not inspected"))
        }
        guard let placement = context.firewallByTarget[route.target.id] else {
            return TracePhase(.firewall, .skip, .noFirewall(target: route.target))
        }
        let seen = placement.sees == .public ? (path.publicIP ?? path.sourceIP) : path.sourceIP
        guard let source = seen else {
            return TracePhase(.firewall, .skip, .firewallUnavailable(name: placement.name, why: "source unknown"))
        }
        switch firewalls.inspect(placement: placement, source: source, query: query) {
        case .unavailable(let why):
            return TracePhase(.firewall, .warn, .firewallUnavailable(name: placement.name, why: why))
        case .decided(let decision):
            path.firewall = decision
            if decision.action != "permit" { path.verdict = .deny }
            return TracePhase(.firewall, decision.action == "permit" ? .ok : .fail,
                              .firewallVerdict(decision, interface: placement.interface))
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
        var counts: [TraceVerdict: Int] = [:]
        for path in paths { counts[path.verdict, default: 0] += 1 }
        if counts.count > 1 { return .mixed(counts, paths: paths.count) }
        switch verdict {
        case .allow: return paths.contains { $0.firewall != nil } ? .permitted : .noFirewall
        case .deny: return .denied(firewall: paths.first { $0.firewall != nil }?.firewall?.name ?? "")
        case .drop: return .dropped
        }
    }

    private func finish(_ result: TraceResult, phases: [TracePhase], verdict: TraceVerdict,
                        summary: TraceNote.VerdictSummary) -> TraceResult {
        var result = result
        result.verdict = verdict
        var all = phases
        all.append(TracePhase(.result, verdict == .allow ? .ok : .fail, .verdict(verdict, summary: summary)))
        result.phases = all
        return result
    }
}
