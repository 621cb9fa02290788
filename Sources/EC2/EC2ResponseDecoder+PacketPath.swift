import Inventory
import LPM

/// XML decoding of the packet-path operations: security groups, network ACLs, managed prefix
/// lists, VPC endpoints, transit gateways, egress-only internet gateways and instance types.
extension EC2ResponseDecoder {
    /// DescribeSecurityGroups → `securityGroupInfo`.
    static func securityGroups(_ root: XMLNode) throws(EC2Error) -> Page<SecurityGroup> {
        let operation = "DescribeSecurityGroups"
        var out: [SecurityGroup] = []
        for item in root.items("securityGroupInfo") {
            out.append(SecurityGroup(
                groupID: try required(item, "groupId", operation), groupName: item.string("groupName"),
                description: item.string("groupDescription"), vpcID: item.string("vpcId"), ownerID: item.string("ownerId"),
                ingress: try item.items("ipPermissions").map { (rule) throws(EC2Error) in try permission(rule, operation) },
                egress: try item.items("ipPermissionsEgress").map { (rule) throws(EC2Error) in try permission(rule, operation) },
                tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    private static func permission(_ item: XMLNode, _ operation: String) throws(EC2Error) -> IpPermission {
        let ipProtocol = try required(item, "ipProtocol", operation)
        guard ProtocolPorts.isValidProtocol(ipProtocol) else {
            throw .malformedResponse(operation: operation, detail: "ipProtocol \"\(ipProtocol.prefix(32))\" is not a protocol")
        }
        var v4: [IpPermission.IpRange] = []
        for range in item.items("ipRanges") {
            v4.append(.init(cidr: try canonicalPrefix(range, "cidrIp", operation), description: range.string("description")))
        }
        var v6: [IpPermission.IpRange] = []
        for range in item.items("ipv6Ranges") {
            v6.append(.init(cidr: try canonicalPrefix(range, "cidrIpv6", operation), description: range.string("description")))
        }
        var lists: [IpPermission.PrefixListReference] = []
        for list in item.items("prefixListIds") {
            lists.append(.init(prefixListID: try required(list, "prefixListId", operation), description: list.string("description")))
        }
        let pairs = item.items("groups").map { pair in
            IpPermission.UserIdGroupPair(groupID: pair.string("groupId"), groupName: pair.string("groupName"),
                                         userID: pair.string("userId"), vpcID: pair.string("vpcId"),
                                         vpcPeeringConnectionID: pair.string("vpcPeeringConnectionId"),
                                         peeringStatus: pair.string("peeringStatus"), description: pair.string("description"))
        }
        return IpPermission(ipProtocol: ipProtocol, fromPort: try integer(item, "fromPort", operation),
                            toPort: try integer(item, "toPort", operation), ipRanges: v4, ipv6Ranges: v6,
                            prefixListIDs: lists, userIDGroupPairs: pairs)
    }

    /// DescribeNetworkAcls → `networkAclSet`.
    static func networkAcls(_ root: XMLNode) throws(EC2Error) -> Page<NetworkAcl> {
        let operation = "DescribeNetworkAcls"
        var out: [NetworkAcl] = []
        for item in root.items("networkAclSet") {
            var associations: [NetworkAcl.Association] = []
            for association in item.items("associationSet") {
                associations.append(.init(associationID: association.string("networkAclAssociationId"),
                                          subnetID: try required(association, "subnetId", operation)))
            }
            var entries: [NetworkAclEntry] = []
            for entry in item.items("entrySet") {
                entries.append(try networkAclEntry(entry, operation))
            }
            out.append(NetworkAcl(networkAclID: try required(item, "networkAclId", operation),
                                  vpcID: try required(item, "vpcId", operation), isDefault: item.string("default") == "true",
                                  associations: associations, entries: entries, ownerID: item.string("ownerId"),
                                  tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    private static func networkAclEntry(_ entry: XMLNode, _ operation: String) throws(EC2Error) -> NetworkAclEntry {
        guard let ruleNumber = try integer(entry, "ruleNumber", operation) else {
            throw .malformedResponse(operation: operation, detail: "an entry without ruleNumber")
        }
        let actionText = try required(entry, "ruleAction", operation)
        guard let action = NetworkAclEntry.Action(rawValue: actionText) else {
            throw .malformedResponse(operation: operation, detail: "ruleAction \"\(actionText.prefix(32))\" is not allow or deny")
        }
        let protocolText = try required(entry, "protocol", operation)
        guard ProtocolPorts.isValidProtocol(protocolText) else {
            throw .malformedResponse(operation: operation, detail: "protocol \"\(protocolText.prefix(32))\" is not a protocol")
        }
        var cidr = try optionalCanonicalPrefix(entry, "cidrBlock", operation)
        if cidr == nil { cidr = try optionalCanonicalPrefix(entry, "ipv6CidrBlock", operation) }
        var ports: ClosedRange<Int>?
        if let range = entry.child("portRange"), let from = try integer(range, "from", operation) {
            let to = try integer(range, "to", operation) ?? from
            guard to >= from else {
                throw .malformedResponse(operation: operation, detail: "portRange \(from)-\(to) is reversed")
            }
            ports = from...to
        }
        let icmp = entry.child("icmpTypeCode")
        let icmpType = try icmp.flatMap { (node) throws(EC2Error) in try integer(node, "type", operation) }
        let icmpCode = try icmp.flatMap { (node) throws(EC2Error) in try integer(node, "code", operation) }
        if let problem = NetworkAclEntry.problem(ruleNumber: ruleNumber, portRange: ports, icmpType: icmpType, icmpCode: icmpCode) {
            throw .malformedResponse(operation: operation, detail: "an entry: \(problem)")
        }
        return NetworkAclEntry(ruleNumber: ruleNumber, egress: entry.string("egress") == "true", ruleAction: action,
                               protocol: protocolText, cidr: cidr, portRange: ports, icmpType: icmpType, icmpCode: icmpCode)
    }

    /// DescribeManagedPrefixLists → `prefixListSet`.
    static func managedPrefixLists(_ root: XMLNode) throws(EC2Error) -> Page<ManagedPrefixList> {
        let operation = "DescribeManagedPrefixLists"
        var out: [ManagedPrefixList] = []
        for item in root.items("prefixListSet") {
            out.append(ManagedPrefixList(
                prefixListID: try required(item, "prefixListId", operation), prefixListName: item.string("prefixListName"),
                addressFamily: item.string("addressFamily"), state: item.string("state"),
                maxEntries: try integer(item, "maxEntries", operation), version: try integer(item, "version", operation),
                ownerID: item.string("ownerId"), tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// GetManagedPrefixListEntries → `entrySet`, for the list that was asked for (the reply does not name it).
    static func prefixListEntries(of prefixListID: String) -> (XMLNode) throws(EC2Error) -> Page<PrefixListEntry> {
        { (root) throws(EC2Error) in
            var out: [PrefixListEntry] = []
            for item in root.items("entrySet") {
                out.append(PrefixListEntry(prefixListID: prefixListID,
                                           cidr: try canonicalPrefix(item, "cidr", "GetManagedPrefixListEntries"),
                                           description: item.string("description")))
            }
            return Page(items: out, nextToken: nextToken(root))
        }
    }

    /// DescribeVpcEndpoints → `vpcEndpointSet`.
    static func vpcEndpoints(_ root: XMLNode) throws(EC2Error) -> Page<VpcEndpoint> {
        let operation = "DescribeVpcEndpoints"
        var out: [VpcEndpoint] = []
        for item in root.items("vpcEndpointSet") {
            out.append(VpcEndpoint(
                vpcEndpointID: try required(item, "vpcEndpointId", operation), vpcEndpointType: item.string("vpcEndpointType"),
                vpcID: item.string("vpcId"), serviceName: item.string("serviceName"), state: item.string("state"),
                routeTableIDs: texts(item, "routeTableIdSet"), subnetIDs: texts(item, "subnetIdSet"),
                groupIDs: item.items("groupSet").compactMap { $0.string("groupId") },
                networkInterfaceIDs: texts(item, "networkInterfaceIdSet"), tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeEgressOnlyInternetGateways → `egressOnlyInternetGatewaySet`.
    static func egressOnlyInternetGateways(_ root: XMLNode) throws(EC2Error) -> Page<EgressOnlyInternetGateway> {
        let operation = "DescribeEgressOnlyInternetGateways"
        var out: [EgressOnlyInternetGateway] = []
        for item in root.items("egressOnlyInternetGatewaySet") {
            var attachments: [EgressOnlyInternetGateway.Attachment] = []
            for attachment in item.items("attachmentSet") {
                attachments.append(.init(vpcID: try required(attachment, "vpcId", operation), state: attachment.string("state")))
            }
            out.append(EgressOnlyInternetGateway(
                egressOnlyInternetGatewayID: try required(item, "egressOnlyInternetGatewayId", operation),
                attachments: attachments, tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeTransitGatewayAttachments → `transitGatewayAttachments`.
    static func transitGatewayAttachments(_ root: XMLNode) throws(EC2Error) -> Page<TransitGatewayAttachment> {
        let operation = "DescribeTransitGatewayAttachments"
        var out: [TransitGatewayAttachment] = []
        for item in root.items("transitGatewayAttachments") {
            let association = try item.child("association").flatMap { (node) throws(EC2Error) in
                TransitGatewayAttachment.Association(
                    transitGatewayRouteTableID: try required(node, "transitGatewayRouteTableId", operation),
                    state: node.string("state"))
            }
            out.append(TransitGatewayAttachment(
                transitGatewayAttachmentID: try required(item, "transitGatewayAttachmentId", operation),
                transitGatewayID: item.string("transitGatewayId"), resourceType: item.string("resourceType"),
                resourceID: item.string("resourceId"), resourceOwnerID: item.string("resourceOwnerId"),
                state: item.string("state"), association: association, tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeTransitGatewayVpcAttachments → `transitGatewayVpcAttachments`.
    static func transitGatewayVpcAttachments(_ root: XMLNode) throws(EC2Error) -> Page<TransitGatewayAttachment> {
        let operation = "DescribeTransitGatewayVpcAttachments"
        var out: [TransitGatewayAttachment] = []
        for item in root.items("transitGatewayVpcAttachments") {
            let vpcID = item.string("vpcId")
            out.append(TransitGatewayAttachment(
                transitGatewayAttachmentID: try required(item, "transitGatewayAttachmentId", operation),
                transitGatewayID: item.string("transitGatewayId"), resourceType: vpcID == nil ? nil : "vpc",
                resourceID: vpcID, resourceOwnerID: item.string("vpcOwnerId"), state: item.string("state"),
                tags: tags(item),
                subnetIDs: item.items("subnetIds").compactMap(\.nonEmptyText),
                applianceModeSupport: item.child("options")?.string("applianceModeSupport")))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// DescribeTransitGatewayRouteTables → `transitGatewayRouteTables`.
    static func transitGatewayRouteTables(_ root: XMLNode) throws(EC2Error) -> Page<TransitGatewayRouteTable> {
        let operation = "DescribeTransitGatewayRouteTables"
        var out: [TransitGatewayRouteTable] = []
        for item in root.items("transitGatewayRouteTables") {
            out.append(TransitGatewayRouteTable(
                transitGatewayRouteTableID: try required(item, "transitGatewayRouteTableId", operation),
                transitGatewayID: item.string("transitGatewayId"), state: item.string("state"),
                defaultAssociationRouteTable: item.string("defaultAssociationRouteTable") == "true",
                defaultPropagationRouteTable: item.string("defaultPropagationRouteTable") == "true", tags: tags(item)))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    /// GetTransitGatewayRouteTableAssociations → `associations`, for the table that was asked for.
    static func transitGatewayRouteTableAssociations(of routeTableID: String)
        -> (XMLNode) throws(EC2Error) -> Page<TransitGatewayRouteTableAssociation> {
        { (root) throws(EC2Error) in
            var out: [TransitGatewayRouteTableAssociation] = []
            for item in root.items("associations") {
                out.append(TransitGatewayRouteTableAssociation(
                    transitGatewayRouteTableID: routeTableID,
                    transitGatewayAttachmentID: try required(item, "transitGatewayAttachmentId",
                                                             "GetTransitGatewayRouteTableAssociations"),
                    resourceID: item.string("resourceId"), resourceType: item.string("resourceType"),
                    state: item.string("state")))
            }
            return Page(items: out, nextToken: nextToken(root))
        }
    }

    /// SearchTransitGatewayRoutes → `routeSet` for the table that was asked for, and whether the
    /// reply was cut short (`additionalRoutesAvailable`; the call has no pagination).
    static func transitGatewayRoutes(_ root: XMLNode, routeTableID: String) throws(EC2Error)
        -> (routes: [TransitGatewayRoute], truncated: Bool) {
        let operation = "SearchTransitGatewayRoutes"
        var out: [TransitGatewayRoute] = []
        for item in root.items("routeSet") {
            let destination = try optionalPrefix(item, "destinationCidrBlock", operation)
            let prefixListID = item.string("prefixListId")
            guard destination != nil || prefixListID != nil else {
                throw .malformedResponse(operation: operation, detail: "a route without destinationCidrBlock or prefixListId")
            }
            let attachments = item.items("transitGatewayAttachments").map { attachment in
                TransitGatewayRoute.Attachment(transitGatewayAttachmentID: attachment.string("transitGatewayAttachmentId"),
                                               resourceID: attachment.string("resourceId"),
                                               resourceType: attachment.string("resourceType"))
            }
            out.append(TransitGatewayRoute(transitGatewayRouteTableID: routeTableID, destination: destination,
                                           prefixListID: prefixListID, type: item.string("type"),
                                           state: item.string("state"), attachments: attachments))
        }
        return (out, root.string("additionalRoutesAvailable") == "true")
    }

    /// DescribeInstanceTypes → `instanceTypeSet`.
    static func instanceTypes(_ root: XMLNode) throws(EC2Error) -> Page<InstanceTypeInfo> {
        let operation = "DescribeInstanceTypes"
        var out: [InstanceTypeInfo] = []
        for item in root.items("instanceTypeSet") {
            let info = try item.child("networkInfo").flatMap { (node) throws(EC2Error) in
                var cards: [InstanceTypeInfo.NetworkInfo.NetworkCard] = []
                for card in node.items("networkCards") {
                    guard let index = try integer(card, "networkCardIndex", operation) else { continue }
                    cards.append(.init(networkCardIndex: index,
                                       maximumNetworkInterfaces: try integer(card, "maximumNetworkInterfaces", operation)))
                }
                return InstanceTypeInfo.NetworkInfo(
                    maximumNetworkInterfaces: try integer(node, "maximumNetworkInterfaces", operation),
                    maximumNetworkCards: try integer(node, "maximumNetworkCards", operation),
                    defaultNetworkCardIndex: try integer(node, "defaultNetworkCardIndex", operation),
                    networkCards: cards,
                    ipv4AddressesPerInterface: try integer(node, "ipv4AddressesPerInterface", operation),
                    ipv6AddressesPerInterface: try integer(node, "ipv6AddressesPerInterface", operation),
                    ipv6Supported: node.string("ipv6Supported").map { $0 == "true" })
            }
            out.append(InstanceTypeInfo(instanceType: try required(item, "instanceType", operation), networkInfo: info))
        }
        return Page(items: out, nextToken: nextToken(root))
    }

    // MARK: Fields

    /// The texts of a set of plain `<item>value</item>` elements.
    private static func texts(_ item: XMLNode, _ setName: String) -> [String] {
        item.items(setName).compactMap(\.nonEmptyText)
    }

    private static func integer(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> Int? {
        guard let text = item.string(name) else { return nil }
        guard let value = Int(text) else {
            throw .malformedResponse(operation: operation, detail: "\(name) \"\(text.prefix(32))\" is not an integer")
        }
        return value
    }

    /// A rule CIDR, host bits masked as EC2 canonicalises them (moto keeps them).
    private static func optionalCanonicalPrefix(_ item: XMLNode, _ name: String, _ operation: String)
        throws(EC2Error) -> IPPrefix? {
        guard let text = item.string(name) else { return nil }
        do { return try IPPrefix.parseLenient(text).prefix } catch {
            throw .malformedResponse(operation: operation, detail: "\(name) \"\(text.prefix(64))\" is not a CIDR: \(error)")
        }
    }

    private static func canonicalPrefix(_ item: XMLNode, _ name: String, _ operation: String) throws(EC2Error) -> IPPrefix {
        guard let value = try optionalCanonicalPrefix(item, name, operation) else {
            throw .malformedResponse(operation: operation, detail: "an item without \(name)")
        }
        return value
    }
}
