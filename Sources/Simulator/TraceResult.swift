import Firewall
import Inventory
import LPM

/// The outcome of a trace.
public enum TraceVerdict: String, Hashable, Sendable, Comparable {
    /// Delivered: a firewall permitted it, or no firewall is on the path.
    case allow
    /// A firewall denied it.
    case deny
    /// Lost before any firewall: no ready gateway, a policy named but missing, a blackhole or missing route.
    case drop

    private var severity: Int {
        switch self {
        case .allow: return 0
        case .deny: return 1
        case .drop: return 2
        }
    }

    /// Orders by severity: allow < deny < drop.
    public static func < (lhs: TraceVerdict, rhs: TraceVerdict) -> Bool { lhs.severity < rhs.severity }
}

/// The steps of a trace, in the order a packet takes them.
public enum TracePhaseName: String, Hashable, Sendable, CaseIterable {
    case pod = "POD"
    case egressPolicy = "EGRESS-POLICY"
    case gateway = "GATEWAY"
    case source = "SOURCE"
    /// The egress rules of the source ENI's security groups.
    case securityGroup = "SECURITY-GROUP"
    /// The source subnet's network ACL, outbound and for the return.
    case networkAcl = "NETWORK-ACL"
    case vpcRoute = "VPC-ROUTE"
    /// The transit gateway route table of the VPC's attachment (when the VPC route leads to one).
    case transitGateway = "TRANSIT-GATEWAY"
    case firewall = "FIREWALL"
    case result = "RESULT"
}

/// How a phase went.
public enum TracePhaseOutcome: String, Hashable, Sendable {
    /// The step passed the packet on.
    case ok
    /// The step passed the packet on, with something worth a look.
    case warn
    /// The step stopped the packet (or the firewall denied it).
    case fail
    /// The step does not apply to this packet (e.g. no gateway on its path).
    case skip
}

/// One phase of a trace: what happened and why, naming the objects involved.
public struct TracePhase: Hashable, Sendable {
    /// Which step.
    public var name: TracePhaseName
    /// How it went.
    public var outcome: TracePhaseOutcome
    /// What the step found, as values.
    public var note: TraceNote
    /// The AWS Reachability Analyzer explanation code that fits, when the step did not pass the
    /// packet cleanly and AWS has one.
    public var code: ReachabilityCode?

    /// Creates a phase.
    public init(_ name: TracePhaseName, _ outcome: TracePhaseOutcome, _ note: TraceNote, code: ReachabilityCode? = nil) {
        self.name = name
        self.outcome = outcome
        self.note = note
        self.code = code
    }

    /// One line: why, with object names a user can look up.
    public var reason: String { note.reason }
    /// Further lines (candidates, config lines that matched).
    public var details: [String] { note.details }
}

/// A gateway a traced packet can take.
public struct TraceGateway: Hashable, Sendable {
    /// Its namespace.
    public var namespace: String
    /// Its name.
    public var name: String
    /// Its pod IP.
    public var ip: IPAddress?
    /// Its node.
    public var node: String?
    /// Whether it is ready.
    public var ready: Bool
}

/// The rule an EgressGatewayPolicy lookup chose.
public struct TraceRule: Hashable, Sendable {
    /// The rule's index in the spec, from 0.
    public var index: Int
    /// Its destination (`0.0.0.0/0` for a rule without one).
    public var cidr: IPPrefix
    /// Its description.
    public var description: String?
}

/// The VPC route a traced packet takes.
public struct TraceRoute: Hashable, Sendable {
    /// The route table.
    public var table: String
    /// The route's destination.
    public var destination: IPPrefix
    /// Where it goes.
    public var target: RouteTarget
    /// True when the route is a blackhole.
    public var blackhole: Bool
}

/// The firewall verdict on a traced packet.
public struct TraceFirewall: Hashable, Sendable {
    /// The firewall's name from `gatewatch.yaml`.
    public var name: String
    /// The ACL that decided (for an implicit deny, the last one consulted).
    public var acl: String?
    /// The ACL line, nil for the implicit deny.
    public var line: Int?
    /// What the firewall did with the packet.
    public var action: FirewallVerdict.Action
    /// The ACE as configured, nil for the implicit deny.
    public var ace: String?
    /// True for the implicit deny at the end of the ACLs.
    public var implicit: Bool
    /// The source address the firewall saw.
    public var sourceSeen: IPAddress
    /// True when a time-ranged line decided and no time was given, so it was taken as active.
    public var timeRangeAssumedActive: Bool
}

/// One way out for a traced packet: a gateway (or the sender itself when it bypasses the
/// gateways), the source it leaves with, the route and the firewall on that path.
///
/// A small value: the source facts are one shared box worked out once per source (a gateway or
/// a sender), and the route, firewall, security group, network ACL and transit gateway are read
/// from what the trace decided (references into the prepared Snapshot) when someone asks for
/// them, so describing a trace copies no strings into its paths.
public struct TracePath: Hashable, Sendable {
    /// The gateway carrying it, nil when the packet bypasses the gateways.
    public var gateway: TraceGateway? {
        get { origin.gateway }
        set { mutableOrigin().gateway = newValue }
    }
    /// The address the packet carries when it leaves the gateway or the node.
    public var sourceIP: IPAddress? {
        get { origin.sourceIP }
        set { mutableOrigin().sourceIP = newValue }
    }
    /// The subnet the packet leaves from.
    public var subnet: String? {
        get { origin.subnet }
        set { mutableOrigin().subnet = newValue }
    }
    /// The ENI carrying the source address.
    public var networkInterface: String? {
        get { origin.networkInterface }
        set { mutableOrigin().networkInterface = newValue }
    }
    /// The Elastic IP or NAT gateway address it carries past an internet or NAT gateway.
    public var publicIP: IPAddress?
    /// The verdict on this path.
    public var verdict: TraceVerdict
    /// The Reachability Analyzer code of the phase that dropped the packet, when AWS has one.
    public var dropCode: ReachabilityCode?

    /// What the trace decided on this path, nil for a path still being prepared (a source).
    private var decided: PathDecision? { index < decisions.count ? decisions[index] : nil }

    /// The route it takes.
    public var route: TraceRoute? { decided?.tracedRoute }
    /// The firewall on the path, if one inspects it.
    public var firewall: TraceFirewall? { decided?.tracedFirewall }
    /// The security groups that passed or stopped it; nil when not evaluated.
    public var securityGroup: TraceSecurityGroup? { decided?.tracedSecurityGroup }
    /// The network ACL that passed or stopped it; nil when not evaluated.
    public var networkAcl: TraceNetworkAcl? { decided?.tracedNetworkAcl }
    /// The transit gateway route table and route it took; nil when it met no transit gateway
    /// the bundle describes.
    public var transitGateway: TraceTransitGateway? { decided?.tracedTransitGateway }

    /// The source facts, boxed and shared by every trace leaving from the same source.
    private final class Origin: @unchecked Sendable {
        var gateway: TraceGateway?
        var sourceIP: IPAddress?
        var subnet: String?
        var networkInterface: String?

        init(gateway: TraceGateway?, sourceIP: IPAddress?, subnet: String?, networkInterface: String?) {
            self.gateway = gateway
            self.sourceIP = sourceIP
            self.subnet = subnet
            self.networkInterface = networkInterface
        }

        func copy() -> Origin {
            Origin(gateway: gateway, sourceIP: sourceIP, subnet: subnet, networkInterface: networkInterface)
        }
    }

    private var origin: Origin
    /// What the trace decided on every path of its trace, shared by the trace's paths (one
    /// reference each), and which of them this path is.
    private let decisions: [PathDecision]
    private let index: Int

    private mutating func mutableOrigin() -> Origin {
        if !isKnownUniquelyReferenced(&origin) { origin = origin.copy() }
        return origin
    }

    /// Creates a path that leaves from a source, before anything is decided about it.
    public init(gateway: TraceGateway? = nil, sourceIP: IPAddress? = nil, publicIP: IPAddress? = nil, subnet: String? = nil,
                networkInterface: String? = nil, verdict: TraceVerdict, dropCode: ReachabilityCode? = nil) {
        origin = Origin(gateway: gateway, sourceIP: sourceIP, subnet: subnet, networkInterface: networkInterface)
        decisions = []
        index = 0
        self.publicIP = publicIP
        self.verdict = verdict
        self.dropCode = dropCode
    }

    /// The path `decision` (`decisions[index]`) took: its source's facts (shared, not copied)
    /// and what was decided.
    init(_ decision: PathDecision, _ index: Int, of decisions: [PathDecision]) {
        origin = decision.source.path.origin
        publicIP = decision.publicIP
        verdict = decision.verdict
        dropCode = nil
        self.decisions = decisions
        self.index = index
    }

    /// Equal when every field is.
    public static func == (lhs: TracePath, rhs: TracePath) -> Bool {
        lhs.gateway == rhs.gateway
            && lhs.sourceIP == rhs.sourceIP
            && lhs.publicIP == rhs.publicIP
            && lhs.subnet == rhs.subnet
            && lhs.networkInterface == rhs.networkInterface
            && lhs.route == rhs.route
            && lhs.firewall == rhs.firewall
            && lhs.verdict == rhs.verdict
            && lhs.securityGroup == rhs.securityGroup
            && lhs.networkAcl == rhs.networkAcl
            && lhs.transitGateway == rhs.transitGateway
            && lhs.dropCode == rhs.dropCode
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(gateway)
        hasher.combine(sourceIP)
        hasher.combine(publicIP)
        hasher.combine(subnet)
        hasher.combine(networkInterface)
        hasher.combine(route)
        hasher.combine(firewall)
        hasher.combine(verdict)
        hasher.combine(securityGroup)
        hasher.combine(networkAcl)
        hasher.combine(transitGateway)
        hasher.combine(dropCode)
    }
}

/// A described trace: its verdict, phases and paths, and the summary fields a user reads first.
///
/// Every field is read from the trace's decision when asked for (references into the prepared
/// Snapshot), so describing a trace copies no names into its result.
public struct TraceResult: Hashable, Sendable {
    /// Unchecked: a `DescribedTrace` is not changed once its trace is described (ManagedBuffer
    /// itself cannot conform).
    private struct Described: @unchecked Sendable {
        let trace: DescribedTrace
    }

    private let described: Described

    /// The overall verdict: the worst over the ECMP paths.
    public let verdict: TraceVerdict

    init(_ described: DescribedTrace, verdict: TraceVerdict) {
        self.described = Described(trace: described)
        self.verdict = verdict
    }

    private var trace: DescribedTrace { described.trace }

    /// The phases in order, ending with RESULT; each phase's note is built when it is read.
    public var phases: TracePhaseList { TracePhaseList(trace) }
    /// The sending pod, as `namespace/name` (or `namespace/<hypothetical>`).
    public var sender: String { trace.decision { $0.sender.label } }
    /// The sender's IP, when known.
    public var senderIP: IPAddress? { trace.decision { $0.sender.pod.podIP } }
    /// The sender's node.
    public var senderNode: String? { trace.decision { $0.sender.nodeName } }
    /// The policy that applies, nil when the configuration comes from selector annotations or none applies.
    public var policy: String? {
        trace.decision { decision in
            switch decision.egress {
            case .noRuleCovers(let prepared), .ruleWithoutGateway(let prepared, _), .ruleChosen(let prepared, _):
                return prepared.policy.name
            default:
                return nil
            }
        }
    }
    /// The chosen rule.
    public var rule: TraceRule? {
        trace.decision { decision in
            switch decision.egress {
            case .ruleWithoutGateway(let prepared, let index), .ruleChosen(let prepared, let index):
                return TraceRule(index: index, cidr: prepared.policy.rules[index].effectiveDestination,
                                 description: prepared.policy.rules[index].description)
            default:
                return nil
            }
        }
    }
    /// The gateways that can carry the packet (ready, after gatewayPreference).
    public var gateways: TraceGatewayList {
        trace.decision { decision in
            guard let gateway = decision.gateway, gateway.failure == nil, decision.egress.selection != nil else {
                return TraceGatewayList()
            }
            return TraceGatewayList(gateway.chosen)
        }
    }
    /// The rule's maxNextHops (0 = all), when the packet meets a gateway step.
    public var maxNextHops: Int? {
        trace.decision { decision in decision.gateway == nil ? nil : decision.egress.selection?.maxNextHops }
    }
    /// Every path the packet can take (one per ECMP gateway, or one without a gateway).
    public var paths: TracePathList { TracePathList(trace) }

    /// The source address on the first path.
    public var sourceIP: IPAddress? { paths.first?.sourceIP }
    /// The public address on the first path.
    public var publicIP: IPAddress? { paths.first?.publicIP }
    /// The route on the first path.
    public var route: TraceRoute? { paths.first?.route }
    /// The firewall verdict on the first path.
    public var firewall: TraceFirewall? { paths.first?.firewall }

    /// Equal when every field is: the same described trace, or equal verdicts, phases, summary
    /// fields and paths.
    public static func == (lhs: TraceResult, rhs: TraceResult) -> Bool {
        if lhs.trace === rhs.trace { return true }
        return lhs.verdict == rhs.verdict && lhs.sender == rhs.sender && lhs.senderIP == rhs.senderIP
            && lhs.senderNode == rhs.senderNode && lhs.policy == rhs.policy && lhs.rule == rhs.rule
            && lhs.gateways == rhs.gateways && lhs.maxNextHops == rhs.maxNextHops && lhs.phases == rhs.phases
            && lhs.paths == rhs.paths
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(verdict)
        hasher.combine(phases)
        hasher.combine(sender)
        hasher.combine(senderIP)
        hasher.combine(senderNode)
        hasher.combine(policy)
        hasher.combine(rule)
        hasher.combine(gateways)
        hasher.combine(maxNextHops)
        hasher.combine(paths)
    }
}
