import LPM

/// The packet-path resources (security groups, network ACLs, prefix lists, endpoints, transit
/// gateways, egress-only IGWs, instance types), written back as `aws ec2 … --output json` prints them.
extension AWSJSON {
    static func securityGroup(_ group: SecurityGroup) -> JSONValue {
        .fields([
            ("GroupId", .string(group.groupID)),
            ("GroupName", .text(group.groupName)),
            ("Description", .text(group.description)),
            ("VpcId", .text(group.vpcID)),
            ("OwnerId", .text(group.ownerID)),
            ("IpPermissions", .array(group.ingress.map(permission))),
            ("IpPermissionsEgress", .array(group.egress.map(permission))),
            ("Tags", tags(group.tags)),
        ])
    }

    private static func permission(_ rule: IpPermission) -> JSONValue {
        .fields([
            ("IpProtocol", .string(rule.ipProtocol)),
            ("FromPort", rule.fromPort.map { .int($0) }),
            ("ToPort", rule.toPort.map { .int($0) }),
            ("IpRanges", .array(rule.ipRanges.map {
                .fields([("CidrIp", .string($0.cidr.description)), ("Description", .text($0.description))])
            })),
            ("Ipv6Ranges", .array(rule.ipv6Ranges.map {
                .fields([("CidrIpv6", .string($0.cidr.description)), ("Description", .text($0.description))])
            })),
            ("PrefixListIds", .array(rule.prefixListIDs.map {
                .fields([("PrefixListId", .string($0.prefixListID)), ("Description", .text($0.description))])
            })),
            ("UserIdGroupPairs", .array(rule.userIDGroupPairs.map { pair in
                .fields([("GroupId", .text(pair.groupID)), ("GroupName", .text(pair.groupName)),
                         ("UserId", .text(pair.userID)), ("VpcId", .text(pair.vpcID)),
                         ("VpcPeeringConnectionId", .text(pair.vpcPeeringConnectionID)),
                         ("PeeringStatus", .text(pair.peeringStatus)), ("Description", .text(pair.description))])
            })),
        ])
    }

    static func networkAcl(_ acl: NetworkAcl) -> JSONValue {
        .fields([
            ("NetworkAclId", .string(acl.networkAclID)),
            ("VpcId", .string(acl.vpcID)),
            ("IsDefault", .bool(acl.isDefault)),
            ("OwnerId", .text(acl.ownerID)),
            ("Associations", .array(acl.associations.map {
                .fields([("NetworkAclAssociationId", .text($0.associationID)), ("NetworkAclId", .string(acl.networkAclID)),
                         ("SubnetId", .string($0.subnetID))])
            })),
            ("Entries", .array(acl.entries.map(networkAclEntry))),
            ("Tags", tags(acl.tags)),
        ])
    }

    private static func networkAclEntry(_ entry: NetworkAclEntry) -> JSONValue {
        var members: [(String, JSONValue?)] = [
            ("RuleNumber", .int(entry.ruleNumber)),
            ("Egress", .bool(entry.egress)),
            ("RuleAction", .string(entry.ruleAction.rawValue)),
            ("Protocol", .string(entry.protocol)),
        ]
        if let cidr = entry.cidr {
            members.append((cidr.family == .v4 ? "CidrBlock" : "Ipv6CidrBlock", .string(cidr.description)))
        }
        if let ports = entry.portRange {
            members.append(("PortRange", .object([("From", .int(ports.lowerBound)), ("To", .int(ports.upperBound))])))
        }
        if entry.icmpType != nil || entry.icmpCode != nil {
            members.append(("IcmpTypeCode", .fields([("Type", entry.icmpType.map { .int($0) }),
                                                     ("Code", entry.icmpCode.map { .int($0) })])))
        }
        return .fields(members)
    }

    static func managedPrefixList(_ list: ManagedPrefixList) -> JSONValue {
        .fields([
            ("PrefixListId", .string(list.prefixListID)),
            ("PrefixListName", .text(list.prefixListName)),
            ("AddressFamily", .text(list.addressFamily)),
            ("State", .text(list.state)),
            ("MaxEntries", list.maxEntries.map { .int($0) }),
            ("Version", list.version.map { .int($0) }),
            ("OwnerId", .text(list.ownerID)),
            ("Tags", tags(list.tags)),
        ])
    }

    static func prefixListEntry(_ entry: PrefixListEntry) -> JSONValue {
        .fields([("Cidr", .string(entry.cidr.description)), ("Description", .text(entry.description))])
    }

    static func vpcEndpoint(_ endpoint: VpcEndpoint) -> JSONValue {
        .fields([
            ("VpcEndpointId", .string(endpoint.vpcEndpointID)),
            ("VpcEndpointType", .text(endpoint.vpcEndpointType)),
            ("VpcId", .text(endpoint.vpcID)),
            ("ServiceName", .text(endpoint.serviceName)),
            ("State", .text(endpoint.state)),
            ("RouteTableIds", .array(endpoint.routeTableIDs.map { .string($0) })),
            ("SubnetIds", .array(endpoint.subnetIDs.map { .string($0) })),
            ("Groups", .array(endpoint.groupIDs.map { .object([("GroupId", .string($0))]) })),
            ("NetworkInterfaceIds", .array(endpoint.networkInterfaceIDs.map { .string($0) })),
            ("Tags", tags(endpoint.tags)),
        ])
    }

    static func transitGatewayAttachment(_ attachment: TransitGatewayAttachment) -> JSONValue {
        .fields([
            ("TransitGatewayAttachmentId", .string(attachment.transitGatewayAttachmentID)),
            ("TransitGatewayId", .text(attachment.transitGatewayID)),
            ("ResourceOwnerId", .text(attachment.resourceOwnerID)),
            ("ResourceType", .text(attachment.resourceType)),
            ("ResourceId", .text(attachment.resourceID)),
            ("State", .text(attachment.state)),
            ("Association", attachment.association.map {
                .fields([("TransitGatewayRouteTableId", .string($0.transitGatewayRouteTableID)), ("State", .text($0.state))])
            }),
            // What describe-transit-gateway-vpc-attachments adds; read back by the same decoder.
            ("SubnetIds", attachment.subnetIDs.map { .array($0.map { .string($0) }) }),
            ("Options", attachment.applianceModeSupport.map { .fields([("ApplianceModeSupport", .string($0))]) }),
            ("Tags", tags(attachment.tags)),
        ])
    }

    static func transitGatewayRouteTable(_ table: TransitGatewayRouteTable) -> JSONValue {
        .fields([
            ("TransitGatewayRouteTableId", .string(table.transitGatewayRouteTableID)),
            ("TransitGatewayId", .text(table.transitGatewayID)),
            ("State", .text(table.state)),
            ("DefaultAssociationRouteTable", .bool(table.defaultAssociationRouteTable)),
            ("DefaultPropagationRouteTable", .bool(table.defaultPropagationRouteTable)),
            ("Tags", tags(table.tags)),
        ])
    }

    static func transitGatewayRouteTableAssociation(_ association: TransitGatewayRouteTableAssociation) -> JSONValue {
        .fields([
            ("TransitGatewayAttachmentId", .string(association.transitGatewayAttachmentID)),
            ("ResourceId", .text(association.resourceID)),
            ("ResourceType", .text(association.resourceType)),
            ("State", .text(association.state)),
        ])
    }

    static func transitGatewayRoute(_ route: TransitGatewayRoute) -> JSONValue {
        .fields([
            ("DestinationCidrBlock", .text(route.destination?.description)),
            ("PrefixListId", .text(route.prefixListID)),
            ("TransitGatewayAttachments", .array(route.attachments.map {
                .fields([("ResourceId", .text($0.resourceID)), ("TransitGatewayAttachmentId", .text($0.transitGatewayAttachmentID)),
                         ("ResourceType", .text($0.resourceType))])
            })),
            ("Type", .text(route.type)),
            ("State", .text(route.state)),
        ])
    }

    static func egressOnlyInternetGateway(_ gateway: EgressOnlyInternetGateway) -> JSONValue {
        .fields([
            ("Attachments", .array(gateway.attachments.map {
                .fields([("State", .text($0.state)), ("VpcId", .string($0.vpcID))])
            })),
            ("EgressOnlyInternetGatewayId", .string(gateway.egressOnlyInternetGatewayID)),
            ("Tags", tags(gateway.tags)),
        ])
    }

    static func instanceType(_ type: InstanceTypeInfo) -> JSONValue {
        .fields([
            ("InstanceType", .string(type.instanceType)),
            ("NetworkInfo", type.networkInfo.map { info in
                .fields([
                    ("MaximumNetworkInterfaces", info.maximumNetworkInterfaces.map { .int($0) }),
                    ("MaximumNetworkCards", info.maximumNetworkCards.map { .int($0) }),
                    ("DefaultNetworkCardIndex", info.defaultNetworkCardIndex.map { .int($0) }),
                    ("NetworkCards", .array(info.networkCards.map {
                        .fields([("NetworkCardIndex", .int($0.networkCardIndex)),
                                 ("MaximumNetworkInterfaces", $0.maximumNetworkInterfaces.map { .int($0) })])
                    })),
                    ("Ipv4AddressesPerInterface", info.ipv4AddressesPerInterface.map { .int($0) }),
                    ("Ipv6AddressesPerInterface", info.ipv6AddressesPerInterface.map { .int($0) }),
                    ("Ipv6Supported", info.ipv6Supported.map { .bool($0) }),
                ])
            }),
        ])
    }
}
