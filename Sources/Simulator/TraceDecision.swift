import Firewall
import Inventory
import LPM

/// What a trace decided at each step, held as references into the prepared Snapshot rather than
/// as text: the fast half of a trace. `Tracer.describe` turns it into the phases of a
/// `TraceResult`; deciding allocates almost nothing, so millions of decisions per second fit
/// in one thread.
public struct TraceDecision: Sendable {
    let sender: SenderInfo
    let egress: EgressStep
    /// The gateway step, when the packet goes through gateways (nil: it bypasses them).
    let gateway: GatewayStep?
    /// The first (often only) path; empty `otherPaths` for a single path. Variables so that
    /// describing a decision it owns can move them into the result rather than copy them.
    var firstPath: PathDecision?
    var otherPaths: [PathDecision]

    /// The packet's fate: the worst over its ECMP paths (drop > deny > allow).
    public let verdict: TraceVerdict

    /// The index of the policy rule chosen, if a rule applies.
    public var ruleIndex: Int? {
        switch egress {
        case .ruleChosen(_, let index), .ruleWithoutGateway(_, let index): return index
        default: return nil
        }
    }

    /// How many gateways carry the packet (ECMP members), zero when it bypasses them or is lost.
    public var gatewayCount: Int {
        guard let gateway, gateway.failure == nil else { return 0 }
        return gateway.chosen.count
    }

    /// The source address of the first path, as the VPC sees it.
    public var sourceIP: IPAddress? { firstPath?.source.path.sourceIP }

    /// Every path, first one first.
    var paths: [PathDecision] {
        guard let firstPath else { return [] }
        return [firstPath] + otherPaths
    }
}

/// The EGRESS-POLICY step.
enum EgressStep: Sendable {
    case noEgressConfig
    /// The destination is inside an IP pool (index into the pools table).
    case insidePool(Int)
    /// The destination is a node address (index into the node address table).
    case nodeDestination(Int)
    case missingPolicy(name: String, origin: EffectiveEgressConfig.Origin)
    case selectorAnnotations(origin: EffectiveEgressConfig.Origin, selection: EgressGatewaySelection)
    case noRuleCovers(PreparedPolicy)
    case ruleWithoutGateway(PreparedPolicy, Int)
    case ruleChosen(PreparedPolicy, Int)
}

/// The GATEWAY step: who the selection picks, who is ready, who carries the packet.
struct GatewayStep: Sendable {
    enum Failure: Sendable {
        case matchesNothing
        case noneReady
    }

    let candidates: [GatewayCandidate]
    let chosen: [GatewayCandidate]
    /// True when every candidate is ready.
    let allReady: Bool
    let preferenceOutcome: TraceNote.PreferenceOutcome
    let failure: Failure?
}

/// One ECMP path: its source, security groups, network ACL, the VPC route, the firewall.
struct PathDecision: Sendable {
    /// SECURITY-GROUP: the egress rules of the source ENI's groups.
    enum SecurityGroupStep: Sendable {
        /// No source address, or the bundle holds no security groups.
        case notEvaluated
        /// The source address is on no ENI the bundle knows (or the ENI has no groups listed).
        case unknownInterface
        /// The rule (index into the set's rules) that allows the packet.
        case allowed(PreparedSecurityGroupSet, rule: Int)
        /// No rule allows it: dropped.
        case noRuleAllows(PreparedSecurityGroupSet)
        /// No known rule allows it, but a group or prefix list is missing from the bundle.
        case undecided(PreparedSecurityGroupSet)
    }

    /// NETWORK-ACL: the source subnet's ACL, outbound then the return.
    enum NetworkAclStep: Sendable {
        /// No source address, the bundle holds no ACLs, or an earlier phase dropped the packet.
        case notEvaluated
        /// The subnet is unknown or has no ACL in the bundle.
        case unknownSubnet
        /// The outbound entry (index, nil for `*`) denies the packet.
        case outboundDenied(PreparedNetworkAcl, entry: Int?)
        /// The outbound entry allows it; what the inbound entries do with the return. Kept
        /// inline: the step lives in the `Steps` the paths share, so it is not copied per path.
        case evaluated(PreparedNetworkAcl, entry: Int, returnTraffic: NetworkAclReturn)
    }

    enum RouteStep: Sendable {
        /// An earlier phase dropped the packet.
        case notReached
        case sourceUnknown
        case noSubnet(IPAddress)
        case noRouteTable(String)
        case noRoute(PreparedRouteTable)
        case routed(PreparedRouteTable, PreparedRoute)
        /// The source has no address of the destination's family (IPv6 without an IPv6 source).
        case addressFamily(IPAddress)
    }

    /// TRANSIT-GATEWAY: the route table associated with the VPC's attachment.
    enum TransitGatewayStep: Sendable {
        /// The VPC route does not lead to a transit gateway (or was not taken).
        case notApplicable
        /// The bundle cannot tell (no TGW data, or not this attachment or table), or the
        /// attachment has no associated table.
        case hop(TransitGatewayHop)
        /// No route of the table covers the destination.
        indirect case noRoute(attachment: String, PreparedTransitGatewayRouteTable)
        indirect case routed(attachment: String, PreparedTransitGatewayRouteTable, PreparedTransitGatewayRoute,
                             zones: TransitGatewayZones?)
        /// The VPC's attachment has no subnet in the source's zone: the transit gateway never
        /// sees the packet (`TGW_ROUTE_AZ_RESTRICTION`).
        indirect case zoneRestricted(attachment: String, PreparedTransitGatewayRouteTable, TransitGatewayZones)
    }

    enum FirewallStep: Sendable {
        case notReached
        case routeNotEvaluated
        /// No firewall is placed at the target of the VPC route taken (the route step names it).
        case noFirewall
        case sourceUnknown(PreparedFirewall)
        case unavailable(PreparedFirewall)
        /// Boxed: a firewall verdict is large, and most paths meet no firewall.
        indirect case decided(PreparedFirewall, FirewallVerdict, seen: IPAddress)
    }

    /// The SECURITY-GROUP, NETWORK-ACL, VPC-ROUTE and TRANSIT-GATEWAY steps of a path, and the
    /// verdict they reach. One decision's ECMP paths leaving by the same subnet, groups and ACL
    /// share one `Steps` (`Key`), so a path holds two references (its source and its steps)
    /// rather than one per prepared object it met, and ten paths cost one evaluation.
    final class Steps: Sendable {
        let securityGroup: SecurityGroupStep
        let networkAcl: NetworkAclStep
        let route: RouteStep
        let transitGateway: TransitGatewayStep
        /// The firewall inspecting the transit gateway's route, if any.
        let transitGatewayFirewall: PreparedFirewall?
        /// Drop where one of these steps lost the packet, else allow (the path's own public
        /// address and the firewall decide the rest).
        let verdict: TraceVerdict
        /// False when a step names the path's own source address (no subnet holds it, or it is
        /// of the other family): such steps are not shared.
        let shareable: Bool

        init(securityGroup: SecurityGroupStep, networkAcl: NetworkAclStep, route: RouteStep,
             transitGateway: TransitGatewayStep, transitGatewayFirewall: PreparedFirewall?, verdict: TraceVerdict,
             shareable: Bool) {
            self.securityGroup = securityGroup
            self.networkAcl = networkAcl
            self.route = route
            self.transitGateway = transitGateway
            self.transitGatewayFirewall = transitGatewayFirewall
            self.verdict = verdict
            self.shareable = shareable
        }

        /// What the shared steps depend on in a source, for one query: whether it has an address
        /// and of which family, its security groups, network ACL, route table (by identity) and
        /// subnet. Two sources with equal keys get equal steps.
        struct Key: Equatable, Sendable {
            let family: IPFamily?
            let securityGroups: Filter
            let networkAcl: Filter
            let routeTable: ObjectIdentifier?
            let subnet: String?

            /// A `PreparedSource.Filter` by case and identity.
            enum Filter: Hashable, Sendable {
                case notRead
                case unknown
                case known(ObjectIdentifier)

                init<Prepared: AnyObject>(_ filter: PreparedSource.Filter<Prepared>) {
                    switch filter {
                    case .notRead: self = .notRead
                    case .unknown: self = .unknown
                    case .known(let prepared): self = .known(ObjectIdentifier(prepared))
                    }
                }
            }

            /// The key of a source with these parts (`PreparedSource` keeps its own, and the
            /// objects it names alive).
            init(sourceIP: IPAddress?, subnet: String?, securityGroups: PreparedSource.Filter<PreparedSecurityGroupSet>,
                 networkAcl: PreparedSource.Filter<PreparedNetworkAcl>, routeTable: PreparedRouteTable?) {
                family = sourceIP?.family
                self.securityGroups = Filter(securityGroups)
                self.networkAcl = Filter(networkAcl)
                self.routeTable = routeTable.map(ObjectIdentifier.init)
                self.subnet = subnet
            }
        }
    }

    let source: PreparedSource
    let steps: Steps
    let publicIP: IPAddress?
    let firewall: FirewallStep
    let verdict: TraceVerdict

    var securityGroup: SecurityGroupStep { steps.securityGroup }
    var networkAcl: NetworkAclStep { steps.networkAcl }
    var route: RouteStep { steps.route }
    var transitGateway: TransitGatewayStep { steps.transitGateway }
}

extension EgressStep {
    /// The gateway selection the step sends the packet to, if any.
    var selection: EgressGatewaySelection? {
        switch self {
        case .ruleChosen(let prepared, let index): return prepared.policy.rules[index].gateway
        case .selectorAnnotations(_, let selection): return selection
        default: return nil
        }
    }
}
