import Firewall
import Inventory
import LPM

extension Tracer {
    /// Describes a decision as packet-tracer phases (POD, EGRESS-POLICY, GATEWAY, SOURCE,
    /// VPC-ROUTE, FIREWALL, RESULT), each with its outcome and note, plus the summary fields.
    public func describe(_ decision: TraceDecision, query: TraceQuery) -> TraceResult {
        describe(consuming: decision, query: query)
    }

    /// Describes `decision`, keeping it in the result: each phase's name, outcome and code are
    /// worked out now, its note when someone reads it (`TracePhaseList`). The paths share the
    /// decision's one buffer of paths instead of copying them.
    func describe(consuming decision: consuming TraceDecision, query: TraceQuery) -> TraceResult {
        let destination = query.destination
        let egress: PhaseOutline = Self.egressPhase(decision.egress, context: context, destination: destination,
                                                    senderNamespace: decision.sender.namespace)
        var missingPolicy = false
        if case .missingPolicy = decision.egress { missingPolicy = true }
        let podOutline = decision.sender.phaseOutline

        var gatewayOutline: PhaseOutline?
        var gatewayFailed = false
        if let gateway = decision.gateway, let selection = decision.egress.selection {
            gatewayFailed = gateway.failure != nil
            gatewayOutline = Self.gatewayPhase(gateway, selection: selection, dropped: decision.egress.ruleDestination)
        }

        var paths: [PathDecision] = []
        swap(&paths, &decision.otherPaths)
        if let first = decision.firstPath.take() { Self.putFirst(first, in: &paths) }
        let packet = TracePacket(query)
        let verdict = decision.verdict
        let resultOutline = PhaseOutline(name: .result, outcome: verdict == .allow ? .ok : .fail, code: nil)
        let described = DescribedTrace.make(DescribedTrace.Header(
            context: context, decision: decision, paths: paths, destination: destination, packet: packet))
        // The phases are appended to `described`, which the result reads its fields from.
        let result = TraceResult(described, verdict: verdict)

        described.append(podOutline, .pod)
        described.append(egress, .egress)
        if missingPolicy {
            described.append(resultOutline, .result(lostAt: 1))
            return result
        }
        if let gatewayOutline {
            described.append(gatewayOutline, .gateway)
            if gatewayFailed {
                described.append(resultOutline, .result(lostAt: 2))
                return result
            }
        } else {
            described.append(PhaseOutline(name: .gateway, outcome: .skip, code: nil), .noGateway)
        }
        if !paths.isEmpty {
            Self.describePaths(paths, destination: destination, packet: packet, into: described)
        }
        described.append(resultOutline, .result(lostAt: nil))
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

    // MARK: - Paths

    /// The outlines of the phases of `paths` from SOURCE to FIREWALL: one phase per column, the
    /// paths' shared one or, where their notes differ, one listing every path's.
    private static func describePaths(_ paths: [PathDecision], destination: IPAddress, packet: TracePacket,
                                      into described: DescribedTrace) {
        paths.withUnsafeBufferPointer { paths in
            let count = paths.count
            guard let base = paths.baseAddress else { return }
            // The columns (bits by raw value) whose notes differ between the paths.
            var differing: UInt8 = 0
            var viaTransitGateway = base.pointee.leadsToTransitGateway
            for index in 1..<max(count, 1) {
                differing |= differingColumns(base, base + index, known: differing, destination: destination,
                                              packet: packet)
                if (base + index).pointee.leadsToTransitGateway { viaTransitGateway = true }
            }
            for column in DescribedTrace.Column.allCases where column != .transitGateway || viaTransitGateway {
                let first: PhaseOutline = pathPhase(column, of: base, destination: destination, packet: packet)
                guard differing & (1 << column.rawValue) != 0 else {
                    described.append(first, .path(column, 0))
                    continue
                }
                // The worst outcome over the paths, and the first code among the paths with it.
                var outcome = first.outcome
                var code = first.code
                for index in 1..<count {
                    let phase: PhaseOutline = pathPhase(column, of: base + index, destination: destination, packet: packet)
                    if phase.outcome == .fail && outcome != .fail {
                        (outcome, code) = (.fail, phase.code)
                    } else if phase.outcome == .warn && outcome != .fail && outcome != .warn {
                        (outcome, code) = (.warn, phase.code)
                    } else if phase.outcome == outcome && code == nil {
                        code = phase.code
                    }
                }
                described.append(PhaseOutline(name: first.name, outcome: outcome, code: code), .merged(column))
            }
        }
    }

    /// The columns (bits by raw value) where paths `a` and `b` show different notes, besides those `known`.
    private static func differingColumns(_ a: UnsafePointer<PathDecision>, _ b: UnsafePointer<PathDecision>, known: UInt8,
                                         destination: IPAddress, packet: TracePacket) -> UInt8 {
        var differing: UInt8 = 0
        for column in DescribedTrace.Column.allCases where known & (1 << column.rawValue) == 0 {
            if !sameNote(column, a, b, destination: destination, packet: packet) { differing |= 1 << column.rawValue }
        }
        return differing
    }

    /// The code of the first phase that dropped the path `decision` (SECURITY-GROUP, NETWORK-ACL,
    /// VPC-ROUTE, then TRANSIT-GATEWAY when the route leads to one), nil when that phase has none.
    static func dropCode(_ decision: UnsafePointer<PathDecision>, destination: IPAddress, packet: TracePacket) -> ReachabilityCode? {
        for column in [DescribedTrace.Column.securityGroup, .networkAcl, .route] {
            let outline: PhaseOutline = pathPhase(column, of: decision, destination: destination, packet: packet)
            if outline.outcome == .fail { return outline.code }
        }
        guard decision.pointee.leadsToTransitGateway else { return nil }
        let hop: PhaseOutline = pathPhase(.transitGateway, of: decision, destination: destination, packet: packet)
        return hop.outcome == .fail ? hop.code : nil
    }

    /// True when path `a` and path `b` show the same note in `column`: decided from what the
    /// paths share where that settles it, else by building both notes.
    static func sameNote(_ column: DescribedTrace.Column, _ a: UnsafePointer<PathDecision>, _ b: UnsafePointer<PathDecision>,
                         destination: IPAddress, packet: TracePacket) -> Bool {
        // Paths sharing their steps have sources with equal keys (subnet, groups, ACL, family):
        // their notes differ only where a note names the path's own address or interface.
        if a.pointee.steps === b.pointee.steps {
            switch column {
            case .networkAcl, .transitGateway:
                return true
            case .securityGroup:
                if case .unknownInterface = a.pointee.securityGroup {} else { return true }
            case .route:
                if case .routed(_, let chosen) = a.pointee.route, chosen.namesPathAddresses {} else { return true }
            case .source, .firewall:
                break
            }
        }
        switch column {
        case .source:
            if a.pointee.source === b.pointee.source { return true }
            return a.pointee.source.phase.note == b.pointee.source.phase.note
        case .securityGroup:
            if !a.pointee.route.isAddressFamily, !b.pointee.route.isAddressFamily,
               case .allowed(let left, let leftRule) = a.pointee.securityGroup, case .allowed(let right, let rightRule) = b.pointee.securityGroup,
               left === right, leftRule == rightRule {
                return true
            }
        case .networkAcl:
            // One decision evaluates an ACL once (Tracer.PathMemo): the same ACL, the same answer.
            if !a.pointee.route.isAddressFamily, !b.pointee.route.isAddressFamily,
               case .evaluated(let left, _, _) = a.pointee.networkAcl, case .evaluated(let right, _, _) = b.pointee.networkAcl,
               left === right, a.pointee.source.subnet == b.pointee.source.subnet {
                return true
            }
        case .route:
            // Past an internet, NAT or egress-only gateway the note names the path's own addresses.
            if case .routed(let leftTable, let left) = a.pointee.route, case .routed(let rightTable, let right) = b.pointee.route,
               leftTable === rightTable, left === right, !left.namesPathAddresses,
               a.pointee.source.subnet == b.pointee.source.subnet {
                return true
            }
        case .transitGateway:
            if !a.pointee.leadsToTransitGateway, !b.pointee.leadsToTransitGateway { return true }
        case .firewall:
            switch a.pointee.firewall {
            case .notReached:
                if case .notReached = b.pointee.firewall { return true }
            case .routeNotEvaluated:
                if case .routeNotEvaluated = b.pointee.firewall { return true }
            case .noFirewall:
                // The note names the route's target.
                if case .noFirewall = b.pointee.firewall, case .routed(_, let left) = a.pointee.route,
                   case .routed(_, let right) = b.pointee.route, left === right || left.route.target == right.route.target {
                    return true
                }
            case .decided(let left, let leftVerdict, let leftSeen):
                if case .decided(let right, let rightVerdict, let rightSeen) = b.pointee.firewall,
                   left === right, leftSeen == rightSeen, leftVerdict == rightVerdict {
                    return true
                }
            case .sourceUnknown, .unavailable:
                break
            }
        }
        let left: TracePhase = pathPhase(column, of: a, destination: destination, packet: packet)
        let right: TracePhase = pathPhase(column, of: b, destination: destination, packet: packet)
        return left.note == right.note
    }

    // MARK: - Phase builders (a whole phase, or only its outline)

    /// The phase of `column` on the path `decision`.
    static func pathPhase<Phase: TracePhaseMaking>(_ column: DescribedTrace.Column, of decision: UnsafePointer<PathDecision>,
                                                   destination: IPAddress, packet: TracePacket) -> Phase {
        switch column {
        case .source:
            let source = decision.pointee.source
            return Phase.make(source.phase.name, source.phase.outcome, source.phase.note, code: source.phase.code)
        case .securityGroup:
            if case .addressFamily(let source) = decision.pointee.route {
                // No source of the destination's family: nothing between SOURCE and VPC-ROUTE applies.
                return Phase.make(.securityGroup, .skip, .familyNotEvaluated(source: source, destination: destination))
            }
            return securityGroupPhase(decision.pointee.securityGroup, source: decision.pointee.source, packet: packet,
                                      destination: destination)
        case .networkAcl:
            if case .addressFamily(let source) = decision.pointee.route {
                return Phase.make(.networkAcl, .skip, .familyNotEvaluated(source: source, destination: destination))
            }
            return networkAclPhase(decision, packet: packet, destination: destination)
        case .route:
            return routePhase(decision, destination: destination)
        case .transitGateway:
            return transitGatewayPhase(decision, destination: destination) ?? Phase.make(.transitGateway, .skip, .notReached)
        case .firewall:
            return firewallPhase(decision)
        }
    }

    // MARK: - EGRESS-POLICY

    static func egressPhase<Phase: TracePhaseMaking>(_ step: EgressStep, context: SimulationContext,
                                                     destination: IPAddress, senderNamespace: String) -> Phase {
        switch step {
        case .noEgressConfig:
            return Phase.make(.egressPolicy, .skip, .noEgressConfig)
        case .insidePool(let index):
            return Phase.make(.egressPolicy, .skip, .insidePool(destination: destination, pool: context.pools.value(at: index).name,
                                                                cidr: context.pools.value(at: index).cidr))
        case .nodeDestination(let index):
            return Phase.make(.egressPolicy, .skip, .nodeDestination(destination: destination,
                                                                     node: context.nodeAddresses.value(at: index)))
        case .missingPolicy(let name, let origin):
            return Phase.make(.egressPolicy, .fail, .missingPolicy(
                name: name, owner: origin == .pod ? "pod" : "namespace \(senderNamespace)"))
        case .selectorAnnotations(let origin, let selection):
            return Phase.make(.egressPolicy, .ok, .selectorAnnotations(origin: origin, selection: selection))
        case .noRuleCovers(let prepared):
            return Phase.make(.egressPolicy, .skip, .noRuleCovers(
                policy: prepared.policy.name, destination: destination,
                rules: prepared.ruleDestinations))
        case .ruleWithoutGateway(let prepared, let index):
            return Phase.make(.egressPolicy, .skip, .ruleWithoutGateway(
                policy: prepared.policy.name, index: index, cidr: prepared.policy.rules[index].effectiveDestination,
                description: prepared.policy.rules[index].description))
        case .ruleChosen(let prepared, let index):
            return Phase.make(.egressPolicy, .ok, .ruleChosen(
                policy: prepared.policy.name, index: index, cidr: prepared.policy.rules[index].effectiveDestination,
                description: prepared.policy.rules[index].description, destination: destination))
        }
    }

    // MARK: - GATEWAY

    static func gatewayPhase<Phase: TracePhaseMaking>(_ step: GatewayStep, selection: EgressGatewaySelection,
                                                      dropped destination: IPPrefix?) -> Phase {
        let allReady = step.allReady
        let unready = { allReady ? [] : step.candidates.filter { !$0.isActive }.map(\.qualifiedName) }
        switch step.failure {
        case .matchesNothing:
            return Phase.make(.gateway, .fail, .selectorMatchesNothing(selection: selection, dropped: destination))
        case .noneReady:
            return Phase.make(.gateway, .fail, .noReadyGateway(candidates: step.candidates.count, unready: unready(),
                                                               dropped: destination))
        case nil:
            let maxNextHops = selection.maxNextHops
            let hops = maxNextHops > 0 ? min(maxNextHops, step.chosen.count) : step.chosen.count
            return Phase.make(.gateway, allReady ? .ok : .warn, .ecmp(
                hops: hops, of: TraceGatewayList(step.chosen), maxNextHops: maxNextHops,
                preference: step.preferenceOutcome, unready: unready()))
        }
    }

    // MARK: - VPC-ROUTE

    private static func routePhase<Phase: TracePhaseMaking>(_ decision: UnsafePointer<PathDecision>, destination: IPAddress) -> Phase {
        switch decision.pointee.route {
        case .notReached:
            return Phase.make(.vpcRoute, .skip, .notReached)
        case .sourceUnknown:
            return Phase.make(.vpcRoute, .skip, .routeNotEvaluated(why: "source unknown"))
        case .noSubnet(let source):
            return Phase.make(.vpcRoute, .skip, .routeNotEvaluated(why: "no AWS subnet holds \(source)"))
        case .noRouteTable(let subnet):
            return Phase.make(.vpcRoute, .fail, .noRouteTable(subnet: subnet), code: .noRouteToDestination)
        case .noRoute(let table):
            return Phase.make(.vpcRoute, .fail, .noRoute(table: table.table.routeTableID, destination: destination,
                                                         unreadPrefixLists: table.unreadPrefixLists),
                              code: .noRouteToDestination)
        case .addressFamily(let source):
            return Phase.make(.vpcRoute, .fail, .noAddressOfFamily(source: source, destination: destination), code: .noPath)
        case .routed(let table, let chosen):
            return routePhase(chosen, table: table, source: decision.pointee.source, publicIP: decision.pointee.publicIP)
        }
    }

    // MARK: - TRANSIT-GATEWAY

    /// The phase, when the VPC route taken leads to a transit gateway.
    private static func transitGatewayPhase<Phase: TracePhaseMaking>(_ decision: UnsafePointer<PathDecision>, destination: IPAddress) -> Phase? {
        guard case .routed(_, let chosen) = decision.pointee.route, case .transitGateway(let id) = chosen.route.target else {
            return nil
        }
        switch decision.pointee.transitGateway {
        case .notApplicable:
            return Phase.make(.transitGateway, .skip, .notReached)
        case .hop(let hop):
            switch hop {
            case .notRead:
                return Phase.make(.transitGateway, .skip, .transitGatewaysNotRead)
            case .noAttachment(_, let vpc):
                return Phase.make(.transitGateway, .skip, .transitGatewayUnknown(
                    transitGateway: id, why: "no attachment of \(vpc) in the bundle"))
            case .tableNotRead(let attachment, let table):
                return Phase.make(.transitGateway, .skip, .transitGatewayUnknown(
                    transitGateway: id, why: "route table \(table) of attachment \(attachment) is not in the bundle"))
            case .noAssociation(let attachment):
                return Phase.make(.transitGateway, .fail, .transitGatewayNoAssociation(attachment: attachment),
                                  code: .tgwAttachMissingRouteTableAssociation)
            case .table(let attachment, let table):
                return Phase.make(.transitGateway, .fail, .transitGatewayNoRoute(
                    attachment: attachment, routeTable: table.routeTableID, destination: destination),
                                  code: .tgwNoRouteToAttachment)
            }
        case .noRoute(let attachment, let table):
            return Phase.make(.transitGateway, .fail, .transitGatewayNoRoute(
                attachment: attachment, routeTable: table.routeTableID, destination: destination),
                              code: .tgwNoRouteToAttachment)
        case .routed(let attachment, let table, let next, let zones):
            let hop = {
                TraceTransitGateway(attachment: attachment, routeTable: table.routeTableID, destination: next.destination,
                                    prefixList: next.route.prefixListID, type: next.route.type,
                                    nextAttachments: next.attachmentIDs, blackhole: next.isBlackhole,
                                    zones: zones.map(TraceTransitGateway.Zones.init))
            }
            if next.isBlackhole {
                return Phase.make(.transitGateway, .fail, .transitGatewayRoute(hop()), code: .tgwBadStateRoute)
            }
            if let exit = zones?.exit {
                if exit.applianceModeRecommended {
                    return Phase.make(.transitGateway, .warn, .transitGatewayRoute(hop()), code: .applianceModeRecommended)
                }
                if exit.crossesZone {
                    return Phase.make(.transitGateway, .warn, .transitGatewayRoute(hop()), code: .availabilityZoneCrossed)
                }
            }
            return Phase.make(.transitGateway, .ok, .transitGatewayRoute(hop()))
        case .zoneRestricted(let attachment, _, let zones):
            return Phase.make(.transitGateway, .fail, .transitGatewayZoneRestricted(
                attachment: attachment, zone: zones.zone, subnets: zones.attachmentSubnets.map(\.subnet)),
                              code: .tgwRouteAZRestriction)
        }
    }

    // MARK: - SECURITY-GROUP, NETWORK-ACL

    private static func securityGroupPhase<Phase: TracePhaseMaking>(_ step: PathDecision.SecurityGroupStep, source: PreparedSource,
                                                                    packet: TracePacket, destination: IPAddress) -> Phase {
        switch step {
        case .notEvaluated:
            if case .notRead = source.securityGroups { return Phase.make(.securityGroup, .skip, .securityGroupsNotRead) }
            return Phase.make(.securityGroup, .skip, .routeNotEvaluated(why: "source unknown"))
        case .unknownInterface:
            guard let address = source.sourceIP else { return Phase.make(.securityGroup, .skip, .notReached) }
            return Phase.make(.securityGroup, .skip, .securityGroupsUnknown(eni: source.path.networkInterface, source: address))
        case .allowed(let set, let index):
            return Phase.make(.securityGroup, .ok, .securityGroupAllows(TraceSecurityGroup(
                groupIDs: set.groupIDs, groupID: set.rules[index].groupID, groupName: set.rules[index].groupName,
                ruleIndex: set.rules[index].index, rule: set.rules[index].text, allowed: true)))
        case .noRuleAllows(let set):
            let noRules = set.rules.isEmpty
            return Phase.make(.securityGroup, .fail, .securityGroupDenies(
                TraceSecurityGroup(groupIDs: set.groupIDs, groupID: nil, groupName: nil, ruleIndex: nil, rule: nil,
                                   allowed: false),
                packet: packet, destination: destination, noRules: noRules),
                              code: noRules ? .securityGroupHasNoRules : .eniSecurityGroupRulesMismatch)
        case .undecided(let set):
            return Phase.make(.securityGroup, .skip, .securityGroupUndecided(
                TraceSecurityGroup(groupIDs: set.groupIDs, groupID: nil, groupName: nil, ruleIndex: nil, rule: nil,
                                   allowed: false),
                packet: packet, destination: destination, missing: set.missingGroups + set.unknownPrefixLists))
        }
    }

    private static func networkAclPhase<Phase: TracePhaseMaking>(_ decision: UnsafePointer<PathDecision>, packet: TracePacket,
                                                                 destination: IPAddress) -> Phase {
        let source = decision.pointee.source
        switch decision.pointee.networkAcl {
        case .notEvaluated:
            let securityGroup: PhaseOutline = securityGroupPhase(decision.pointee.securityGroup, source: source, packet: packet,
                                                                 destination: destination)
            if securityGroup.outcome == .fail { return Phase.make(.networkAcl, .skip, .notReached) }
            if case .notRead = source.networkAcl { return Phase.make(.networkAcl, .skip, .networkAclsNotRead) }
            return Phase.make(.networkAcl, .skip, .routeNotEvaluated(why: "source unknown"))
        case .unknownSubnet:
            return Phase.make(.networkAcl, .skip, .networkAclUnknown(subnet: source.subnet))
        case .outboundDenied(let acl, let entry):
            return Phase.make(.networkAcl, .fail, .networkAcl(TraceNetworkAcl(
                networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.subnet ?? "",
                outboundRule: entry.map { acl.outbound[$0].ruleNumber } ?? 32767, outboundAction: .deny, returnPorts: nil,
                returnRule: nil, returnAction: nil, returnDenied: [], returnBlocked: false), packet: packet, destination: destination),
                              code: .subnetAclRestriction)
        case .evaluated(let acl, let entry, let back):
            let note = {
                TraceNote.networkAcl(TraceNetworkAcl(
                    networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.subnet ?? "",
                    outboundRule: acl.outbound[entry].ruleNumber, outboundAction: .allow, returnPorts: back.ports,
                    returnRule: back.decidingEntry.map { acl.inbound[$0].ruleNumber } ?? (back.allowedAll ? nil : 32767),
                    returnAction: back.decidingEntry.map { acl.inbound[$0].ruleAction } ?? (back.allowedAll ? nil : .deny),
                    returnDenied: back.ports == nil ? [] : back.denied, returnBlocked: back.allowedNone),
                                     packet: packet, destination: destination)
            }
            if back.allowedAll { return Phase.make(.networkAcl, .ok, note()) }
            return Phase.make(.networkAcl, back.allowedNone ? .fail : .warn, note(), code: .subnetAclRestriction)
        }
    }

    // MARK: - FIREWALL

    private static func firewallPhase<Phase: TracePhaseMaking>(_ decision: UnsafePointer<PathDecision>) -> Phase {
        switch decision.pointee.firewall {
        case .notReached:
            return Phase.make(.firewall, .skip, .notReached)
        case .routeNotEvaluated:
            return Phase.make(.firewall, .skip, .routeNotEvaluated(why: "no VPC route evaluated, so not inspected"))
        case .noFirewall:
            // Decided only past a VPC route (`Tracer.follow`).
            guard case .routed(_, let chosen) = decision.pointee.route else {
                return Phase.make(.firewall, .skip, .routeNotEvaluated(why: "no VPC route evaluated, so not inspected"))
            }
            return Phase.make(.firewall, .skip, .noFirewall(target: chosen.route.target))
        case .sourceUnknown(let placed):
            return Phase.make(.firewall, .skip, .firewallUnavailable(name: placed.placement.name, why: "source unknown"))
        case .unavailable(let placed):
            return Phase.make(.firewall, .warn, .firewallUnavailable(
                name: placed.placement.name, why: "config file \(placed.placement.config) is not in the bundle"))
        case .decided(let placed, let verdict, let seen):
            return Phase.make(.firewall, verdict.action == .permit ? .ok : .fail, .firewallVerdict(TraceFirewall(
                name: placed.placement.name, acl: verdict.accessList, line: verdict.lineNumber, action: verdict.action,
                ace: verdict.ace, implicit: verdict.isImplicit, sourceSeen: seen,
                timeRangeAssumedActive: verdict.timeRangeAssumedActive), interface: placed.placement.interface))
        }
    }

    /// The packet as the notes name it: `tcp/443`, `udp`, `icmp type 8 code 0`, `protocol 47`.
    static func packet(_ query: TraceQuery) -> String { TracePacket(query).description }

    private static func routePhase<Phase: TracePhaseMaking>(_ chosen: PreparedRoute, table: PreparedRouteTable,
                                                            source: PreparedSource, publicIP: IPAddress?) -> Phase {
        let sourceIP = source.sourceIP
        func note(_ outcome: TraceNote.RouteOutcome) -> TraceNote {
            .route(table: table.table.routeTableID, subnet: source.subnet ?? "", destination: chosen.destination,
                   target: chosen.route.target, outcome: outcome, prefixList: chosen.prefixListID,
                   unreadPrefixLists: table.unreadPrefixLists)
        }
        if chosen.isBlackhole { return Phase.make(.vpcRoute, .fail, note(.blackhole), code: .badStateRoute) }
        switch chosen.exit {
        case .internetGateway where sourceIP?.family == .v6:
            return Phase.make(.vpcRoute, .ok, note(.ipv6Internet(source: sourceIP, egressOnly: false)))
        case .egressOnlyInternetGateway:
            guard sourceIP?.family == .v6 else {
                return Phase.make(.vpcRoute, .fail, note(.egressOnlyIPv4), code: .cannotRoute)
            }
            return Phase.make(.vpcRoute, .ok, note(.ipv6Internet(source: sourceIP, egressOnly: true)))
        case .internetGateway:
            let outcome = TraceNote.RouteOutcome.internetGateway(elasticIP: publicIP, source: sourceIP)
            if publicIP == nil {
                return Phase.make(.vpcRoute, .fail, note(outcome), code: .igwPublicIPAssociationForEgress)
            }
            return Phase.make(.vpcRoute, .ok, note(outcome))
        case .natGateway:
            return Phase.make(.vpcRoute, .ok, note(.natGateway(publicIP: publicIP)))
        case .local:
            return Phase.make(.vpcRoute, .ok, note(.local))
        case .transitGateway, .other:
            return Phase.make(.vpcRoute, .ok, note(.forwarded))
        }
    }

    // MARK: - RESULT

    /// One phase for all paths in `column`: the paths' shared phase, or their own notes when they disagree.
    static func merge(_ column: DescribedTrace.Column, of paths: [PathDecision], destination: IPAddress,
                      packet: TracePacket) -> TracePhase {
        let phases: [TracePhase] = paths.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            return (0..<buffer.count).map { pathPhase(column, of: base + $0, destination: destination, packet: packet) }
        }
        let first = phases[0]
        if phases.dropFirst().allSatisfy({ $0.note == first.note }) { return first }
        var outcome = first.outcome
        for phase in phases {
            if phase.outcome == .fail { outcome = .fail } else if phase.outcome == .warn && outcome != .fail { outcome = .warn }
        }
        var notes: [TraceNote.PathNote] = []
        notes.reserveCapacity(phases.count)
        var code: ReachabilityCode?
        for (index, phase) in phases.enumerated() {
            notes.append(TraceNote.PathNote(gateway: paths[index].source.path.gateway?.name, note: phase.note))
            if code == nil, phase.outcome == outcome, let phaseCode = phase.code { code = phaseCode }
        }
        return TracePhase(first.name, outcome, .perPath(notes), code: code)
    }

    static func summary(_ decisions: [PathDecision], verdict: TraceVerdict) -> TraceNote.VerdictSummary {
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
}

extension EgressStep {
    /// The destination of the rule chosen (with or without a gateway), nil when no rule applies.
    var ruleDestination: IPPrefix? {
        switch self {
        case .ruleChosen(let prepared, let index), .ruleWithoutGateway(let prepared, let index):
            return prepared.policy.rules[index].effectiveDestination
        default:
            return nil
        }
    }
}

extension PathDecision {
    /// True when the VPC route taken leads to a transit gateway (the trace shows TRANSIT-GATEWAY).
    var leadsToTransitGateway: Bool {
        guard case .routed(_, let chosen) = route, chosen.exit == .transitGateway else { return false }
        return true
    }
}

extension PathDecision.RouteStep {
    /// True when the path has no source of the destination's family.
    var isAddressFamily: Bool {
        if case .addressFamily = self { return true }
        return false
    }
}

extension PreparedRoute {
    /// True when a route's note names the path's own addresses (past an internet, NAT or
    /// egress-only internet gateway), so two paths taking it may read differently.
    var namesPathAddresses: Bool {
        switch exit {
        case .internetGateway, .natGateway, .egressOnlyInternetGateway: return true
        case .transitGateway, .local, .other: return false
        }
    }
}
