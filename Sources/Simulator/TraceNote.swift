import Inventory
import LPM

/// What a trace phase found, as values; the one-line reason and detail lines are rendered from it
/// only when someone reads them, so a trace costs no string formatting until it is shown.
public indirect enum TraceNote: Hashable, Sendable {
    // POD
    case sender(label: String, node: String?, zone: String?, ip: IPAddress?, config: ConfigSummary, labels: [String: String])
    // EGRESS-POLICY
    case noEgressConfig
    case insidePool(destination: IPAddress, pool: String, cidr: IPPrefix)
    case nodeDestination(destination: IPAddress, node: String)
    case missingPolicy(name: String, owner: String)
    case selectorAnnotations(origin: EffectiveEgressConfig.Origin, selection: EgressGatewaySelection)
    case noRuleCovers(policy: String, destination: IPAddress, rules: [IPPrefix])
    case ruleWithoutGateway(policy: String, index: Int, cidr: IPPrefix, description: String?)
    case ruleChosen(policy: String, index: Int, cidr: IPPrefix, description: String?, destination: IPAddress)
    // GATEWAY
    case noGatewayOnPath
    case selectorMatchesNothing(selection: EgressGatewaySelection, dropped: IPPrefix?)
    case noReadyGateway(candidates: Int, unready: [String], dropped: IPPrefix?)
    case ecmp(hops: Int, of: TraceGatewayList, maxNextHops: Int, preference: PreferenceOutcome, unready: [String])
    // SOURCE
    case gatewayWithoutIP(gateway: String)
    case gatewayOutsidePools(ip: IPAddress)
    case hostIPMode(pool: String, node: String?, nodeIP: IPAddress)
    case leavesGateway(gateway: String, ip: IPAddress, pool: String, awsBacked: Bool, subnet: String?, eni: String?, elasticIP: IPAddress?)
    case leavesNode(reason: BypassSource, node: String?, nodeIP: IPAddress)
    case leavesPod(ip: IPAddress, pool: String?)
    case sourceUnknown
    // SECURITY-GROUP
    case securityGroupsNotRead
    case securityGroupsUnknown(eni: String?, source: IPAddress)
    case securityGroupAllows(TraceSecurityGroup)
    case securityGroupDenies(TraceSecurityGroup, packet: TracePacket, destination: IPAddress, noRules: Bool)
    case securityGroupUndecided(TraceSecurityGroup, packet: TracePacket, destination: IPAddress, missing: [String])
    // NETWORK-ACL
    case networkAclsNotRead
    case networkAclUnknown(subnet: String?)
    case networkAcl(TraceNetworkAcl, packet: TracePacket, destination: IPAddress)
    // VPC-ROUTE
    case routeNotEvaluated(why: String)
    case noAddressOfFamily(source: IPAddress, destination: IPAddress)
    /// SECURITY-GROUP and NETWORK-ACL when the packet has no source of the destination's family.
    case familyNotEvaluated(source: IPAddress, destination: IPAddress)
    case noRouteTable(subnet: String)
    case noRoute(table: String, destination: IPAddress, unreadPrefixLists: [String])
    case route(table: String, subnet: String, destination: IPPrefix, target: RouteTarget, outcome: RouteOutcome,
               prefixList: String?, unreadPrefixLists: [String])
    // TRANSIT-GATEWAY
    case transitGatewaysNotRead
    case transitGatewayUnknown(transitGateway: String, why: String)
    case transitGatewayNoAssociation(attachment: String)
    case transitGatewayNoRoute(attachment: String, routeTable: String, destination: IPAddress)
    case transitGatewayRoute(TraceTransitGateway)
    case transitGatewayZoneRestricted(attachment: String, zone: String, subnets: [String])
    // FIREWALL
    case notReached
    case noFirewall(target: RouteTarget)
    case firewallUnavailable(name: String, why: String)
    case firewallVerdict(TraceFirewall, interface: String)
    // Several ECMP paths that disagree.
    case perPath([PathNote])
    // RESULT
    case verdict(TraceVerdict, summary: VerdictSummary)

    /// The egress configuration a sender has, for the POD line.
    public enum ConfigSummary: Hashable, Sendable {
        case policy(String, origin: EffectiveEgressConfig.Origin)
        case missingPolicy(String, origin: EffectiveEgressConfig.Origin)
        case selection(origin: EffectiveEgressConfig.Origin)
        case none(disabled: Bool)
        /// The pod has egress annotations of its own, which `EnabledPerNamespace` ignores.
        indirect case podAnnotationsIgnored(ConfigSummary)
    }

    /// What PreferNodeLocal did.
    public enum PreferenceOutcome: Hashable, Sendable {
        case notRequested
        case keptLocal(count: Int, node: String)
        case noneLocal
    }

    /// Why a bypassing packet leaves with its node's address.
    public enum BypassSource: Hashable, Sendable {
        case natOutgoing(pool: String)
        case noPodIP
    }

    /// What the chosen VPC route does with the packet.
    public enum RouteOutcome: Hashable, Sendable {
        case forwarded
        case blackhole
        case internetGateway(elasticIP: IPAddress?, source: IPAddress?)
        case natGateway(publicIP: IPAddress?)
        case local
        /// IPv6 to the internet (an internet gateway or an egress-only one): the source address is public.
        case ipv6Internet(source: IPAddress?, egressOnly: Bool)
        /// An IPv4 packet routed to an egress-only internet gateway, which carries IPv6 only.
        case egressOnlyIPv4
    }

    /// How the verdict came about.
    public enum VerdictSummary: Hashable, Sendable {
        case lostAt(TraceNote)
        case mixed([TraceVerdict: Int], paths: Int)
        case permitted
        case noFirewall
        case denied(firewall: String)
        case dropped
    }

    /// One ECMP path's note, with the gateway it went through.
    public struct PathNote: Hashable, Sendable {
        /// The gateway's name, or nil when the packet bypasses the gateways.
        public var gateway: String?
        /// What happened on that path.
        public var note: TraceNote
    }

    /// The one-line reason.
    public var reason: String {
        switch self {
        case let .sender(label, node, zone, ip, config, _):
            let place = node.map { "on \($0)" + (zone.map { " (\($0))" } ?? "") } ?? "on no particular node"
            return "\(label), \(place), \(ip.map { "IP \($0)" } ?? "no IP yet"); egress config: \(config.text)"
        case .noEgressConfig:
            return "no egress gateway configuration applies: routed normally"
        case let .insidePool(destination, pool, cidr):
            return "\(destination) is inside IP pool \(pool) (\(cidr)): in-cluster traffic never uses a gateway"
        case let .nodeDestination(destination, node):
            return "\(destination) is node \(node): traffic to cluster hosts never uses a gateway"
        case let .missingPolicy(name, owner):
            return "policy \(name) named by the \(owner) annotation does not exist: every egress packet is dropped (unreachable)"
        case let .selectorAnnotations(origin, _):
            return "no policy; the \(origin.rawValue) selector annotations act as one rule 0.0.0.0/0 through their gateways"
        case let .noRuleCovers(policy, destination, rules):
            return "no rule of policy \(policy) covers \(destination) (rules: \(rules.map(\.description).joined(separator: ", "))): "
                + "routed normally, not through a gateway"
        case let .ruleWithoutGateway(policy, index, cidr, description):
            return "policy \(policy) \(TraceNote.rule(index, cidr, description)) has no gateway: routed normally (throw route)"
        case let .ruleChosen(policy, index, cidr, description, destination):
            return "policy \(policy) \(TraceNote.rule(index, cidr, description)) by longest prefix match on \(destination)"
        case .noGatewayOnPath:
            return "no gateway on this path: the packet leaves from the sender's node"
        case let .selectorMatchesNothing(selection, dropped):
            return "selector matches no gateway pod (pods: \(selection.selector ?? "(all)") in ns: "
                + "\(selection.namespaceSelector ?? "(client's namespace)")): \(TraceNote.lost(dropped))"
        case let .noReadyGateway(candidates, unready, dropped):
            return "none of the \(candidates) gateways is ready; not ready: \(unready.joined(separator: ", ")): \(TraceNote.lost(dropped))"
        case let .ecmp(hops, chosen, maxNextHops, preference, unready):
            var text = "ECMP over \(hops) of \(chosen.count) ready gateways"
            if maxNextHops > 0 { text += " (maxNextHops \(maxNextHops))" }
            switch preference {
            case .notRequested: break
            case let .keptLocal(count, node): text += "; PreferNodeLocal keeps the \(count) on \(node)"
            case .noneLocal: text += "; PreferNodeLocal: none on the sender's node, so all ready ones"
            }
            if !unready.isEmpty { text += "; not ready: " + unready.joined(separator: ", ") }
            return text
        case let .gatewayWithoutIP(gateway):
            return "gateway \(gateway) has no IP"
        case let .gatewayOutsidePools(ip):
            return "gateway IP \(ip) is outside every IP pool; leaves as \(ip)"
        case let .hostIPMode(pool, node, nodeIP):
            return "gateway pool \(pool) has natOutgoing (host-IP mode): leaves as node \(node ?? "?") IP \(nodeIP)"
        case let .leavesGateway(gateway, ip, pool, awsBacked, subnet, eni, elasticIP):
            var text = "leaves gateway \(gateway) as \(ip) from pool \(pool)" + (awsBacked ? "" : " (pool not AWS-backed)")
            if let subnet { text += ", subnet \(subnet)" }
            if let eni { text += ", ENI \(eni)" }
            if let elasticIP { text += ", Elastic IP \(elasticIP)" }
            return text
        case let .leavesNode(reason, node, nodeIP):
            let why: String
            switch reason {
            case .natOutgoing(let pool): why = "pool \(pool) has natOutgoing"
            case .noPodIP: why = "the sender has no pod IP"
            }
            return "no gateway; \(why): leaves as node \(node ?? "?") IP \(nodeIP)"
        case let .leavesPod(ip, pool):
            return "no gateway; leaves with the pod's own IP \(ip)" + (pool.map { " (pool \($0), no natOutgoing)" } ?? "")
        case .sourceUnknown:
            return "no gateway, and the sender has neither an IP nor a node: source unknown"
        case .securityGroupsNotRead:
            return "no security groups in the bundle: not evaluated"
        case let .securityGroupsUnknown(eni, source):
            return (eni.map { "ENI \($0) has no security groups in the bundle" } ?? "no ENI in the bundle holds \(source)")
                + ": not evaluated"
        case .securityGroupAllows(let group):
            return "\(TraceNote.group(group.groupID, group.groupName)) egress rule #\(group.ruleIndex ?? 0) "
                + "allows \(group.rule ?? "")"
        case let .securityGroupDenies(group, packet, destination, noRules):
            let groups = group.groupIDs.joined(separator: ", ")
            if noRules { return "security groups \(groups) have no egress rules: \(packet) to \(destination) dropped" }
            return "no egress rule of security groups \(groups) allows \(packet) to \(destination): dropped"
        case let .securityGroupUndecided(group, packet, destination, missing):
            return "no known egress rule of \(group.groupIDs.joined(separator: ", ")) allows \(packet) to \(destination), "
                + "but \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not in the bundle: not evaluated"
        case .networkAclsNotRead:
            return "no network ACLs in the bundle: not evaluated"
        case .networkAclUnknown(let subnet):
            return subnet.map { "no network ACL of subnet \($0) in the bundle: not evaluated" }
                ?? "no AWS subnet holds the source: not evaluated"
        case let .networkAcl(acl, packet, destination):
            return TraceNote.networkAclReason(acl, packet: packet, destination: destination)
        case .routeNotEvaluated(let why):
            return "\(why): VPC route not evaluated"
        case let .familyNotEvaluated(source, destination):
            return "no \(destination.family == .v6 ? "IPv6" : "IPv4") source address (the path leaves with \(source)): not evaluated"
        case let .noAddressOfFamily(source, destination):
            let family = destination.family == .v6 ? "IPv6" : "IPv4"
            return "\(destination) is \(family), but the packet would leave with \(source): no \(family) address "
                + "on this path (egress gateways carry IPv4 only; the pod needs its own \(family) address): dropped"
        case .noRouteTable(let subnet):
            return "subnet \(subnet) has no route table (no association and no main table)"
        case let .noRoute(table, destination, _):
            return "no route to \(destination) in \(table): dropped"
        case let .route(table, subnet, destination, target, outcome, prefixList, _):
            let head = "\(table) (subnet \(subnet)): \(destination)" + (prefixList.map { " (prefix list \($0))" } ?? "")
                + " → \(target)"
            switch outcome {
            case .forwarded: return head
            case .blackhole: return "\(head) is a blackhole: dropped"
            case .local: return "\(head): inside the VPC"
            case let .internetGateway(eip?, _): return "\(head): internet gateway, leaves as Elastic IP \(eip)"
            case let .internetGateway(nil, source):
                return "\(head): internet gateway, but \(source?.description ?? "the source") has no public address: dropped"
            case let .natGateway(publicIP): return "\(head): NAT gateway" + (publicIP.map { ", leaves as \($0)" } ?? "")
            case let .ipv6Internet(source, egressOnly):
                return "\(head): \(egressOnly ? "egress-only internet gateway (IPv6, stateful: replies return)" : "internet gateway")"
                    + ", leaves as \(source?.description ?? "its IPv6 address") (no NAT for IPv6)"
            case .egressOnlyIPv4:
                return "\(head): an egress-only internet gateway carries IPv6 only: dropped"
            }
        case .transitGatewaysNotRead:
            return "no transit gateway route tables in the bundle: not evaluated"
        case let .transitGatewayUnknown(transitGateway, why):
            return "\(transitGateway): \(why): not evaluated"
        case .transitGatewayNoAssociation(let attachment):
            return "attachment \(attachment) is associated with no transit gateway route table: dropped"
        case let .transitGatewayNoRoute(attachment, routeTable, destination):
            return "\(routeTable) (associated with \(attachment)): no route to \(destination): dropped"
        case .transitGatewayRoute(let hop):
            let head = "\(hop.routeTable) (associated with \(hop.attachment)): \(hop.destination?.description ?? "?")"
                + (hop.prefixList.map { " (prefix list \($0))" } ?? "") + (hop.type.map { " \($0)" } ?? "")
            if hop.blackhole { return head + " is a blackhole: dropped" }
            return head + " → " + (hop.nextAttachments.isEmpty ? "?" : hop.nextAttachments.joined(separator: ", "))
                + (hop.zones.map(TraceNote.zonesReason) ?? "")
        case let .transitGatewayZoneRestricted(attachment, zone, subnets):
            return "attachment \(attachment) has no subnet in \(zone) (its subnets: "
                + (subnets.isEmpty ? "none" : subnets.joined(separator: ", "))
                + "): the transit gateway never sees the packet: dropped"
        case .notReached:
            return "not reached"
        case .noFirewall(let target):
            return "route target \(target) leads to no configured firewall: not inspected"
        case let .firewallUnavailable(name, why):
            return "firewall \(name): \(why): not inspected"
        case let .firewallVerdict(firewall, interface):
            let line = firewall.line.map { "line \($0)" } ?? "implicit deny"
            return "firewall \(firewall.name) on \(interface) sees \(firewall.sourceSeen): access-list \(firewall.acl ?? "-") \(line) "
                + (firewall.action == .permit ? "permits" : "denies")
        case .perPath(let notes):
            return "\(notes.count) paths (one per gateway):"
        case let .verdict(verdict, summary):
            let head = verdict.rawValue.uppercased() + ": "
            switch summary {
            case .lostAt(let note): return head + note.reason
            case let .mixed(counts, paths):
                return head + counts.sorted { $0.key < $1.key }.map { "\($0.value) of \(paths) paths \($0.key.rawValue)" }
                    .joined(separator: ", ")
            case .permitted: return head + "permitted by the firewall"
            case .noFirewall: return head + "delivered, no firewall on the path"
            case .denied(let firewall): return head + "denied by firewall \(firewall)"
            case .dropped: return head + "lost before any firewall"
            }
        }
    }

    /// Further lines: candidates, selectors, the ACE that matched, one line per ECMP path.
    public var details: [String] {
        switch self {
        case let .sender(_, _, _, _, _, labels):
            guard !labels.isEmpty else { return [] }
            return ["labels: " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")]
        case let .selectorAnnotations(_, selection):
            return ["namespaceSelector: \(selection.namespaceSelector ?? "(client's namespace)")",
                    "selector: \(selection.selector ?? "(all pods)")"]
        case let .ecmp(_, chosen, _, _, _):
            return chosen.map { "\($0.namespace)/\($0.name) \($0.ip?.description ?? "-") on \($0.node ?? "-")" }
        case let .firewallVerdict(firewall, _):
            return firewall.ace.map { [$0] } ?? []
        case .perPath(let notes):
            return notes.map { "via \($0.gateway ?? "node"): \($0.note.reason)" }
        case .noRoute(_, _, let unread), .route(_, _, _, _, _, _, let unread):
            return unread.isEmpty ? [] : ["routes to prefix list\(unread.count == 1 ? "" : "s") "
                + "\(unread.joined(separator: ", ")) not evaluated: the entries are not in the bundle"]
        default:
            return []
        }
    }

    private static func group(_ id: String?, _ name: String?) -> String {
        "security group \(id ?? "?")" + (name.map { " (\($0))" } ?? "")
    }

    private static func aclRule(_ number: Int) -> String {
        number == 32767 ? "rule * (32767)" : "rule \(number)"
    }

    private static func ports(_ range: ClosedRange<Int>) -> String {
        range.count == 1 ? "port \(range.lowerBound)" : "ports \(range.lowerBound)-\(range.upperBound)"
    }

    private static func networkAclReason(_ acl: TraceNetworkAcl, packet: TracePacket, destination: IPAddress) -> String {
        let head = "\(acl.networkAclID)\(acl.isDefault ? " (default)" : "") of subnet \(acl.subnet): outbound "
            + "\(aclRule(acl.outboundRule)) "
        guard acl.outboundAction == .allow else { return head + "denies \(packet) to \(destination): dropped" }
        var text = head + "allows \(packet) to \(destination); "
        guard let number = acl.returnRule else { return text + "no return to check" }
        let wanted = acl.returnPorts.map { " to \(ports($0))" } ?? ""
        if acl.returnBlocked {
            text += "the return from \(destination)\(wanted) is denied by inbound \(aclRule(number)): dropped"
        } else if acl.returnDenied.isEmpty {
            text += "the return from \(destination)\(wanted) is allowed by inbound \(aclRule(number))"
        } else {
            let denied = acl.returnDenied.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
            text += "inbound \(aclRule(number)) denies the return from \(destination) to ports \(denied) of "
                + "\(acl.returnPorts.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "")"
                + ": connections from those source ports fail"
        }
        return text
    }

    private static func rule(_ index: Int, _ cidr: IPPrefix, _ description: String?) -> String {
        "rule #\(index) \(cidr)" + (description.map { " (\($0))" } ?? "")
    }

    /// The zone part of a transit gateway hop's line: the attachment ENI the packet enters by,
    /// the one it leaves by, and what appliance mode does to the return.
    static func zonesReason(_ zones: TraceTransitGateway.Zones) -> String {
        var text = "; enters in \(zones.availabilityZone) by the attachment ENI in \(zones.subnet ?? "?")"
        guard let next = zones.nextAttachment else { return text }
        if zones.nextApplianceMode == true {
            text += "; \(next) has appliance mode: a flow hash picks one ENI for both directions"
        } else {
            text += "; leaves by \(next) in \(zones.nextSubnet ?? "?") (\(zones.nextAvailabilityZone ?? "?"))"
            if zones.crossesAvailabilityZone { text += ", another zone (\(next) has no subnet in \(zones.availabilityZone))" }
            if zones.applianceModeRecommended {
                text += "; appliance mode is off on \(next): the return may come back through another zone's ENI, "
                    + "past a firewall that never saw the flow (asymmetric path)"
            }
        }
        return text
    }

    private static func lost(_ destination: IPPrefix?) -> String {
        destination.map { "packets to \($0) are dropped (unreachable), no fallback to a shorter rule" }
            ?? "packets are dropped (unreachable)"
    }
}

extension TraceNote.ConfigSummary {
    /// The summary of `config` under `support`, for a pod with `podAnnotations`.
    init(_ config: EffectiveEgressConfig, support: EgressIPSupport, podAnnotations: [String: String] = [:]) {
        let summary: Self
        switch config {
        case .policy(let policy, let origin): summary = .policy(policy.name, origin: origin)
        case .missingPolicy(let name, let origin): summary = .missingPolicy(name, origin: origin)
        case .selection(_, let origin): summary = .selection(origin: origin)
        case .none: summary = .none(disabled: support == .disabled)
        }
        let ignored = support == .enabledPerNamespace && !podAnnotations.isEmpty
            && EgressAnnotations(podAnnotations) != .none
        self = ignored ? .podAnnotationsIgnored(summary) : summary
    }

    var text: String {
        switch self {
        case let .policy(name, origin): return "policy \(name) from the \(origin.rawValue) annotation"
        case let .missingPolicy(name, origin): return "policy \(name) from the \(origin.rawValue) annotation (missing)"
        case .selection(let origin): return "gateway selector from the \(origin.rawValue) annotations"
        case .none(let disabled): return disabled ? "none (egressIPSupport Disabled)" : "none"
        case .podAnnotationsIgnored(let summary):
            return summary.text + " (the pod's own egress annotations are ignored: egressIPSupport is EnabledPerNamespace)"
        }
    }
}
