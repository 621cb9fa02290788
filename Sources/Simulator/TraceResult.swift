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
public struct TracePath: Hashable, Sendable {
    /// The gateway carrying it, nil when the packet bypasses the gateways.
    public var gateway: TraceGateway? {
        get { storage.gateway }
        set { mutableStorage().gateway = newValue }
    }
    /// The address the packet carries when it leaves the gateway or the node.
    public var sourceIP: IPAddress? {
        get { storage.sourceIP }
        set { mutableStorage().sourceIP = newValue }
    }
    /// The Elastic IP or NAT gateway address it carries past an internet or NAT gateway.
    public var publicIP: IPAddress? {
        get { storage.publicIP }
        set { mutableStorage().publicIP = newValue }
    }
    /// The subnet the packet leaves from.
    public var subnet: String? {
        get { storage.subnet }
        set { mutableStorage().subnet = newValue }
    }
    /// The ENI carrying the source address.
    public var networkInterface: String? {
        get { storage.networkInterface }
        set { mutableStorage().networkInterface = newValue }
    }
    /// The route it takes.
    public var route: TraceRoute? {
        get { storage.route }
        set { mutableStorage().route = newValue }
    }
    /// The firewall on the path, if one inspects it.
    public var firewall: TraceFirewall? {
        get { storage.firewall }
        set { mutableStorage().firewall = newValue }
    }
    /// The verdict on this path.
    public var verdict: TraceVerdict {
        get { storage.verdict }
        set { mutableStorage().verdict = newValue }
    }
    /// The security groups that passed or stopped it; nil when not evaluated.
    public var securityGroup: TraceSecurityGroup? {
        get { storage.securityGroup }
        set { mutableStorage().securityGroup = newValue }
    }
    /// The network ACL that passed or stopped it; nil when not evaluated.
    public var networkAcl: TraceNetworkAcl? {
        get { storage.networkAcl }
        set { mutableStorage().networkAcl = newValue }
    }
    /// The transit gateway route table and route it took; nil when it met no transit gateway
    /// the bundle describes.
    public var transitGateway: TraceTransitGateway? {
        get { storage.transitGateway }
        set { mutableStorage().transitGateway = newValue }
    }
    /// The Reachability Analyzer code of the phase that dropped the packet, when AWS has one.
    public var dropCode: ReachabilityCode? {
        get { storage.dropCode }
        set { mutableStorage().dropCode = newValue }
    }

    /// The fields, boxed: a path is copied into a trace result and its JSON and text forms, and
    /// the AWS phases made it several hundred bytes of strings and optionals; a copy is now one
    /// reference, and a change copies the box only when it is shared (copy-on-write).
    private final class Storage: @unchecked Sendable {
        var gateway: TraceGateway?
        var sourceIP: IPAddress?
        var publicIP: IPAddress?
        var subnet: String?
        var networkInterface: String?
        var route: TraceRoute?
        var firewall: TraceFirewall?
        var verdict: TraceVerdict
        var securityGroup: TraceSecurityGroup?
        var networkAcl: TraceNetworkAcl?
        var transitGateway: TraceTransitGateway?
        var dropCode: ReachabilityCode?

        init(gateway: TraceGateway?, sourceIP: IPAddress?, publicIP: IPAddress?, subnet: String?,
             networkInterface: String?, route: TraceRoute?, firewall: TraceFirewall?, verdict: TraceVerdict,
             securityGroup: TraceSecurityGroup?, networkAcl: TraceNetworkAcl?, transitGateway: TraceTransitGateway?,
             dropCode: ReachabilityCode?) {
            self.gateway = gateway
            self.sourceIP = sourceIP
            self.publicIP = publicIP
            self.subnet = subnet
            self.networkInterface = networkInterface
            self.route = route
            self.firewall = firewall
            self.verdict = verdict
            self.securityGroup = securityGroup
            self.networkAcl = networkAcl
            self.transitGateway = transitGateway
            self.dropCode = dropCode
        }

        func copy() -> Storage {
            Storage(gateway: gateway, sourceIP: sourceIP, publicIP: publicIP, subnet: subnet,
                    networkInterface: networkInterface, route: route, firewall: firewall, verdict: verdict,
                    securityGroup: securityGroup, networkAcl: networkAcl, transitGateway: transitGateway,
                    dropCode: dropCode)
        }
    }

    private var storage: Storage

    private mutating func mutableStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Creates a path.
    public init(gateway: TraceGateway? = nil, sourceIP: IPAddress? = nil, publicIP: IPAddress? = nil, subnet: String? = nil,
                networkInterface: String? = nil, route: TraceRoute? = nil, firewall: TraceFirewall? = nil,
                verdict: TraceVerdict, securityGroup: TraceSecurityGroup? = nil, networkAcl: TraceNetworkAcl? = nil,
                transitGateway: TraceTransitGateway? = nil, dropCode: ReachabilityCode? = nil) {
        storage = Storage(gateway: gateway, sourceIP: sourceIP, publicIP: publicIP, subnet: subnet,
                          networkInterface: networkInterface, route: route, firewall: firewall, verdict: verdict,
                          securityGroup: securityGroup, networkAcl: networkAcl, transitGateway: transitGateway,
                          dropCode: dropCode)
    }

    /// Equal when every field is.
    public static func == (lhs: TracePath, rhs: TracePath) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.gateway == rhs.gateway
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

public struct TraceResult: Hashable, Sendable {
    /// The overall verdict: the worst over the ECMP paths.
    public var verdict: TraceVerdict
    /// The phases in order, ending with RESULT.
    public var phases: [TracePhase]
    /// The sending pod, as `namespace/name` (or `namespace/<hypothetical>`).
    public var sender: String
    /// The sender's IP, when known.
    public var senderIP: IPAddress?
    /// The sender's node.
    public var senderNode: String?
    /// The policy that applies, nil when the configuration comes from selector annotations or none applies.
    public var policy: String?
    /// The chosen rule.
    public var rule: TraceRule?
    /// The gateways that can carry the packet (ready, after gatewayPreference).
    public var gateways: [TraceGateway]
    /// The rule's maxNextHops (0 = all).
    public var maxNextHops: Int?
    /// Every path the packet can take (one per ECMP gateway, or one without a gateway).
    public var paths: [TracePath]

    /// The source address on the first path.
    public var sourceIP: IPAddress? { paths.first?.sourceIP }
    /// The public address on the first path.
    public var publicIP: IPAddress? { paths.first?.publicIP }
    /// The route on the first path.
    public var route: TraceRoute? { paths.first?.route }
    /// The firewall verdict on the first path.
    public var firewall: TraceFirewall? { paths.first?.firewall }
}
