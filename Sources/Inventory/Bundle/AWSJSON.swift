import LPM

/// The EC2 resources of a bundle, written back in the shape `aws ec2 describe-… --output json`
/// prints them, from the models (what `BundleLoader` reads them from).
enum AWSJSON {
    static func tags(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })
    }

    static func vpc(_ vpc: Vpc) -> JSONValue {
        .fields([
            ("VpcId", .string(vpc.vpcID)),
            ("OwnerId", .text(vpc.ownerID)),
            ("CidrBlock", .string(vpc.cidrBlock.description)),
            ("CidrBlockAssociationSet", .array(vpc.cidrBlockAssociations.map { association in
                .fields([("CidrBlock", .string(association.cidrBlock.description)),
                         ("CidrBlockState", association.state.map { .object([("State", .string($0))]) })])
            })),
            ("Tags", tags(vpc.tags)),
        ])
    }

    static func subnet(_ subnet: Subnet) -> JSONValue {
        .fields([
            ("SubnetId", .string(subnet.subnetID)),
            ("VpcId", .string(subnet.vpcID)),
            ("CidrBlock", .string(subnet.cidrBlock.description)),
            ("AvailabilityZone", .text(subnet.availabilityZone)),
            ("AvailableIpAddressCount", subnet.availableIpAddressCount.map { .int($0) }),
            ("Ipv6CidrBlockAssociationSet", subnet.ipv6CidrBlocks.isEmpty ? nil : .array(subnet.ipv6CidrBlocks.map {
                .object([("Ipv6CidrBlock", .string($0.description))])
            })),
            ("Tags", tags(subnet.tags)),
        ])
    }

    static func cidrReservation(_ reservation: SubnetCidrReservation) -> JSONValue {
        .fields([
            ("SubnetCidrReservationId", .string(reservation.reservationID)),
            ("SubnetId", .string(reservation.subnetID)),
            ("Cidr", .string(reservation.cidr.description)),
            ("ReservationType", .text(reservation.reservationType)),
            ("Description", .text(reservation.description)),
        ])
    }

    static func elasticIP(_ eip: ElasticIP) -> JSONValue {
        .fields([
            ("AllocationId", .text(eip.allocationID)),
            ("PublicIp", .string(eip.publicIP.description)),
            ("AssociationId", .text(eip.associationID)),
            ("NetworkInterfaceId", .text(eip.networkInterfaceID)),
            ("PrivateIpAddress", .text(eip.privateIPAddress?.description)),
            ("InstanceId", .text(eip.instanceID)),
            ("Tags", tags(eip.tags)),
        ])
    }

    static func networkInterface(_ eni: NetworkInterface) -> JSONValue {
        .fields([
            ("NetworkInterfaceId", .string(eni.networkInterfaceID)),
            ("SubnetId", .text(eni.subnetID)),
            ("VpcId", .text(eni.vpcID)),
            ("AvailabilityZone", .text(eni.availabilityZone)),
            ("Description", .text(eni.description)),
            ("Status", .text(eni.status)),
            ("InterfaceType", .text(eni.interfaceType)),
            ("PrivateIpAddress", .text(eni.privateIPAddress?.description)),
            ("PrivateIpAddresses", .array(eni.privateIPAddresses.map { address in
                .fields([("PrivateIpAddress", .string(address.address.description)), ("Primary", .bool(address.primary)),
                         ("Association", address.publicIP.map { .object([("PublicIp", .string($0.description))]) })])
            })),
            ("Attachment", eni.attachedInstanceID.map { .object([("InstanceId", .string($0))]) }),
            ("Groups", eni.groupIDs.isEmpty ? nil : .array(eni.groupIDs.map { .object([("GroupId", .string($0))]) })),
            ("Ipv6Addresses", eni.ipv6Addresses.isEmpty ? nil : .array(eni.ipv6Addresses.map {
                .object([("Ipv6Address", .string($0.description))])
            })),
            ("TagSet", tags(eni.tags)),
        ])
    }

    static func instance(_ instance: Instance) -> JSONValue {
        .fields([
            ("InstanceId", .string(instance.instanceID)),
            ("InstanceType", .text(instance.instanceType)),
            ("PrivateDnsName", .text(instance.privateDNSName)),
            ("PrivateIpAddress", .text(instance.privateIPAddress?.description)),
            ("PublicIpAddress", .text(instance.publicIPAddress?.description)),
            ("SubnetId", .text(instance.subnetID)),
            ("VpcId", .text(instance.vpcID)),
            ("Placement", instance.availabilityZone.map { .object([("AvailabilityZone", .string($0))]) }),
            ("State", instance.state.map { .object([("Name", .string($0))]) }),
            ("NetworkInterfaces", .array(instance.networkInterfaceIDs.map { .object([("NetworkInterfaceId", .string($0))]) })),
            ("Tags", tags(instance.tags)),
        ])
    }

    static func routeTable(_ table: RouteTable) -> JSONValue {
        var associations: [JSONValue] = table.subnetIDs.map {
            .object([("SubnetId", .string($0)), ("Main", .bool(false))])
        }
        if table.isMain { associations.append(.object([("Main", .bool(true))])) }
        return .object([
            ("RouteTableId", .string(table.routeTableID)),
            ("VpcId", .string(table.vpcID)),
            ("Associations", .array(associations)),
            ("Routes", .array(table.routes.map(route))),
            ("Tags", tags(table.tags)),
        ])
    }

    private static func route(_ route: Route) -> JSONValue {
        var members: [(String, JSONValue?)] = []
        if let destination = route.destination {
            members.append((destination.family == .v4 ? "DestinationCidrBlock" : "DestinationIpv6CidrBlock",
                            .string(destination.description)))
        }
        members.append(("DestinationPrefixListId", .text(route.destinationPrefixListID)))
        let id = route.target.id
        if !id.isEmpty {
            let key: String
            switch route.target {
            case .natGateway: key = "NatGatewayId"
            case .transitGateway: key = "TransitGatewayId"
            case .peering: key = "VpcPeeringConnectionId"
            case .local, .internetGateway, .vpcEndpoint, .vpnGateway: key = "GatewayId"
            case .other(let other): key = otherTargetKey(other)
            }
            members.append((key, .string(id)))
        }
        members.append(("State", .text(route.state)))
        members.append(("Origin", .text(route.origin)))
        return .fields(members)
    }

    /// The `Routes[]` field EC2 uses for a target id of a kind `RouteTarget` has no case for.
    private static func otherTargetKey(_ id: String) -> String {
        let keys: [(String, String)] = [("eni-", "NetworkInterfaceId"), ("i-", "InstanceId"),
                                        ("eigw-", "EgressOnlyInternetGatewayId"), ("lgw-", "LocalGatewayId"),
                                        ("cagw-", "CarrierGatewayId"), ("arn:", "CoreNetworkArn")]
        return keys.first { id.hasPrefix($0.0) }?.1 ?? "GatewayId"
    }

    static func natGateway(_ gateway: NatGateway) -> JSONValue {
        .fields([
            ("NatGatewayId", .string(gateway.natGatewayID)),
            ("SubnetId", .text(gateway.subnetID)),
            ("VpcId", .text(gateway.vpcID)),
            ("State", .text(gateway.state)),
            ("ConnectivityType", .text(gateway.connectivityType)),
            ("NatGatewayAddresses", .array(gateway.addresses.map { address in
                .fields([("AllocationId", .text(address.allocationID)), ("PublicIp", .text(address.publicIP?.description)),
                         ("PrivateIp", .text(address.privateIP?.description)),
                         ("NetworkInterfaceId", .text(address.networkInterfaceID))])
            })),
        ])
    }
}
