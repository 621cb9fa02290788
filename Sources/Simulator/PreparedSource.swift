import Inventory
import LPM

/// How a packet leaves for the VPC (through a gateway, or straight from its pod or node), worked
/// out once: the path so far, the SOURCE phase, and what the VPC-ROUTE phase needs about it.
final class PreparedSource: Sendable {
    let path: TracePath
    let phase: TracePhase
    /// The route table of the source's subnet (explicit association, else the VPC's main table).
    let routeTable: PreparedRouteTable?
    /// The Elastic IP bound to the source address, used past an internet gateway.
    let elasticIP: IPAddress?

    init(path: TracePath, phase: TracePhase, routeTable: PreparedRouteTable?, elasticIP: IPAddress?) {
        self.path = path
        self.phase = phase
        self.routeTable = routeTable
        self.elasticIP = elasticIP
    }
}
