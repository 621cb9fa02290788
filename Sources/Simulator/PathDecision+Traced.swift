import Firewall
import Inventory
import LPM

/// The values a `TracePath` shows, read from what the trace decided only when someone asks for
/// them (JSON, the console, what-if): describing a trace keeps the decision, not these copies.
extension PathDecision {
    /// The VPC route taken.
    var tracedRoute: TraceRoute? {
        guard case .routed(let table, let chosen) = route else { return nil }
        return TraceRoute(table: table.table.routeTableID, destination: chosen.destination,
                          target: chosen.route.target, blackhole: chosen.isBlackhole)
    }

    /// True when a firewall decided the packet's fate on this path.
    var metFirewall: Bool {
        if case .decided = firewall { return true }
        return false
    }

    /// The name of the firewall that decided, when one did.
    var firewallName: String? {
        guard case .decided(let placed, _, _) = firewall else { return nil }
        return placed.placement.name
    }

    /// The firewall's verdict, when one decided.
    var tracedFirewall: TraceFirewall? {
        guard case .decided(let placed, let verdict, let seen) = firewall else { return nil }
        return TraceFirewall(name: placed.placement.name, acl: verdict.accessList, line: verdict.lineNumber,
                             action: verdict.action, ace: verdict.ace, implicit: verdict.isImplicit,
                             sourceSeen: seen, timeRangeAssumedActive: verdict.timeRangeAssumedActive)
    }

    /// The security groups that allowed or stopped the packet; nil when not evaluated, undecided,
    /// or when the path has no source of the destination's family.
    var tracedSecurityGroup: TraceSecurityGroup? {
        if case .addressFamily = route { return nil }
        switch securityGroup {
        case .allowed(let set, let index):
            let rule = set.rules[index]
            return TraceSecurityGroup(groupIDs: set.groupIDs, groupID: rule.groupID, groupName: rule.groupName,
                                      ruleIndex: rule.index, rule: rule.text, allowed: true)
        case .noRuleAllows(let set):
            return TraceSecurityGroup(groupIDs: set.groupIDs, groupID: nil, groupName: nil, ruleIndex: nil, rule: nil,
                                      allowed: false)
        case .notEvaluated, .unknownInterface, .undecided:
            return nil
        }
    }

    /// The network ACL entries that passed or stopped the packet and its return.
    var tracedNetworkAcl: TraceNetworkAcl? {
        if case .addressFamily = route { return nil }
        switch networkAcl {
        case .outboundDenied(let acl, let entry):
            return TraceNetworkAcl(
                networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.subnet ?? "",
                outboundRule: entry.map { acl.outbound[$0].ruleNumber } ?? 32767, outboundAction: .deny, returnPorts: nil,
                returnRule: nil, returnAction: nil, returnDenied: [], returnBlocked: false)
        case .evaluated(let acl, let entry, let back):
            let returnRule = back.decidingEntry.map { acl.inbound[$0].ruleNumber } ?? (back.allowedAll ? nil : 32767)
            return TraceNetworkAcl(
                networkAclID: acl.acl.networkAclID, isDefault: acl.acl.isDefault, subnet: source.subnet ?? "",
                outboundRule: acl.outbound[entry].ruleNumber, outboundAction: .allow, returnPorts: back.ports,
                returnRule: returnRule,
                returnAction: back.decidingEntry.map { acl.inbound[$0].ruleAction } ?? (back.allowedAll ? nil : .deny),
                returnDenied: back.ports == nil ? [] : back.denied, returnBlocked: back.allowedNone)
        case .notEvaluated, .unknownSubnet:
            return nil
        }
    }

    /// The transit gateway route table and route, when the VPC route led to a transit gateway
    /// whose table the bundle holds.
    var tracedTransitGateway: TraceTransitGateway? {
        guard case .routed(_, let chosen) = route, case .transitGateway = chosen.route.target else { return nil }
        switch transitGateway {
        case .notApplicable, .hop:
            return nil
        case .noRoute(let attachment, let table):
            return TraceTransitGateway(attachment: attachment, routeTable: table.routeTableID, destination: nil,
                                       prefixList: nil, type: nil, nextAttachments: [], blackhole: false)
        case .routed(let attachment, let table, let next, let zones):
            return TraceTransitGateway(attachment: attachment, routeTable: table.routeTableID, destination: next.destination,
                                       prefixList: next.route.prefixListID, type: next.route.type,
                                       nextAttachments: next.attachmentIDs, blackhole: next.isBlackhole,
                                       zones: zones.map(TraceTransitGateway.Zones.init))
        case .zoneRestricted(let attachment, let table, let zones):
            return TraceTransitGateway(attachment: attachment, routeTable: table.routeTableID, destination: nil,
                                       prefixList: nil, type: nil, nextAttachments: [], blackhole: false,
                                       zones: TraceTransitGateway.Zones(zones))
        }
    }
}

extension TraceTransitGateway.Zones {
    /// The zones a transit gateway hop enters and leaves by, as a trace shows them.
    init(_ zones: TransitGatewayZones) {
        self.init(availabilityZone: zones.zone, subnet: zones.entrySubnet,
                  nextAttachment: zones.exit?.attachment, nextApplianceMode: zones.exit?.applianceMode,
                  nextSubnet: zones.exit?.subnet, nextAvailabilityZone: zones.exit?.zone,
                  crossesAvailabilityZone: zones.exit?.crossesZone ?? false,
                  applianceModeRecommended: zones.exit?.applianceModeRecommended ?? false)
    }
}
