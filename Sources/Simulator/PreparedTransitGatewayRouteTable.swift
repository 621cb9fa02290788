import Inventory
import LPM

/// A transit gateway route table prepared for tracing: its routes in a prefix table (a
/// prefix-list reference through one entry per CIDR of the list), with AWS's priority for equal
/// prefixes: static, then prefix-list reference, then propagated (docs/aws-path.md §5).
final class PreparedTransitGatewayRouteTable: Sendable {
    /// `tgw-rtb-…`.
    let routeTableID: String
    let routes: CompiledPrefixTable<PreparedTransitGatewayRoute>

    init(routeTableID: String, routes: [TransitGatewayRoute], prefixListEntries: [String: [IPPrefix]],
         firewallByTarget: [String: PreparedFirewall]) {
        self.routeTableID = routeTableID
        var table = PrefixTable<PreparedTransitGatewayRoute>()
        for route in routes {
            let destinations = route.destination.map { [$0] } ?? route.prefixListID.flatMap { prefixListEntries[$0] } ?? []
            for destination in destinations {
                let candidate = PreparedTransitGatewayRoute(route: route, destination: destination,
                                                            firewallByTarget: firewallByTarget)
                if let held = table[destination], held.priority <= candidate.priority { continue }
                table.insert(candidate, for: destination)
            }
        }
        self.routes = table.compiled()
    }
}

/// One transit gateway route, with the firewall placed at the attachment it leads to.
final class PreparedTransitGatewayRoute: Sendable {
    let route: TransitGatewayRoute
    /// The destination matched: the route's CIDR, or one entry of its prefix list.
    let destination: IPPrefix
    /// The first next-hop attachment a firewall placement lists in `targets`.
    let firewall: PreparedFirewall?
    /// The next-hop attachments (several are ECMP).
    let attachmentIDs: [String]
    /// True when the route is a blackhole.
    let isBlackhole: Bool

    init(route: TransitGatewayRoute, destination: IPPrefix, firewallByTarget: [String: PreparedFirewall]) {
        self.route = route
        isBlackhole = route.isBlackhole
        self.destination = destination
        attachmentIDs = route.attachments.compactMap(\.transitGatewayAttachmentID)
        firewall = attachmentIDs.lazy.compactMap { firewallByTarget[$0] }.first
    }

    /// AWS's order for equal prefixes: static 0, prefix-list reference 1, propagated 2.
    var priority: Int {
        if route.type == "propagated" { return 2 }
        return route.prefixListID == nil ? 0 : 1
    }
}

/// Where a VPC route to a transit gateway leads inside the transit gateway, worked out once per
/// VPC route: the VPC's attachment and the route table associated with it.
/// Boxed (`indirect`): made once per route when a Snapshot is prepared, then only referenced by
/// the decisions of the paths that take the route.
indirect enum TransitGatewayHop: Sendable {
    /// The bundle holds no transit gateway route tables.
    case notRead
    /// No attachment of the VPC to this transit gateway is in the bundle.
    case noAttachment(transitGateway: String, vpc: String)
    /// The attachment is associated with no route table.
    case noAssociation(attachment: String)
    /// The associated route table is not in the bundle.
    case tableNotRead(attachment: String, routeTable: String)
    /// The attachment and its route table.
    case table(attachment: String, PreparedTransitGatewayRouteTable)
}
