import Firewall
import Inventory
import LPM

/// Traces a hypothetical packet from a pod through egress policy, gateway selection, source
/// address, VPC route and firewall, the way the packet-tracer of a firewall reads.
///
/// A Tracer is prepared once per Snapshot; every query is then independent. A trace happens in
/// two halves: `decide` walks the steps through prepared tables and records references
/// (`TraceDecision`), and `describe` turns a decision into phases with their notes. `trace`
/// does both.
public struct Tracer: Sendable {
    let context: SimulationContext
    let firewalls: FirewallSet

    /// Prepares a tracer for `snapshot` (rule tables, gateway selections, route tables, firewalls).
    /// Where a `Simulation` exists, use its `tracer` instead: it is prepared once per Snapshot.
    public init(snapshot: Snapshot) {
        self = Simulation(snapshot: snapshot).tracer
    }

    init(context: SimulationContext, firewalls: FirewallSet) {
        self.context = context
        self.firewalls = firewalls
    }

    /// The Snapshot the tracer works on.
    public var snapshot: Snapshot { context.snapshot }

    /// Traces `query`: decides, then describes. Throws only for bad input (an unknown pod);
    /// every way a packet can be lost is a result, not an error.
    public func trace(_ query: TraceQuery) throws(TraceQueryError) -> TraceResult {
        describe(consuming: try decide(query), query: query)
    }

    // MARK: - Deciding

    /// Decides what happens to the packet of `query`, without describing it.
    public func decide(_ query: TraceQuery) throws(TraceQueryError) -> TraceDecision {
        let sender = try resolveSender(query.sender)
        let (egress, departure) = depart(sender, destination: query.destination)
        // Consumed: the decision takes the departure's references over instead of copying them.
        switch consume departure {
        case .direct(let source):
            // One path: nothing to share, so nothing to remember.
            var memo = PathMemo(remembers: false)
            let path = follow(source, query: query, memo: &memo)
            return TraceDecision(sender: sender, egress: egress, gateway: nil, firstPath: path, otherPaths: [],
                                 verdict: path.verdict)
        case .dropped(let gateway):
            return TraceDecision(sender: sender, egress: egress, gateway: gateway, firstPath: nil, otherPaths: [],
                                 verdict: .drop)
        case .gateways(let gateway):
            let count = gateway.chosen.count
            var memo = PathMemo(remembers: count > 1)
            let firstPath = follow(gateway.chosen[0].source, query: query, memo: &memo)
            var verdict = firstPath.verdict
            var others: [PathDecision] = []
            if count > 1 {
                // One slot more: describing the decision puts the first path in front.
                others.reserveCapacity(count)
                for index in 1..<count {
                    // The last path has no one to share with.
                    memo.remembers = index < count - 1
                    let path = follow(gateway.chosen[index].source, query: query, memo: &memo)
                    if path.verdict > verdict { verdict = path.verdict }
                    others.append(path)
                }
            }
            return TraceDecision(sender: sender, egress: egress, gateway: gateway, firstPath: firstPath,
                                 otherPaths: others, verdict: verdict)
        }
    }

    /// How a packet leaves its sender: straight from its pod or node, through the chosen gateways,
    /// or not at all.
    enum Departure {
        /// Bypassing the gateways, from this source.
        case direct(PreparedSource)
        /// Dropped before any path: a missing policy (no gateway step), or a gateway step that
        /// failed.
        case dropped(GatewayStep?)
        /// Through the gateways the step chose (at least one).
        case gateways(GatewayStep)
    }

    /// The EGRESS-POLICY and GATEWAY steps of a packet from `sender` to `destination`.
    func depart(_ sender: SenderInfo, destination: IPAddress) -> (EgressStep, Departure) {
        let egress = egressStep(sender, destination: destination)
        let candidates: [GatewayCandidate]
        let preference: GatewayPreference
        var allActive: Bool?
        switch egress {
        case .noEgressConfig, .insidePool, .nodeDestination, .noRuleCovers, .ruleWithoutGateway:
            return (egress, .direct(pathWithoutGateway(sender, destination: destination)))
        case .missingPolicy:
            return (egress, .dropped(nil))
        case .ruleChosen(let prepared, let index):
            candidates = prepared.candidates.indices.contains(index) ? prepared.candidates[index] : []
            allActive = prepared.candidatesAllActive.indices.contains(index) ? prepared.candidatesAllActive[index] : nil
            preference = prepared.rulePreferences[index]
        case .selectorAnnotations(_, let selection):
            candidates = context.candidates(for: selection, clientNamespace: sender.namespace)
            preference = .none
        }
        let gateway = gatewayStep(candidates, allActive: allActive, preference: preference, senderNode: sender.nodeName)
        guard gateway.failure == nil, !gateway.chosen.isEmpty else { return (egress, .dropped(gateway)) }
        return (egress, .gateways(gateway))
    }

    /// The sender a query names: a pod of the Snapshot, or a hypothetical one.
    func resolveSender(_ sender: TraceQuery.Sender) throws(TraceQueryError) -> SenderInfo {
        switch sender {
        case .pod(let namespace, let name):
            guard let info = context.senders.sender(namespace: namespace, name: name) else {
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
            return SenderInfo(pod: pod, label: label, hypothetical: true, config: config, phase: phase,
                              policies: context.policies)
        }
    }

    /// EGRESS-POLICY: which configuration and which rule; traffic to pools and nodes never uses a gateway.
    private func egressStep(_ sender: SenderInfo, destination: IPAddress) -> EgressStep {
        if case .none = sender.egress { return .noEgressConfig }
        switch context.egressExclusions.exclusion(for: destination) {
        case .pool(let pool): return .insidePool(pool)
        case .node(let node): return .nodeDestination(node)
        case nil: break
        }
        switch sender.egress {
        case .none:
            return .noEgressConfig
        case .missingPolicy(let name, let origin):
            return .missingPolicy(name: name, origin: origin)
        case .selection(let selection, let origin):
            return .selectorAnnotations(origin: origin, selection: selection)
        case .policy(let prepared):
            guard let index = prepared.ruleTable.value(for: destination) else { return .noRuleCovers(prepared) }
            guard prepared.ruleHasGateway[index] else { return .ruleWithoutGateway(prepared, index) }
            return .ruleChosen(prepared, index)
        }
    }

    /// GATEWAY: only ready gateways carry traffic; PreferNodeLocal keeps the sender node's ones.
    /// There is no fallback to a shorter rule when none is ready.
    /// `allActive` says whether every candidate is ready, where the caller knows (nil: look).
    private func gatewayStep(_ candidates: [GatewayCandidate], allActive: Bool?, preference: GatewayPreference,
                             senderNode: String?) -> GatewayStep {
        guard !candidates.isEmpty else {
            return GatewayStep(candidates: candidates, chosen: [], allReady: true,
                               preferenceOutcome: .notRequested, failure: .matchesNothing)
        }
        // The shared list is used as is when every candidate is ready (no allocation).
        let allReady = allActive ?? candidates.allSatisfy(\.isActive)
        let active = allReady ? candidates : candidates.filter(\.isActive)
        guard !active.isEmpty else {
            return GatewayStep(candidates: candidates, chosen: [], allReady: false,
                               preferenceOutcome: .notRequested, failure: .noneReady)
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
        return GatewayStep(candidates: candidates, chosen: chosen, allReady: allReady,
                           preferenceOutcome: outcome, failure: nil)
    }

    private func pathWithoutGateway(_ sender: SenderInfo, destination: IPAddress) -> PreparedSource {
        let bypass = sender.bypass ?? context.sources.source(leaving: sender.pod, hypothetical: sender.hypothetical,
                                                             defaultPool: context.defaultPodPool)
        guard destination.family == .v6 else { return bypass }
        return context.sources.ipv6Source(leaving: sender.pod) ?? bypass
    }

    /// What the paths of one decision share: ECMP paths through the gateways of one subnet meet
    /// the same security groups, network ACL, route table and transit gateway table, whose
    /// answers for the packet are worked out once per decision (nothing is kept across queries).
    /// Paths whose sources agree on all of those (`PathDecision.Steps.Key`) share one `Steps`.
    /// What a path works out is stored only while `remembers` (a later path of the decision can
    /// use it): storing costs a retain and a release per reference, for nothing on the last path.
    struct PathMemo {
        var remembers = true
        var securityGroups: PreparedSecurityGroupSet?
        var securityGroupStep = PathDecision.SecurityGroupStep.notEvaluated
        var networkAcl: PreparedNetworkAcl?
        var networkAclStep = PathDecision.NetworkAclStep.notEvaluated
        var networkAclBlocks = false
        var routeTable: PreparedRouteTable?
        var route: PreparedRoute?
        var transitGatewayTable: PreparedTransitGatewayRouteTable?
        var transitGatewayRoute: PreparedTransitGatewayRoute?
        var stepsKey: PathDecision.Steps.Key?
        var steps: PathDecision.Steps?
    }

    /// One path from its source through the security groups, network ACL, VPC route (longest
    /// prefix match in the subnet's table), transit gateway, and the firewall at the route's target.
    func follow(_ source: PreparedSource, query: TraceQuery, memo: inout PathMemo) -> PathDecision {
        let steps: PathDecision.Steps
        if let shared = memo.steps, memo.stepsKey == source.stepsKey {
            steps = shared
        } else {
            steps = sharedSteps(source, query: query, memo: &memo)
            // Steps that name the path's own source address are not shared.
            if steps.shareable && memo.remembers {
                memo.stepsKey = source.stepsKey
                memo.steps = steps
            }
        }
        var verdict = steps.verdict
        var publicIP: IPAddress?
        if verdict != .drop, case .routed(_, let chosen) = steps.route, let sourceIP = source.sourceIP {
            switch chosen.exit {
            case .internetGateway:
                // IPv6 addresses are public: no Elastic IP needed.
                publicIP = sourceIP.family == .v6 ? sourceIP : source.elasticIP
                if publicIP == nil { verdict = .drop }
            case .egressOnlyInternetGateway:
                // IPv6 only (docs/aws-path.md §6); stateful, the reply returns. (An IPv4 source
                // was dropped with the shared steps.)
                if sourceIP.family == .v6 { publicIP = sourceIP }
            case .natGateway:
                publicIP = chosen.natPublicIP
            case .transitGateway, .local, .other:
                break
            }
        }

        let firewall: PathDecision.FirewallStep
        if verdict == .drop {
            firewall = .notReached
        } else if case .routed(_, let chosen) = steps.route {
            if let placed = steps.transitGatewayFirewall ?? chosen.firewall {
                let seen = placed.placement.sees == .public ? (publicIP ?? source.sourceIP) : source.sourceIP
                if let seen {
                    if let classifier = placed.classifier {
                        let decision = FirewallSet.classify(classifier, placement: placed.placement, source: seen, query: query)
                        if decision.action != .permit { verdict = .deny }
                        firewall = .decided(placed, decision, seen: seen)
                    } else {
                        firewall = .unavailable(placed)
                    }
                } else {
                    firewall = .sourceUnknown(placed)
                }
            } else {
                firewall = .noFirewall
            }
        } else {
            firewall = .routeNotEvaluated
        }
        return PathDecision(source: source, steps: steps, publicIP: publicIP, firewall: firewall, verdict: verdict)
    }

    /// The SECURITY-GROUP, NETWORK-ACL, VPC-ROUTE and TRANSIT-GATEWAY steps of a path from
    /// `source`, with the verdict they reach (before the path's own public address and firewall).
    private func sharedSteps(_ source: PreparedSource, query: TraceQuery, memo: inout PathMemo) -> PathDecision.Steps {
        let route: PathDecision.RouteStep
        var verdict = TraceVerdict.allow
        var shareable = true
        // An IPv6 packet needs an IPv6 source (and an IPv4 one an IPv4 source): nothing else applies.
        let mismatch = source.sourceIP.map { $0.family != query.destination.family } ?? false
        let securityGroup = mismatch ? .notEvaluated : securityGroupStep(source, query: query, memo: &memo)
        let networkAcl: PathDecision.NetworkAclStep
        var filtered = false
        if mismatch {
            networkAcl = .notEvaluated
        } else if case .noRuleAllows = securityGroup {
            networkAcl = .notEvaluated
            filtered = true
        } else {
            (networkAcl, filtered) = networkAclStep(source, query: query, memo: &memo)
        }
        if let sourceIP = source.sourceIP, mismatch {
            route = .addressFamily(sourceIP)
            verdict = .drop
            shareable = false
        } else if filtered {
            route = .notReached
            verdict = .drop
        } else if let sourceIP = source.sourceIP {
            if let subnet = source.subnet {
                if let table = source.routeTable {
                    let found: PreparedRoute?
                    if memo.routeTable === table {
                        found = memo.route
                    } else {
                        found = table.routes.value(for: query.destination)
                        if memo.remembers { (memo.routeTable, memo.route) = (table, found) }
                    }
                    if let chosen = found {
                        route = .routed(table, chosen)
                        if chosen.isBlackhole {
                            verdict = .drop
                        } else if chosen.exit == .egressOnlyInternetGateway, sourceIP.family != .v6 {
                            // IPv6 only (docs/aws-path.md §6).
                            verdict = .drop
                        }
                    } else {
                        route = .noRoute(table)
                        verdict = .drop
                    }
                } else {
                    route = .noRouteTable(subnet)
                    verdict = .drop
                }
            } else {
                route = .noSubnet(sourceIP)
                shareable = false
            }
        } else {
            route = .sourceUnknown
        }

        var transitGateway = PathDecision.TransitGatewayStep.notApplicable
        var tgwFirewall: PreparedFirewall?
        // Only a route to a transit gateway has a hop, so the path's own public address (which
        // can drop a path at an internet gateway) never matters here.
        if verdict != .drop, case .routed(_, let chosen) = route, let hop = chosen.transitGateway {
            switch hop {
            case .table(let attachment, let table):
                let found: PreparedTransitGatewayRoute?
                if memo.transitGatewayTable === table {
                    found = memo.transitGatewayRoute
                } else {
                    found = table.routes.value(for: query.destination)
                    if memo.remembers { (memo.transitGatewayTable, memo.transitGatewayRoute) = (table, found) }
                }
                let zones = context.transitGateways.zones(attachment: attachment, sourceSubnet: source.subnet,
                                                          next: found)
                if let zones, zones.entrySubnet == nil {
                    transitGateway = .zoneRestricted(attachment: attachment, table, zones)
                    verdict = .drop
                } else if let next = found {
                    transitGateway = .routed(attachment: attachment, table, next, zones: zones)
                    if next.isBlackhole { verdict = .drop }
                    tgwFirewall = next.firewall
                } else {
                    transitGateway = .noRoute(attachment: attachment, table)
                    verdict = .drop
                }
            case .noAssociation:
                transitGateway = .hop(hop)
                verdict = .drop
            default:
                transitGateway = .hop(hop)
            }
        }
        return PathDecision.Steps(securityGroup: securityGroup, networkAcl: networkAcl, route: route,
                                  transitGateway: transitGateway, transitGatewayFirewall: tgwFirewall,
                                  verdict: verdict, shareable: shareable)
    }

    /// SECURITY-GROUP: any egress rule of the source ENI's groups that covers the destination
    /// and matches the protocol and port allows the packet (groups are stateful: the return passes).
    private func securityGroupStep(_ source: PreparedSource, query: TraceQuery,
                                   memo: inout PathMemo) -> PathDecision.SecurityGroupStep {
        guard source.sourceIP != nil else { return .notEvaluated }
        switch source.securityGroups {
        case .notRead: return .notEvaluated
        case .unknown: return .unknownInterface
        case .known(let set):
            if memo.securityGroups === set { return memo.securityGroupStep }
            let step: PathDecision.SecurityGroupStep
            if let rule = set.allowingRule(destination: query.destination, query: query) {
                step = .allowed(set, rule: rule)
            } else {
                step = set.isIncomplete ? .undecided(set) : .noRuleAllows(set)
            }
            if memo.remembers { (memo.securityGroups, memo.securityGroupStep) = (set, step) }
            return step
        }
    }

    /// NETWORK-ACL: the first outbound entry that matches decides; then the inbound entries for
    /// the return, from the destination to the source port (or the Linux ephemeral range).
    /// `blocks` is true when the ACL stops the packet (outbound, or all of its return), worked
    /// out here so the caller need not copy the step's return ports to ask.
    private func networkAclStep(_ source: PreparedSource, query: TraceQuery,
                                memo: inout PathMemo) -> (step: PathDecision.NetworkAclStep, blocks: Bool) {
        guard source.sourceIP != nil else { return (.notEvaluated, false) }
        switch source.networkAcl {
        case .notRead: return (.notEvaluated, false)
        case .unknown: return (.unknownSubnet, false)
        case .known(let acl):
            if memo.networkAcl === acl { return (memo.networkAclStep, memo.networkAclBlocks) }
            let step: PathDecision.NetworkAclStep
            let blocks: Bool
            let matched = acl.outboundEntry(destination: query.destination, query: query)
            if let entry = matched, acl.outboundAllows(entry) {
                let back = acl.returnTraffic(from: query.destination, query: query)
                blocks = back.allowedNone
                step = .evaluated(acl, entry: entry, returnTraffic: back)
            } else {
                blocks = true
                step = .outboundDenied(acl, entry: matched)
            }
            if memo.remembers { (memo.networkAcl, memo.networkAclStep, memo.networkAclBlocks) = (acl, step, blocks) }
            return (step, blocks)
        }
    }
}
