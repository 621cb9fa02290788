import Firewall
import Inventory
import LPM

extension Tracer {
    /// Describes a decision as packet-tracer phases (POD, EGRESS-POLICY, GATEWAY, SOURCE,
    /// VPC-ROUTE, FIREWALL, RESULT), each with its outcome and note, plus the summary fields.
    public func describe(_ decision: TraceDecision, query: TraceQuery) -> TraceResult {
        var decision = decision
        return describe(taking: &decision, query: query)
    }

    /// Describes `decision`, moving its paths into the result (the caller's decision is left
    /// without paths): a trace's paths share the one buffer of decisions instead of copying them.
    func describe(taking decision: inout TraceDecision, query: TraceQuery) -> TraceResult {
        let sender = decision.sender
        var result = TraceResult(verdict: decision.verdict, phases: [], sender: sender.label, senderIP: sender.pod.podIP,
                                 senderNode: sender.pod.nodeName, policy: nil, rule: nil, gateways: TraceGatewayList(),
                                 maxNextHops: nil, paths: [])
        var phases: [TracePhase] = []
        phases.reserveCapacity(TracePhaseName.allCases.count)
        phases.append(sender.phase)

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
            finish(&result, phases: &phases, summary: .lostAt(egress.note))
            return result
        default:
            break
        }

        if let gateway = decision.gateway, let selection = decision.egress.selection {
            result.maxNextHops = selection.maxNextHops
            let chosen = gateway.failure == nil ? TraceGatewayList(gateway.chosen) : TraceGatewayList()
            let phase = gatewayPhase(gateway, chosen: chosen, selection: selection, dropped: result.rule?.cidr)
            phases.append(phase)
            guard gateway.failure == nil else {
                finish(&result, phases: &phases, summary: .lostAt(phase.note))
                return result
            }
            result.gateways = chosen
        } else {
            phases.append(TracePhase(.gateway, .skip, .noGatewayOnPath))
        }

        // The packet as notes name it, kept as numbers.
        let packet = TracePacket(query)
        var decisions: [PathDecision] = []
        swap(&decisions, &decision.otherPaths)
        if let first = decision.firstPath.take() { Self.putFirst(first, in: &decisions) }
        let count = decisions.count
        var described = DescribedPaths(capacity: count)
        var memo = DescribeMemo()
        decisions.withUnsafeBufferPointer { buffer in
            for index in 0..<count {
                describe(buffer[index], index, of: decisions, query: query, packet: packet, memo: &memo,
                         into: &described)
            }
        }
        if count == 1 {
            for column in DescribedPaths.Column.allCases where column != .transitGateway || described.viaTransitGateway {
                phases.append(described.phases[column.rawValue])
            }
        } else if count > 1 {
            // TRANSIT-GATEWAY appears when some path's VPC route leads to a transit gateway.
            for column in DescribedPaths.Column.allCases where column != .transitGateway || described.viaTransitGateway {
                phases.append(merge(described, column: column))
            }
        }
        swap(&result.paths, &described.paths)
        finish(&result, phases: &phases, summary: summary(decisions, verdict: decision.verdict))
        return result
    }

    /// `decisions` with `first` in front: one literal for a single path, else appended into the
    /// slot `decide` reserved and rotated to the front in place (no generic insertion).
    private static func putFirst(_ first: PathDecision, in decisions: inout [PathDecision]) {
        guard !decisions.isEmpty else {
            decisions = [first]
            return
        }
        decisions.append(first)
        decisions.withUnsafeMutableBufferPointer { paths in
            guard let base = paths.baseAddress, paths.count > 1 else { return }
            let moved = (base + paths.count - 1).move()
            // The regions overlap; moveInitialize copies as memmove does.
            (base + 1).moveInitialize(from: base, count: paths.count - 1)
            base.initialize(to: moved)
        }
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
                rules: prepared.ruleDestinations))
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

    private func gatewayPhase(_ step: GatewayStep, chosen: TraceGatewayList, selection: EgressGatewaySelection,
                              dropped destination: IPPrefix?) -> TracePhase {
        let unready = step.candidates.allSatisfy(\.isActive) ? [] : step.candidates.filter { !$0.isActive }.map(\.qualifiedName)
        switch step.failure {
        case .matchesNothing:
            return TracePhase(.gateway, .fail, .selectorMatchesNothing(selection: selection, dropped: destination))
        case .noneReady:
            return TracePhase(.gateway, .fail, .noReadyGateway(candidates: step.candidates.count, unready: unready,
                                                               dropped: destination))
        case nil:
            let maxNextHops = selection.maxNextHops
            let hops = maxNextHops > 0 ? min(maxNextHops, step.chosen.count) : step.chosen.count
            let note = TraceNote.ecmp(hops: hops, of: chosen, maxNextHops: maxNextHops,
                                      preference: step.preferenceOutcome, unready: unready)
            return TracePhase(.gateway, unready.isEmpty ? .ok : .warn, note)
        }
    }

    // MARK: - SOURCE, VPC-ROUTE, FIREWALL

    /// Every path and its phases from SOURCE to FIREWALL, the phases in one buffer, path after
    /// path (one allocation for all of them rather than one per phase).
    private struct DescribedPaths {
        /// The per-path phases, in the order a trace shows them.
        enum Column: Int, CaseIterable {
            case source, securityGroup, networkAcl, route, transitGateway, firewall
        }

        var paths: [TracePath] = []
        var phases: [TracePhase] = []
        /// True when some path's VPC route leads to a transit gateway.
        var viaTransitGateway = false

        init(capacity: Int) {
            paths.reserveCapacity(capacity)
            phases.reserveCapacity(capacity * Column.allCases.count)
        }

        /// The phase of `column` on path `path`.
        func phase(_ column: Column, of path: Int) -> TracePhase {
            phases[path * Column.allCases.count + column.rawValue]
        }
    }

    /// The phases the paths of one trace share: ECMP paths through the gateways of one subnet
    /// meet the same security group rule, network ACL entries and route (the decision worked
    /// each out once), so their phases are made once and shared.
    private struct DescribeMemo {
        var securityGroups: PreparedSecurityGroupSet?
        var securityGroupRule = -1
        var securityGroupPhase: TracePhase?
        var networkAcl: PreparedNetworkAcl?
        var networkAclSubnet: String?
        var networkAclPhase: TracePhase?
        var route: PreparedRoute?
        var routeSubnet: String?
        var routePhase: TracePhase?
    }

    private func describe(_ decision: PathDecision, _ index: Int, of decisions: [PathDecision], query: TraceQuery,
                          packet: TracePacket, memo: inout DescribeMemo, into described: inout DescribedPaths) {
        let destination = query.destination
        var path = TracePath(decision, index, of: decisions)
        let securityGroup: TracePhase
        if case .addressFamily(let source) = decision.route {
            // No source of the destination's family: nothing between SOURCE and VPC-ROUTE applies.
            securityGroup = TracePhase(.securityGroup, .skip, .familyNotEvaluated(source: source, destination: destination))
        } else if case .allowed(let set, let rule) = decision.securityGroup, memo.securityGroups === set,
           memo.securityGroupRule == rule, let phase = memo.securityGroupPhase {
            securityGroup = phase
        } else {
            securityGroup = securityGroupPhase(decision.securityGroup, source: decision.source, packet: packet,
                                               destination: destination)
            if case .allowed(let set, let rule) = decision.securityGroup {
                memo.securityGroups = set
                memo.securityGroupRule = rule
                memo.securityGroupPhase = securityGroup
            }
        }
        let networkAcl: TracePhase
        if case .addressFamily(let source) = decision.route {
            networkAcl = TracePhase(.networkAcl, .skip, .familyNotEvaluated(source: source, destination: destination))
        } else if case .evaluated(let acl, _, _) = decision.networkAcl, memo.networkAcl === acl,
           memo.networkAclSubnet == decision.source.path.subnet, let phase = memo.networkAclPhase {
            // One decision evaluates an ACL once (Tracer.PathMemo): the same ACL, the same answer.
            networkAcl = phase
        } else {
            networkAcl = networkAclPhase(decision.networkAcl, securityGroup: securityGroup, source: decision.source,
                                         packet: packet, destination: destination)
            if case .evaluated(let acl, _, _) = decision.networkAcl {
                memo.networkAcl = acl
                memo.networkAclSubnet = decision.source.path.subnet
                memo.networkAclPhase = networkAcl
            }
        }
        let route: TracePhase
        switch decision.route {
        case .notReached:
            route = TracePhase(.vpcRoute, .skip, .notReached)
        case .sourceUnknown:
            route = TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "source unknown"))
        case .noSubnet(let source):
            route = TracePhase(.vpcRoute, .skip, .routeNotEvaluated(why: "no AWS subnet holds \(source)"))
        case .noRouteTable(let subnet):
            route = TracePhase(.vpcRoute, .fail, .noRouteTable(subnet: subnet), code: .noRouteToDestination)
        case .noRoute(let table):
            route = TracePhase(.vpcRoute, .fail, .noRoute(table: table.table.routeTableID, destination: destination,
                                                         unreadPrefixLists: table.unreadPrefixLists),
                               code: .noRouteToDestination)
        case .addressFamily(let source):
            route = TracePhase(.vpcRoute, .fail, .noAddressOfFamily(source: source, destination: destination), code: .noPath)
        case .routed(let table, let chosen):
            switch chosen.route.target {
            case .internetGateway, .natGateway:
                // The note names the path's own public and source addresses.
                route = routePhase(chosen, table: table, path: path)
            case .other(let id) where RouteTarget.isEgressOnlyInternetGateway(id):
                route = routePhase(chosen, table: table, path: path)
            default:
                if memo.route === chosen, memo.routeSubnet == path.subnet, let phase = memo.routePhase {
                    route = phase
                } else {
                    route = routePhase(chosen, table: table, path: path)
                    memo.route = chosen
                    memo.routeSubnet = path.subnet
                    memo.routePhase = route
                }
            }
        }

        let transitGateway = transitGatewayPhase(decision, destination: destination)

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
            inspection = TracePhase(.firewall, firewall.action == .permit ? .ok : .fail,
                                    .firewallVerdict(firewall, interface: placed.placement.interface))
        }
        if path.verdict == .drop {
            if securityGroup.outcome == .fail {
                path.dropCode = securityGroup.code
            } else if networkAcl.outcome == .fail {
                path.dropCode = networkAcl.code
            } else if route.outcome == .fail {
                path.dropCode = route.code
            } else if let transitGateway, transitGateway.outcome == .fail {
                path.dropCode = transitGateway.code
            }
        }
        described.paths.append(path)
        described.phases.append(decision.source.phase)
        described.phases.append(securityGroup)
        described.phases.append(networkAcl)
        described.phases.append(route)
        if let transitGateway {
            described.viaTransitGateway = true
            described.phases.append(transitGateway)
        } else {
            described.phases.append(TracePhase(.transitGateway, .skip, .notReached))
        }
        described.phases.append(inspection)
    }

    // MARK: - TRANSIT-GATEWAY

    /// The phase, when the VPC route taken leads to a transit gateway.
    private func transitGatewayPhase(_ decision: PathDecision, destination: IPAddress) -> TracePhase? {
        guard case .routed(_, let chosen) = decision.route, case .transitGateway(let id) = chosen.route.target else {
            return nil
        }
        switch decision.transitGateway {
        case .notApplicable:
            return TracePhase(.transitGateway, .skip, .notReached)
        case .hop(let hop):
            switch hop {
            case .notRead:
                return TracePhase(.transitGateway, .skip, .transitGatewaysNotRead)
            case .noAttachment(_, let vpc):
                return TracePhase(.transitGateway, .skip, .transitGatewayUnknown(
                    transitGateway: id, why: "no attachment of \(vpc) in the bundle"))
            case .tableNotRead(let attachment, let table):
                return TracePhase(.transitGateway, .skip, .transitGatewayUnknown(
                    transitGateway: id, why: "route table \(table) of attachment \(attachment) is not in the bundle"))
            case .noAssociation(let attachment):
                return TracePhase(.transitGateway, .fail, .transitGatewayNoAssociation(attachment: attachment),
                                  code: .tgwAttachMissingRouteTableAssociation)
            case .table(let attachment, let table):
                return TracePhase(.transitGateway, .fail, .transitGatewayNoRoute(
                    attachment: attachment, routeTable: table.routeTableID, destination: destination),
                                  code: .tgwNoRouteToAttachment)
            }
        case .noRoute(let attachment, let table):
            return TracePhase(.transitGateway, .fail, .transitGatewayNoRoute(
                attachment: attachment, routeTable: table.routeTableID, destination: destination),
                              code: .tgwNoRouteToAttachment)
        case .routed(let attachment, let table, let next, let zones):
            let hop = TraceTransitGateway(attachment: attachment, routeTable: table.routeTableID, destination: next.destination,
                                          prefixList: next.route.prefixListID, type: next.route.type,
                                          nextAttachments: next.attachmentIDs, blackhole: next.route.isBlackhole,
                                          zones: zones.map(TraceTransitGateway.Zones.init))
            if hop.blackhole {
                return TracePhase(.transitGateway, .fail, .transitGatewayRoute(hop), code: .tgwBadStateRoute)
            }
            if let exit = zones?.exit {
                if exit.applianceModeRecommended {
                    return TracePhase(.transitGateway, .warn, .transitGatewayRoute(hop), code: .applianceModeRecommended)
                }
                if exit.crossesZone {
                    return TracePhase(.transitGateway, .warn, .transitGatewayRoute(hop), code: .availabilityZoneCrossed)
                }
            }
            return TracePhase(.transitGateway, .ok, .transitGatewayRoute(hop))
        case .zoneRestricted(let attachment, let table, let zones):
            return TracePhase(.transitGateway, .fail, .transitGatewayZoneRestricted(
                attachment: attachment, zone: zones.zone, subnets: zones.attachmentSubnets.map(\.subnet)),
                              code: .tgwRouteAZRestriction)
        }
    }

    // MARK: - SECURITY-GROUP, NETWORK-ACL

    private func securityGroupPhase(_ step: PathDecision.SecurityGroupStep, source: PreparedSource, packet: TracePacket,
                                    destination: IPAddress) -> TracePhase {
        switch step {
        case .notEvaluated:
            if case .notRead = source.securityGroups { return TracePhase(.securityGroup, .skip, .securityGroupsNotRead) }
            return TracePhase(.securityGroup, .skip, .routeNotEvaluated(why: "source unknown"))
        case .unknownInterface:
            guard let address = source.path.sourceIP else { return TracePhase(.securityGroup, .skip, .notReached) }
            return TracePhase(.securityGroup, .skip, .securityGroupsUnknown(eni: source.path.networkInterface, source: address))
        case .allowed(let set, let index):
            let rule = set.rules[index]
            let group = TraceSecurityGroup(groupIDs: set.groupIDs, groupID: rule.groupID, groupName: rule.groupName,
                                           ruleIndex: rule.index, rule: rule.text, allowed: true)
            return TracePhase(.securityGroup, .ok, .securityGroupAllows(group))
        case .noRuleAllows(let set):
            let group = TraceSecurityGroup(groupIDs: set.groupIDs, groupID: nil, groupName: nil, ruleIndex: nil, rule: nil,
                                           allowed: false)
            let noRules = set.rules.isEmpty
            return TracePhase(.securityGroup, .fail, .securityGroupDenies(group, packet: packet, destination: destination,
                                                                          noRules: noRules),
                              code: noRules ? .securityGroupHasNoRules : .eniSecurityGroupRulesMismatch)
        case .undecided(let set):
            let group = TraceSecurityGroup(groupIDs: set.groupIDs, groupID: nil, groupName: nil, ruleIndex: nil, rule: nil,
                                           allowed: false)
            return TracePhase(.securityGroup, .skip, .securityGroupUndecided(
                group, packet: packet, destination: destination, missing: set.missingGroups + set.unknownPrefixLists))
        }
    }

    private func networkAclPhase(_ step: PathDecision.NetworkAclStep, securityGroup: TracePhase, source: PreparedSource,
                                 packet: TracePacket, destination: IPAddress) -> TracePhase {
        switch step {
        case .notEvaluated:
            if securityGroup.outcome == .fail { return TracePhase(.networkAcl, .skip, .notReached) }
            if case .notRead = source.networkAcl { return TracePhase(.networkAcl, .skip, .networkAclsNotRead) }
            return TracePhase(.networkAcl, .skip, .routeNotEvaluated(why: "source unknown"))
        case .unknownSubnet:
            return TracePhase(.networkAcl, .skip, .networkAclUnknown(subnet: source.path.subnet))
        case .outboundDenied(let acl, let entry):
            let traced = TraceNetworkAcl(
                networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.path.subnet ?? "",
                outboundRule: entry.map { acl.outbound[$0].ruleNumber } ?? 32767, outboundAction: .deny, returnPorts: nil,
                returnRule: nil, returnAction: nil, returnDenied: [], returnBlocked: false)
            return TracePhase(.networkAcl, .fail, .networkAcl(traced, packet: packet, destination: destination),
                              code: .subnetAclRestriction)
        case .evaluated(let acl, let entry, let back):
            let returnRule = back.decidingEntry.map { acl.inbound[$0].ruleNumber }
                ?? (back.allowedAll ? nil : 32767)
            let traced = TraceNetworkAcl(
                networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.path.subnet ?? "",
                outboundRule: acl.outbound[entry].ruleNumber, outboundAction: .allow, returnPorts: back.ports,
                returnRule: returnRule,
                returnAction: back.decidingEntry.map { acl.inbound[$0].ruleAction } ?? (back.allowedAll ? nil : .deny),
                returnDenied: back.ports == nil ? [] : back.denied, returnBlocked: back.allowedNone)
            let note = TraceNote.networkAcl(traced, packet: packet, destination: destination)
            if back.allowedAll { return TracePhase(.networkAcl, .ok, note) }
            return TracePhase(.networkAcl, back.allowedNone ? .fail : .warn, note, code: .subnetAclRestriction)
        }
    }

    /// The packet as the notes name it: `tcp/443`, `udp`, `icmp type 8 code 0`, `protocol 47`.
    static func packet(_ query: TraceQuery) -> String { TracePacket(query).description }

    private func routePhase(_ chosen: PreparedRoute, table: PreparedRouteTable, path: TracePath) -> TracePhase {
        let subnet = path.subnet ?? ""
        func note(_ outcome: TraceNote.RouteOutcome) -> TraceNote {
            .route(table: table.table.routeTableID, subnet: subnet, destination: chosen.destination,
                   target: chosen.route.target, outcome: outcome, prefixList: chosen.prefixListID,
                   unreadPrefixLists: table.unreadPrefixLists)
        }
        if chosen.route.isBlackhole { return TracePhase(.vpcRoute, .fail, note(.blackhole), code: .badStateRoute) }
        switch chosen.route.target {
        case .internetGateway where path.sourceIP?.family == .v6:
            return TracePhase(.vpcRoute, .ok, note(.ipv6Internet(source: path.sourceIP, egressOnly: false)))
        case .other(let id) where RouteTarget.isEgressOnlyInternetGateway(id):
            guard path.sourceIP?.family == .v6 else {
                return TracePhase(.vpcRoute, .fail, note(.egressOnlyIPv4), code: .cannotRoute)
            }
            return TracePhase(.vpcRoute, .ok, note(.ipv6Internet(source: path.sourceIP, egressOnly: true)))
        case .internetGateway:
            let outcome = TraceNote.RouteOutcome.internetGateway(elasticIP: path.publicIP, source: path.sourceIP)
            if path.publicIP == nil {
                return TracePhase(.vpcRoute, .fail, note(outcome), code: .igwPublicIPAssociationForEgress)
            }
            return TracePhase(.vpcRoute, .ok, note(outcome))
        case .natGateway:
            return TracePhase(.vpcRoute, .ok, note(.natGateway(publicIP: path.publicIP)))
        case .local:
            return TracePhase(.vpcRoute, .ok, note(.local))
        default:
            return TracePhase(.vpcRoute, .ok, note(.forwarded))
        }
    }

    // MARK: - RESULT

    /// One phase for all paths: the paths' shared phase, or their own notes when they disagree.
    private func merge(_ described: DescribedPaths, column: DescribedPaths.Column) -> TracePhase {
        let count = described.paths.count
        let first = described.phase(column, of: 0)
        if (1..<count).allSatisfy({ described.phase(column, of: $0).note == first.note }) { return first }
        var outcome = first.outcome
        for index in 0..<count {
            let phase = described.phase(column, of: index)
            if phase.outcome == .fail { outcome = .fail } else if phase.outcome == .warn && outcome != .fail { outcome = .warn }
        }
        var notes: [TraceNote.PathNote] = []
        notes.reserveCapacity(count)
        var code: ReachabilityCode?
        for index in 0..<count {
            let phase = described.phase(column, of: index)
            notes.append(TraceNote.PathNote(gateway: described.paths[index].gateway?.name, note: phase.note))
            if code == nil, phase.outcome == outcome, let phaseCode = phase.code { code = phaseCode }
        }
        return TracePhase(first.name, outcome, .perPath(notes), code: code)
    }

    private func summary(_ decisions: [PathDecision], verdict: TraceVerdict) -> TraceNote.VerdictSummary {
        decisions.withUnsafeBufferPointer { paths in
            if !paths.isEmpty, paths.indices.contains(where: { paths[$0].verdict != paths[0].verdict }) {
                var counts: [TraceVerdict: Int] = [:]
                for index in paths.indices { counts[paths[index].verdict, default: 0] += 1 }
                return .mixed(counts, paths: paths.count)
            }
            switch verdict {
            case .allow: return paths.indices.contains { paths[$0].metFirewall } ? .permitted : .noFirewall
            case .deny:
                let index = paths.indices.first { paths[$0].metFirewall }
                return .denied(firewall: index.flatMap { paths[$0].firewallName } ?? "")
            case .drop: return .dropped
            }
        }
    }

    private func finish(_ result: inout TraceResult, phases: inout [TracePhase], summary: TraceNote.VerdictSummary) {
        phases.append(TracePhase(.result, result.verdict == .allow ? .ok : .fail, .verdict(result.verdict, summary: summary)))
        swap(&result.phases, &phases)
    }
}
