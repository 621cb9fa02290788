import Inventory
import LPM

/// How a packet leaves for the VPC (through a gateway, or straight from its pod or node), worked
/// out once: the path so far, the SOURCE phase, and what the VPC-ROUTE phase needs about it.
final class PreparedSource: Sendable {
    let path: TracePath
    /// The path's source address and subnet, kept here too: a trace reads them from every
    /// source it follows, and the path's own copy is one more object away.
    let sourceIP: IPAddress?
    let subnet: String?
    let phase: TracePhase
    /// The route table of the source's subnet (explicit association, else the VPC's main table).
    let routeTable: PreparedRouteTable?
    /// The Elastic IP bound to the source address, used past an internet gateway.
    let elasticIP: IPAddress?
    /// The security groups of the ENI holding the source address.
    let securityGroups: Filter<PreparedSecurityGroupSet>
    /// The network ACL of the source's subnet.
    let networkAcl: Filter<PreparedNetworkAcl>
    /// What the path steps up to the transit gateway depend on in this source, worked out once:
    /// ECMP paths whose sources have equal keys share those steps.
    let stepsKey: PathDecision.Steps.Key

    /// A security group set or network ACL as far as the bundle knows it.
    enum Filter<Prepared: Sendable>: Sendable {
        /// The bundle holds no objects of this kind: the phase is skipped.
        case notRead
        /// The bundle holds some, but none applies to this source (ENI or subnet unknown).
        case unknown
        case known(Prepared)
    }

    init(path: TracePath, phase: TracePhase, routeTable: PreparedRouteTable?, elasticIP: IPAddress?,
         securityGroups: Filter<PreparedSecurityGroupSet> = .notRead, networkAcl: Filter<PreparedNetworkAcl> = .notRead) {
        self.path = path
        sourceIP = path.sourceIP
        subnet = path.subnet
        self.phase = phase
        self.routeTable = routeTable
        self.elasticIP = elasticIP
        self.securityGroups = securityGroups
        self.networkAcl = networkAcl
        stepsKey = PathDecision.Steps.Key(sourceIP: path.sourceIP, subnet: path.subnet, securityGroups: securityGroups,
                                          networkAcl: networkAcl, routeTable: routeTable)
    }
}
