import Inventory
import LPM
import Simulator

/// A trace as JSON (stable keys) or as packet-tracer style text.
public enum TraceOutput {
    /// The trace as JSON with the keys DESIGN.md documents.
    public static func json(_ result: TraceResult) -> JSONValue {
        .object([
            ("verdict", .string(result.verdict.rawValue)),
            ("sender", .string(result.sender)),
            ("senderIp", .string(result.senderIP?.description)),
            ("senderNode", .string(result.senderNode)),
            ("phases", .array(result.phases.map { phase in
                .object([
                    ("phase", .string(phase.name.rawValue)),
                    ("result", .string(phase.outcome.rawValue)),
                    ("reason", .string(phase.reason)),
                    ("details", .array(phase.details.map { .string($0) })),
                    ("code", .string(phase.code?.rawValue)),
                ])
            })),
            ("policy", .string(result.policy)),
            ("rule", result.rule.map { rule in
                .object([("index", .integer(Int64(rule.index))), ("cidr", .string(rule.cidr.description)),
                         ("description", .string(rule.description))])
            } ?? .null),
            ("gateways", .array(result.gateways.map(gateway))),
            ("maxNextHops", result.maxNextHops.map { .integer(Int64($0)) } ?? .null),
            ("sourceIp", .string(result.sourceIP?.description)),
            ("publicIp", .string(result.publicIP?.description)),
            ("route", route(result.route)),
            ("firewall", firewall(result.firewall)),
            ("paths", .array(result.paths.map { path in
                .object([
                    ("gateway", path.gateway.map(gateway) ?? .null),
                    ("sourceIp", .string(path.sourceIP?.description)),
                    ("publicIp", .string(path.publicIP?.description)),
                    ("subnet", .string(path.subnet)),
                    ("networkInterface", .string(path.networkInterface)),
                    ("route", route(path.route)),
                    ("firewall", firewall(path.firewall)),
                    ("securityGroup", securityGroup(path.securityGroup)),
                    ("networkAcl", networkAcl(path.networkAcl)),
                    ("transitGateway", transitGateway(path.transitGateway)),
                    ("verdict", .string(path.verdict.rawValue)),
                    ("dropCode", .string(path.dropCode?.rawValue)),
                ])
            })),
        ])
    }

    private static func gateway(_ gateway: TraceGateway) -> JSONValue {
        .object([("namespace", .string(gateway.namespace)), ("name", .string(gateway.name)),
                 ("ip", .string(gateway.ip?.description)), ("node", .string(gateway.node)), ("ready", .bool(gateway.ready))])
    }

    private static func route(_ route: TraceRoute?) -> JSONValue {
        guard let route else { return .null }
        return .object([("table", .string(route.table)), ("destination", .string(route.destination.description)),
                        ("target", .string(route.target.id)), ("blackhole", .bool(route.blackhole))])
    }

    private static func securityGroup(_ group: TraceSecurityGroup?) -> JSONValue {
        guard let group else { return .null }
        return .object([("groupIds", .array(group.groupIDs.map { .string($0) })), ("groupId", .string(group.groupID)),
                        ("groupName", .string(group.groupName)),
                        ("ruleIndex", group.ruleIndex.map { .integer(Int64($0)) } ?? .null), ("rule", .string(group.rule)),
                        ("allowed", .bool(group.allowed))])
    }

    private static func transitGateway(_ hop: TraceTransitGateway?) -> JSONValue {
        guard let hop else { return .null }
        return .object([("attachment", .string(hop.attachment)), ("routeTable", .string(hop.routeTable)),
                        ("destination", .string(hop.destination?.description)), ("prefixList", .string(hop.prefixList)),
                        ("type", .string(hop.type)), ("nextAttachments", .array(hop.nextAttachments.map { .string($0) })),
                        ("blackhole", .bool(hop.blackhole)), ("zones", zones(hop.zones))])
    }

    private static func zones(_ zones: TraceTransitGateway.Zones?) -> JSONValue {
        guard let zones else { return .null }
        return .object([("availabilityZone", .string(zones.availabilityZone)), ("subnet", .string(zones.subnet)),
                        ("nextAttachment", .string(zones.nextAttachment)),
                        ("nextApplianceMode", zones.nextApplianceMode.map { .bool($0) } ?? .null),
                        ("nextSubnet", .string(zones.nextSubnet)),
                        ("nextAvailabilityZone", .string(zones.nextAvailabilityZone)),
                        ("crossesAvailabilityZone", .bool(zones.crossesAvailabilityZone)),
                        ("applianceModeRecommended", .bool(zones.applianceModeRecommended))])
    }

    private static func networkAcl(_ acl: TraceNetworkAcl?) -> JSONValue {
        guard let acl else { return .null }
        func range(_ ports: ClosedRange<Int>) -> JSONValue {
            .object([("from", .integer(Int64(ports.lowerBound))), ("to", .integer(Int64(ports.upperBound)))])
        }
        return .object([
            ("networkAclId", .string(acl.networkAclID)), ("default", .bool(acl.isDefault)), ("subnet", .string(acl.subnet)),
            ("outboundRule", .integer(Int64(acl.outboundRule))), ("outboundAction", .string(acl.outboundAction.rawValue)),
            ("returnPorts", acl.returnPorts.map(range) ?? .null),
            ("returnRule", acl.returnRule.map { .integer(Int64($0)) } ?? .null),
            ("returnAction", .string(acl.returnAction?.rawValue)),
            ("returnDenied", .array(acl.returnDenied.map(range))),
            ("returnBlocked", .bool(acl.returnBlocked)),
        ])
    }

    private static func firewall(_ firewall: TraceFirewall?) -> JSONValue {
        guard let firewall else { return .null }
        return .object([("name", .string(firewall.name)), ("acl", .string(firewall.acl)),
                        ("line", firewall.line.map { .integer(Int64($0)) } ?? .null), ("action", .string(firewall.action.rawValue)),
                        ("ace", .string(firewall.ace)), ("implicit", .bool(firewall.implicit)),
                        ("timeRangeAssumedActive", .bool(firewall.timeRangeAssumedActive)),
                        ("sourceSeen", .string(firewall.sourceSeen.description))])
    }

    /// Packet-tracer style: one block per phase.
    public static func text(_ result: TraceResult, query: TraceQuery) -> String {
        var lines: [String] = []
        let port = query.destinationPort.map { ":\($0)" } ?? ""
        let proto = TraceQuery.protocolName(query.ipProtocol)
        lines.append("Packet: \(proto) \(result.sender) → \(query.destination)\(port)")
        lines.append("")
        for (index, phase) in result.phases.enumerated() where phase.name != .result {
            lines.append("Phase: \(index + 1)")
            lines.append("Type: \(phase.name.rawValue)")
            lines.append("Result: \(phase.outcome.rawValue.uppercased())")
            lines.append("Reason: \(phase.reason)")
            for detail in phase.details { lines.append("  \(detail)") }
            lines.append("")
        }
        lines.append("Result:")
        lines.append("Verdict: \(result.verdict.rawValue.uppercased())")
        if let last = result.phases.last, last.name == .result { lines.append("Reason: \(last.reason)") }
        return lines.joined(separator: "\n")
    }
}
