import Inventory
import LPM

/// Traces a hypothetical packet from a pod through egress policy, gateway selection, source
/// address, VPC route and firewall, the way the packet-tracer of a firewall reads.
///
/// A Tracer is prepared once per Snapshot; every `trace` call is then independent.
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
        let snapshot = context.snapshot
        let sender = try resolveSender(query.sender)
        var phases: [TracePhase] = []
        var result = TraceResult(verdict: .allow, phases: [], sender: sender.label, senderIP: sender.pod.podIP,
                                 senderNode: sender.pod.nodeName, policy: nil, rule: nil, gateways: [], maxNextHops: nil,
                                 paths: [])
        let config = snapshot.effectiveEgressConfig(for: sender.pod)
        phases.append(podPhase(sender, config: config))

        // EGRESS-POLICY: which configuration and which rule.
        let selection: (selection: EgressGatewaySelection, candidates: [Pod], preference: GatewayPreference)?
        switch egressDecision(config, destination: query.destination, sender: sender.pod) {
        case .bypass(let phase, let policy, let rule):
            phases.append(phase)
            result.policy = policy
            result.rule = rule
            selection = nil
        case .drop(let phase):
            phases.append(phase)
            return finish(result, phases: phases, verdict: .drop, reason: phase.reason)
        case .policyRule(let policy, let index, let rule, let phase):
            phases.append(phase)
            result.policy = policy.name
            result.rule = TraceRule(index: index, cidr: rule.effectiveDestination, description: rule.description)
            let candidates = context.ruleGateways[policy.name]?[index] ?? []
            selection = rule.gateway.map { ($0, candidates, rule.gatewayPreference) }
        case .selection(let chosen, let phase):
            phases.append(phase)
            selection = (chosen, context.gateways(for: chosen, clientNamespace: sender.pod.namespace), .none)
        }

        // GATEWAY: which gateways can carry it.
        var gateways: [Pod] = []
        if let selection {
            result.maxNextHops = selection.selection.maxNextHops
            let (phase, chosen) = gatewayPhase(selection.candidates, selection: selection.selection,
                                               preference: selection.preference, senderNode: sender.pod.nodeName,
                                               destination: result.rule?.cidr)
            phases.append(phase)
            guard phase.outcome != .fail else { return finish(result, phases: phases, verdict: .drop, reason: phase.reason) }
            gateways = chosen
            result.gateways = chosen.map(traceGateway)
        } else {
            phases.append(TracePhase(.gateway, .skip, "no gateway on this path: the packet leaves from the sender's node"))
        }

        // SOURCE, VPC-ROUTE, FIREWALL, per path.
        let paths = gateways.isEmpty ? [pathWithoutGateway(sender)] : gateways.map(pathThrough)
        var evaluated: [(path: TracePath, source: TracePhase, route: TracePhase, firewall: TracePhase)] = []
        for start in paths {
            var path = start.path
            let route = routePhase(&path, destination: query.destination)
            let firewall = path.verdict == .drop ? TracePhase(.firewall, .skip, "not reached")
                : firewallPhase(&path, query: query)
            evaluated.append((path, start.phase, route, firewall))
        }
        result.paths = evaluated.map(\.path)
        for name in [TracePhaseName.source, .vpcRoute, .firewall] {
            phases.append(merge(evaluated.map { name == .source ? $0.source : (name == .vpcRoute ? $0.route : $0.firewall) },
                                gateways: evaluated.map(\.path.gateway)))
        }
        let verdict = result.paths.map(\.verdict).max() ?? .allow
        return finish(result, phases: phases, verdict: verdict, reason: resultReason(result.paths, verdict: verdict))
    }

    // MARK: - POD

    struct Sender {
        var pod: Pod
        var label: String
        var hypothetical: Bool
    }

    private func resolveSender(_ sender: TraceQuery.Sender) throws(TraceQueryError) -> Sender {
        switch sender {
        case .pod(let namespace, let name):
            guard let pod = context.snapshot.podsByQualifiedName["\(namespace)/\(name)"] else {
                throw TraceQueryError(message: "no pod \(namespace)/\(name) in \(context.snapshot.source)")
            }
            return Sender(pod: pod, label: pod.qualifiedName, hypothetical: false)
        case .hypothetical(let namespace, let labels, let node):
            if let node, context.snapshot.nodesByName[node] == nil {
                throw TraceQueryError(message: "no node \(node) in \(context.snapshot.source)")
            }
            let pod = Pod(metadata: ObjectMeta(name: "<hypothetical>", namespace: namespace, labels: labels), nodeName: node)
            return Sender(pod: pod, label: "\(namespace)/<hypothetical>", hypothetical: true)
        }
    }

    private func podPhase(_ sender: Sender, config: EffectiveEgressConfig) -> TracePhase {
        let pod = sender.pod
        var parts = [sender.label]
        if let node = pod.nodeName {
            let zone = context.snapshot.nodesByName[node]?.zone.map { " (\($0))" } ?? ""
            parts.append("on \(node)\(zone)")
        } else {
            parts.append("on no particular node")
        }
        parts.append(pod.podIP.map { "IP \($0)" } ?? "no IP yet")
        let labels = pod.metadata.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let details = labels.isEmpty ? [] : ["labels: \(labels)"]
        return TracePhase(.pod, .ok, parts.joined(separator: ", ") + "; egress config: " + describe(config), details: details)
    }

    private func describe(_ config: EffectiveEgressConfig) -> String {
        switch config {
        case .policy(let policy, let origin): return "policy \(policy.name) from the \(origin.rawValue) annotation"
        case .missingPolicy(let name, let origin): return "policy \(name) from the \(origin.rawValue) annotation (missing)"
        case .selection(_, let origin): return "gateway selector from the \(origin.rawValue) annotations"
        case .none:
            return context.snapshot.cluster.egressIPSupport == .disabled ? "none (egressIPSupport Disabled)" : "none"
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

    private func egressDecision(_ config: EffectiveEgressConfig, destination: IPAddress, sender: Pod) -> EgressDecision {
        let snapshot = context.snapshot
        if case .none = config {
            return .bypass(TracePhase(.egressPolicy, .skip, "no egress gateway configuration applies: routed normally"))
        }
        if let pool = snapshot.poolsByCIDR.longestMatch(destination) {
            return .bypass(TracePhase(.egressPolicy, .skip,
                "\(destination) is inside IP pool \(pool.value.name) (\(pool.prefix)): in-cluster traffic never uses a gateway"))
        }
        if let node = snapshot.nodesByIP.longestMatch(destination) {
            return .bypass(TracePhase(.egressPolicy, .skip,
                "\(destination) is node \(node.value): traffic to cluster hosts never uses a gateway"))
        }
        switch config {
        case .none:
            return .bypass(TracePhase(.egressPolicy, .skip, "no egress gateway configuration applies: routed normally"))
        case .missingPolicy(let name, let origin):
            let owner = origin == .pod ? "pod" : "namespace \(sender.namespace)"
            return .drop(TracePhase(.egressPolicy, .fail,
                "policy \(name) named by the \(owner) annotation does not exist: every egress packet is dropped (unreachable)"))
        case .selection(let selection, let origin):
            return .selection(selection, TracePhase(.egressPolicy, .ok,
                "no policy; the \(origin.rawValue) selector annotations act as one rule 0.0.0.0/0 through their gateways",
                details: ["namespaceSelector: \(selection.namespaceSelector ?? "(client's namespace)")",
                          "selector: \(selection.selector ?? "(all pods)")"]))
        case .policy(let policy, _):
            guard let match = context.ruleTables[policy.name]?.longestMatch(destination) else {
                let cidrs = policy.rules.map(\.effectiveDestination.description).joined(separator: ", ")
                return .bypass(TracePhase(.egressPolicy, .skip,
                    "no rule of policy \(policy.name) covers \(destination) (rules: \(cidrs)): routed normally, not through a gateway"),
                    policy: policy.name)
            }
            let rule = policy.rules[match.value]
            let label = "rule #\(match.value) \(match.prefix)" + (rule.description.map { " (\($0))" } ?? "")
            guard rule.gateway != nil else {
                return .bypass(TracePhase(.egressPolicy, .skip,
                    "policy \(policy.name) \(label) has no gateway: routed normally (throw route)"),
                    policy: policy.name,
                    rule: TraceRule(index: match.value, cidr: match.prefix, description: rule.description))
            }
            return .policyRule(policy, match.value, rule, TracePhase(.egressPolicy, .ok,
                "policy \(policy.name) \(label) by longest prefix match on \(destination)"))
        }
    }

    // MARK: - GATEWAY

    private func gatewayPhase(_ candidates: [Pod], selection: EgressGatewaySelection, preference: GatewayPreference,
                              senderNode: String?, destination: IPPrefix?) -> (TracePhase, [Pod]) {
        let selectorText = "pods: \(selection.selector ?? "(all)") in ns: \(selection.namespaceSelector ?? "(client's namespace)")"
        let lost = destination.map { "packets to \($0) are dropped (unreachable), no fallback to a shorter rule" }
            ?? "packets are dropped (unreachable)"
        guard !candidates.isEmpty else {
            return (TracePhase(.gateway, .fail, "selector matches no gateway pod (\(selectorText)): \(lost)"), [])
        }
        let active = candidates.filter(\.isActive)
        let unready = candidates.filter { !$0.isActive }.map(\.qualifiedName)
        let unreadyNote = unready.isEmpty ? "" : "; not ready: " + unready.joined(separator: ", ")
        guard !active.isEmpty else {
            return (TracePhase(.gateway, .fail, "none of the \(candidates.count) gateways is ready\(unreadyNote): \(lost)"), [])
        }
        var chosen = active
        var preferenceNote = ""
        if preference == .preferNodeLocal {
            let local = active.filter { $0.nodeName != nil && $0.nodeName == senderNode }
            if !local.isEmpty {
                chosen = local
                preferenceNote = "; PreferNodeLocal keeps the \(local.count) on \(senderNode ?? "?")"
            } else {
                preferenceNote = "; PreferNodeLocal: none on the sender's node, so all ready ones"
            }
        }
        let hops = selection.maxNextHops > 0 ? min(selection.maxNextHops, chosen.count) : chosen.count
        let hopsNote = selection.maxNextHops > 0 ? " (maxNextHops \(selection.maxNextHops))" : ""
        let reason = "ECMP over \(hops) of \(chosen.count) ready gateways\(hopsNote)\(preferenceNote)\(unreadyNote)"
        let details = chosen.map { "\($0.qualifiedName) \($0.podIP?.description ?? "-") on \($0.nodeName ?? "-")" }
        return (TracePhase(.gateway, unready.isEmpty ? .ok : .warn, reason, details: details), chosen)
    }

    private func traceGateway(_ pod: Pod) -> TraceGateway {
        TraceGateway(namespace: pod.namespace, name: pod.name, ip: pod.podIP, node: pod.nodeName, ready: pod.isActive)
    }

    // MARK: - SOURCE

    private func pathThrough(_ gateway: Pod) -> (path: TracePath, phase: TracePhase) {
        let snapshot = context.snapshot
        let node = gateway.nodeName.flatMap { snapshot.nodesByName[$0] }
        var path = TracePath(gateway: traceGateway(gateway), sourceIP: gateway.podIP, verdict: .allow)
        guard let ip = gateway.podIP else {
            return (path, TracePhase(.source, .fail, "gateway \(gateway.qualifiedName) has no IP"))
        }
        guard let pool = snapshot.poolsByCIDR.longestMatch(ip)?.value else {
            attachNetwork(&path, source: ip)
            return (path, TracePhase(.source, .warn, "gateway IP \(ip) is outside every IP pool; leaves as \(ip)"))
        }
        if pool.natOutgoing, let nodeIP = node?.internalIPs.first {
            path.sourceIP = nodeIP
            attachNetwork(&path, source: nodeIP)
            return (path, TracePhase(.source, .ok,
                "gateway pool \(pool.name) has natOutgoing (host-IP mode): leaves as node \(node?.name ?? "?") IP \(nodeIP)"))
        }
        attachNetwork(&path, source: ip)
        let where_ = [path.subnet.map { "subnet \($0)" }, path.networkInterface.map { "ENI \($0)" }].compactMap { $0 }
        let eip = snapshot.elasticIPsByPrivateIP[ip].map { ", Elastic IP \($0.publicIP)" } ?? ""
        let aws = pool.isAWSBacked ? "" : " (pool not AWS-backed)"
        return (path, TracePhase(.source, pool.isAWSBacked ? .ok : .warn,
            "leaves gateway \(gateway.name) as \(ip) from pool \(pool.name)\(aws)"
                + (where_.isEmpty ? "" : ", " + where_.joined(separator: ", ")) + eip))
    }

    private func pathWithoutGateway(_ sender: Sender) -> (path: TracePath, phase: TracePhase) {
        let snapshot = context.snapshot
        let pod = sender.pod
        let node = pod.nodeName.flatMap { snapshot.nodesByName[$0] }
        var path = TracePath(gateway: nil, sourceIP: nil, verdict: .allow)
        let senderPool = pod.podIP.flatMap { snapshot.poolsByCIDR.longestMatch($0)?.value }
            ?? (sender.hypothetical ? snapshot.cluster.ipPools.first { !$0.isAWSBacked && !$0.disabled } : nil)
        if senderPool?.natOutgoing == true || pod.podIP == nil, let nodeIP = node?.internalIPs.first {
            path.sourceIP = nodeIP
            attachNetwork(&path, source: nodeIP)
            let why = senderPool.map { "pool \($0.name) has natOutgoing" } ?? "the sender has no pod IP"
            return (path, TracePhase(.source, .ok, "no gateway; \(why): leaves as node \(node?.name ?? "?") IP \(nodeIP)"))
        }
        guard let ip = pod.podIP else {
            return (path, TracePhase(.source, .warn, "no gateway, and the sender has neither an IP nor a node: source unknown"))
        }
        path.sourceIP = ip
        // A pod address leaves through its node's network interface and subnet.
        attachNetwork(&path, source: node?.internalIPs.first ?? ip)
        return (path, TracePhase(.source, .ok, "no gateway; leaves with the pod's own IP \(ip)"
            + (senderPool.map { " (pool \($0.name), no natOutgoing)" } ?? "")))
    }

    private func attachNetwork(_ path: inout TracePath, source: IPAddress) {
        let snapshot = context.snapshot
        path.subnet = snapshot.subnetsByCIDR.longestMatch(source)?.value.subnetID
        path.networkInterface = snapshot.networkInterfaceByPrivateIP[source]
    }

    // MARK: - VPC-ROUTE

    private func routePhase(_ path: inout TracePath, destination: IPAddress) -> TracePhase {
        let snapshot = context.snapshot
        guard path.sourceIP != nil else {
            return TracePhase(.vpcRoute, .skip, "source unknown: VPC route not evaluated")
        }
        guard let subnetID = path.subnet else {
            return TracePhase(.vpcRoute, .skip, "no AWS subnet holds \(path.sourceIP?.description ?? "?"): VPC route not evaluated")
        }
        guard let table = context.routeTables[subnetID] else {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, "subnet \(subnetID) has no route table (no association and no main table)")
        }
        guard let match = table.routes.longestMatch(destination) else {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, "no route to \(destination) in \(table.table.routeTableID): dropped")
        }
        let route = match.value
        path.route = TraceRoute(table: table.table.routeTableID, destination: match.prefix, target: route.target,
                                blackhole: route.isBlackhole)
        let head = "\(table.table.routeTableID) (subnet \(subnetID)): \(match.prefix) → \(route.target)"
        if route.isBlackhole {
            path.verdict = .drop
            return TracePhase(.vpcRoute, .fail, "\(head) is a blackhole: dropped")
        }
        switch route.target {
        case .internetGateway:
            guard let source = path.sourceIP, let eip = snapshot.elasticIPsByPrivateIP[source] else {
                path.verdict = .drop
                return TracePhase(.vpcRoute, .fail, "\(head): internet gateway, but \(path.sourceIP?.description ?? "the source") has no public address: dropped")
            }
            path.publicIP = eip.publicIP
            return TracePhase(.vpcRoute, .ok, "\(head): internet gateway, leaves as Elastic IP \(eip.publicIP)")
        case .natGateway(let id):
            let nat = snapshot.aws.natGateways.first { $0.natGatewayID == id }
            path.publicIP = nat?.addresses.first?.publicIP
            return TracePhase(.vpcRoute, .ok, "\(head): NAT gateway" + (path.publicIP.map { ", leaves as \($0)" } ?? ""))
        case .local:
            return TracePhase(.vpcRoute, .ok, "\(head): inside the VPC")
        default:
            return TracePhase(.vpcRoute, .ok, head)
        }
    }

    // MARK: - FIREWALL

    private func firewallPhase(_ path: inout TracePath, query: TraceQuery) -> TracePhase {
        guard let route = path.route else {
            return TracePhase(.firewall, .skip, "no VPC route evaluated: not inspected")
        }
        guard let placement = context.snapshot.firewall(forRouteTarget: route.target.id) else {
            return TracePhase(.firewall, .skip, "route target \(route.target) leads to no configured firewall: not inspected")
        }
        let seen = placement.sees == .public ? (path.publicIP ?? path.sourceIP) : path.sourceIP
        guard let source = seen else {
            return TracePhase(.firewall, .skip, "firewall \(placement.name): source unknown, not inspected")
        }
        switch firewalls.inspect(placement: placement, source: source, query: query) {
        case .unavailable(let why):
            path.verdict = max(path.verdict, .allow)
            return TracePhase(.firewall, .warn, "firewall \(placement.name): \(why): not inspected")
        case .decided(let decision):
            path.firewall = decision
            let line = decision.line.map { "line \($0)" } ?? "implicit deny"
            let acl = decision.acl ?? "-"
            if decision.action == "permit" {
                return TracePhase(.firewall, .ok, "firewall \(placement.name) on \(placement.interface) sees \(source): "
                    + "access-list \(acl) \(line) permits", details: decision.ace.map { [$0] } ?? [])
            }
            path.verdict = .deny
            return TracePhase(.firewall, .fail, "firewall \(placement.name) on \(placement.interface) sees \(source): "
                + "access-list \(acl) \(line) denies", details: decision.ace.map { [$0] } ?? [])
        }
    }

    // MARK: - RESULT

    /// One phase line for all paths: the first path's when they agree, else one detail per gateway.
    private func merge(_ phases: [TracePhase], gateways: [TraceGateway?]) -> TracePhase {
        guard var first = phases.first else { return TracePhase(.result, .skip, "") }
        if phases.count == 1 || Set(phases.map(\.reason)).count == 1 { return first }
        first.outcome = phases.contains { $0.outcome == .fail } ? .fail : (phases.contains { $0.outcome == .warn } ? .warn : first.outcome)
        first.details = zip(phases, gateways).map { phase, gateway in "via \(gateway?.name ?? "node"): \(phase.reason)" }
        first.reason = "\(phases.count) paths (one per gateway):"
        return first
    }

    private func resultReason(_ paths: [TracePath], verdict: TraceVerdict) -> String {
        let counts = Dictionary(grouping: paths, by: \.verdict).mapValues(\.count)
        if counts.count > 1 {
            return "\(verdict.rawValue.uppercased()): " + counts.sorted { $0.key < $1.key }
                .map { "\($0.value) of \(paths.count) paths \($0.key.rawValue)" }.joined(separator: ", ")
        }
        switch verdict {
        case .allow:
            return paths.contains { $0.firewall != nil } ? "ALLOW: permitted by the firewall" : "ALLOW: delivered, no firewall on the path"
        case .deny:
            return "DENY: denied by firewall " + (paths.first { $0.firewall != nil }?.firewall?.name ?? "")
        case .drop:
            return "DROP: lost before any firewall"
        }
    }

    private func finish(_ result: TraceResult, phases: [TracePhase], verdict: TraceVerdict, reason: String) -> TraceResult {
        var result = result
        result.verdict = verdict
        let text = reason.hasPrefix(verdict.rawValue.uppercased()) ? reason : "\(verdict.rawValue.uppercased()): \(reason)"
        result.phases = phases + [TracePhase(.result, verdict == .allow ? .ok : .fail, text)]
        return result
    }
}
