import Inventory
import LPM

/// The transit gateways of a Snapshot prepared once: every TGW route table, and for a VPC and a
/// transit gateway, the VPC's attachment and the route table associated with it.
struct PreparedTransitGateways: Sendable {
    private let read: Bool
    private let tables: [String: PreparedTransitGatewayRouteTable]
    private let attachments: [TransitGatewayAttachment]
    private let associations: [String: String]
    /// Attachments by ID, for the subnets and appliance mode of VPC attachments.
    private let attachmentsByID: [String: TransitGatewayAttachment]
    /// The availability zone of each subnet of the bundle.
    private let zoneBySubnet: [String: String]
    /// True when some attachment says which subnets it has (else the zone checks are skipped).
    private let zonesRead: Bool

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
        attachmentsByID = Dictionary(aws.transitGatewayAttachments.map { ($0.transitGatewayAttachmentID, $0) },
                                     uniquingKeysWith: { first, _ in first })
        var zones: [String: String] = [:]
        for subnet in aws.subnets { if let zone = subnet.availabilityZone { zones[subnet.subnetID] = zone } }
        zoneBySubnet = zones
        zonesRead = aws.transitGatewayAttachments.contains { $0.subnetIDs != nil }
    }

    /// Where a flow from `sourceSubnet` meets the VPC's attachment and leaves by `next`
    /// (docs/aws-path.md §5.1 and §5.6); nil when the bundle does not say (no `SubnetIds` of the
    /// attachment, or no zone of the source subnet): the checks are then skipped.
    func zones(attachment: String, sourceSubnet: String?, next: PreparedTransitGatewayRoute?) -> TransitGatewayZones? {
        guard zonesRead, let sourceSubnet, let zone = zoneBySubnet[sourceSubnet],
              let subnets = attachmentsByID[attachment]?.subnetIDs else { return nil }
        let entrySubnet = subnets.first { zoneBySubnet[$0] == zone }
        var exit: TransitGatewayZones.Exit?
        if let next, !next.isBlackhole {
            exit = next.attachmentIDs.lazy.compactMap { id -> TransitGatewayZones.Exit? in
                guard let attachment = self.attachmentsByID[id], let subnets = attachment.subnetIDs else { return nil }
                return self.exit(attachment, subnets: subnets, zone: zone, inspected: next.firewall != nil)
            }.first
        }
        return TransitGatewayZones(zone: zone, entrySubnet: entrySubnet,
                                   attachmentSubnets: subnets.map { .init(subnet: $0, zone: self.zoneBySubnet[$0]) },
                                   exit: exit)
    }

    private func exit(_ attachment: TransitGatewayAttachment, subnets: [String], zone: String,
                      inspected: Bool) -> TransitGatewayZones.Exit {
        let applianceMode = attachment.applianceModeEnabled ?? false
        let zones = Set(subnets.compactMap { zoneBySubnet[$0] })
        let sameZone = subnets.first { zoneBySubnet[$0] == zone }
        // Without appliance mode a flow keeps its zone when the attachment has a subnet there, else
        // it crosses; with it, a flow hash picks one ENI (for both directions), zone unknown.
        let subnet = applianceMode ? nil : (sameZone ?? subnets.first)
        return TransitGatewayZones.Exit(
            attachment: attachment.transitGatewayAttachmentID, applianceMode: applianceMode,
            subnet: subnet, zone: subnet.flatMap { zoneBySubnet[$0] },
            crossesZone: !applianceMode && sameZone == nil && !subnets.isEmpty,
            applianceModeRecommended: inspected && !applianceMode && zones.count > 1)
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
