import Inventory
import LPM

/// The transit gateways of a Snapshot prepared once: every TGW route table, and for a VPC and a
/// transit gateway, the VPC's attachment and the route table associated with it.
struct PreparedTransitGateways: Sendable {
    private let read: Bool
    private let tables: [String: PreparedTransitGatewayRouteTable]
    private let attachments: [TransitGatewayAttachment]
    private let associations: [String: String]

    init(snapshot: Snapshot, prefixListEntries: [String: [IPPrefix]], firewallByTarget: [String: PreparedFirewall]) {
        let aws = snapshot.aws
        read = !aws.transitGatewayRouteTables.isEmpty
        var routes: [String: [TransitGatewayRoute]] = [:]
        for route in aws.transitGatewayRoutes { routes[route.transitGatewayRouteTableID, default: []].append(route) }
        var tables: [String: PreparedTransitGatewayRouteTable] = [:]
        for table in aws.transitGatewayRouteTables {
            let id = table.transitGatewayRouteTableID
            tables[id] = PreparedTransitGatewayRouteTable(routeTableID: id, routes: routes[id] ?? [],
                                                          prefixListEntries: prefixListEntries,
                                                          firewallByTarget: firewallByTarget)
        }
        self.tables = tables
        attachments = aws.transitGatewayAttachments
        var associations: [String: String] = [:]
        for association in aws.transitGatewayRouteTableAssociations where association.state != "disassociated" {
            associations[association.transitGatewayAttachmentID] = association.transitGatewayRouteTableID
        }
        self.associations = associations
    }

    /// Where traffic from `vpc` to `transitGateway` is routed.
    func hop(transitGateway: String, vpc: String) -> TransitGatewayHop {
        guard read else { return .notRead }
        let candidates = attachments.filter {
            $0.resourceID == vpc && ($0.resourceType ?? "vpc") == "vpc"
                && ($0.transitGatewayID ?? transitGateway) == transitGateway && $0.state != "deleted"
        }
        guard let attachment = candidates.first(where: { $0.state == "available" }) ?? candidates.first else {
            return .noAttachment(transitGateway: transitGateway, vpc: vpc)
        }
        let id = attachment.transitGatewayAttachmentID
        guard let tableID = attachment.association?.transitGatewayRouteTableID ?? associations[id] else {
            return .noAssociation(attachment: id)
        }
        guard let table = tables[tableID] else { return .tableNotRead(attachment: id, routeTable: tableID) }
        return .table(attachment: id, table)
    }
}
