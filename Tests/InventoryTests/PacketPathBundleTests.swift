import Foundation
import Inventory
import LPM
import TestSupport
import Testing

/// How the bundle loader reads the AWS packet-path outputs (security groups, network ACLs, prefix
/// lists, endpoints, transit gateways, egress-only IGWs, instance types) and how it reports bad ones.
@Suite struct PacketPathBundleTests {
    private func file(_ path: String, _ text: String) -> BundleFile {
        BundleFile(path: path, contents: Array(text.utf8))
    }

    private func load(_ files: BundleFile...) -> LoadedBundle {
        BundleLoader.load(files: files, source: .demo)
    }

    private func prefix(_ text: String) throws -> IPPrefix { try IPPrefix(text) }

    @Test func readsSecurityGroupRulesOfEveryPeerKindAndProtocol() throws {
        let bundle = load(file("aws/describe-security-groups.json", """
        {"SecurityGroups": [{
          "GroupId": "sg-0a", "GroupName": "gw", "Description": "gateways", "VpcId": "vpc-1", "OwnerId": "123456789012",
          "IpPermissions": [
            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-0a", "UserId": "123456789012"}]},
            {"IpProtocol": "icmp", "FromPort": 3, "ToPort": 4, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
          ],
          "IpPermissionsEgress": [
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
             "IpRanges": [{"CidrIp": "100.68.0.18/18", "Description": "host bits as moto keeps them"}],
             "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32"}], "PrefixListIds": [{"PrefixListId": "pl-0123456789abcdef0"}]},
            {"IpProtocol": "icmpv6", "FromPort": -1, "ToPort": -1, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
            {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
            {"IpProtocol": "50", "FromPort": 1, "ToPort": 2, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]},
            {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53,
             "UserIdGroupPairs": [{"GroupId": "sg-0peer", "UserId": "210987654321", "VpcId": "vpc-2",
                                   "VpcPeeringConnectionId": "pcx-1", "PeeringStatus": "active"}]}
          ]}]}
        """))
        #expect(bundle.diagnostics.isEmpty)
        let group = try #require(bundle.snapshot.aws.securityGroups.first)
        #expect(group.groupID == "sg-0a" && group.vpcID == "vpc-1" && group.groupName == "gw")
        #expect(group.ingress.map(\.protocolNumber) == [nil, 1])
        #expect(group.ingress[0].userIDGroupPairs.map(\.groupID) == ["sg-0a"])
        #expect(group.ingress[1].ports == .icmp(type: 3, code: 4))

        let https = group.egress[0]
        #expect(https.protocolNumber == 6)
        #expect(https.ports == .ports(443...443))
        #expect(https.ipRanges.map(\.cidr) == [try prefix("100.68.0.0/18")])
        #expect(https.ipv6Ranges.map(\.cidr) == [try prefix("2001:db8::/32")])
        #expect(https.prefixListIDs.map(\.prefixListID) == ["pl-0123456789abcdef0"])
        #expect(group.egress[1].protocolNumber == 58 && group.egress[1].ports == .all)
        #expect(group.egress[2].ports == .icmp(type: 8, code: nil))
        #expect(group.egress[3].protocolNumber == 50 && group.egress[3].ports == .all)
        let peer = try #require(group.egress[4].userIDGroupPairs.first)
        #expect(peer.vpcPeeringConnectionID == "pcx-1" && peer.userID == "210987654321" && peer.peeringStatus == "active")
    }

    @Test func protocolPortsFollowEC2sEncoding() {
        #expect(ProtocolPorts(protocolNumber: nil, from: 80, to: 80) == .all)
        #expect(ProtocolPorts(protocolNumber: 6, from: 1024, to: 65535) == .ports(1024...65535))
        #expect(ProtocolPorts(protocolNumber: 17, from: -1, to: -1) == .all)
        #expect(ProtocolPorts(protocolNumber: 1, from: -1, to: 4) == .all)
        #expect(ProtocolPorts(protocolNumber: 58, from: 128, to: -1) == .icmp(type: 128, code: nil))
        #expect(ProtocolPorts(protocolNumber: 47, from: 1, to: 2) == .all)
        #expect(ProtocolPorts.protocolNumber("ICMPv6") == 58)
        #expect(ProtocolPorts.isValidProtocol("-1") && !ProtocolPorts.isValidProtocol("sctp")
                && !ProtocolPorts.isValidProtocol("256"))
        #expect(ProtocolPorts.ports(1024...65535).matches(port: 32768))
        #expect(!ProtocolPorts.ports(443...443).matches(port: 80))
        #expect(ProtocolPorts.icmp(type: 3, code: nil).matches(icmpType: 3, icmpCode: 4))
        #expect(!ProtocolPorts.icmp(type: 3, code: 4).matches(icmpType: 3, icmpCode: 1))
    }

    @Test func readsNetworkAclsWithEntriesAssociationsAndTheDefaultFlag() throws {
        let bundle = load(file("aws/describe-network-acls.json", """
        {"NetworkAcls": [{
          "NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false, "OwnerId": "123456789012",
          "Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-1", "SubnetId": "subnet-1"}],
          "Entries": [
            {"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"},
            {"RuleNumber": 120, "Egress": false, "RuleAction": "deny", "Protocol": "6", "CidrBlock": "172.16.0.0/24",
             "PortRange": {"From": 49152, "To": 65535}},
            {"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "1", "CidrBlock": "0.0.0.0/0",
             "IcmpTypeCode": {"Type": 3, "Code": -1}},
            {"RuleNumber": 101, "Egress": true, "RuleAction": "allow", "Protocol": "-1", "Ipv6CidrBlock": "::/0"}
          ]},
          {"NetworkAclId": "acl-0", "VpcId": "vpc-1", "IsDefault": true, "Entries": []}]}
        """))
        #expect(bundle.diagnostics.isEmpty)
        let acl = try #require(bundle.snapshot.aws.networkAcls.first)
        #expect(acl.isDefault == false && bundle.snapshot.aws.networkAcls.last?.isDefault == true)
        #expect(acl.subnetIDs == ["subnet-1"] && acl.associations.first?.associationID == "aclassoc-1")
        #expect(acl.rules(egress: false).map(\.ruleNumber) == [100, 120, 32767])
        #expect(acl.rules(egress: true).map(\.cidr) == [try prefix("::/0")])
        let deny = try #require(acl.entries.first { $0.ruleNumber == 120 })
        #expect(deny.ruleAction == .deny && deny.protocolNumber == 6 && deny.portRange == 49152...65535)
        #expect(deny.ports == .ports(49152...65535))
        let icmp = try #require(acl.entries.first { $0.ruleNumber == 100 })
        #expect(icmp.icmpType == 3 && icmp.icmpCode == -1 && icmp.ports == .icmp(type: 3, code: nil))
        #expect(acl.entries.first?.isCatchAll == true && acl.entries.first?.protocolNumber == nil)
    }

    @Test func takesThePrefixListIDOfEntriesFromTheFileNameOrAWrapper() throws {
        let bundle = load(
            file("aws/describe-managed-prefix-lists.json", """
            {"PrefixLists": [{"PrefixListId": "pl-0a1b2c3d4e5f60789", "AddressFamily": "IPv4", "State": "create-complete",
              "PrefixListName": "corp-admin", "MaxEntries": 10, "Version": 3, "OwnerId": "123456789012"},
             {"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3", "AddressFamily": "IPv4",
              "State": "create-complete", "OwnerId": "AWS"}]}
            """),
            file("aws/prefix-list-entries/pl-0a1b2c3d4e5f60789.json",
                 #"{"Entries": [{"Cidr": "198.51.100.0/24", "Description": "VPN"}, {"Cidr": "203.0.113.7/32"}]}"#),
            file("aws/s3-entries.json", #"{"PrefixListId": "pl-63a5400a", "Entries": [{"Cidr": "52.216.0.0/15"}]}"#))
        #expect(bundle.diagnostics.isEmpty)
        let aws = bundle.snapshot.aws
        #expect(aws.managedPrefixLists.map(\.prefixListID) == ["pl-0a1b2c3d4e5f60789", "pl-63a5400a"])
        #expect(aws.managedPrefixLists.first?.maxEntries == 10 && aws.managedPrefixLists.last?.ownerID == "AWS")
        #expect(aws.entries(ofPrefixList: "pl-0a1b2c3d4e5f60789").map(\.cidr)
                == [try prefix("198.51.100.0/24"), try prefix("203.0.113.7/32")])
        #expect(aws.entries(ofPrefixList: "pl-63a5400a").map(\.cidr) == [try prefix("52.216.0.0/15")])
    }

    @Test func reportsEntriesWhoseListCannotBeNamedAndLoadsTheRest() {
        let bundle = load(
            file("aws/get-managed-prefix-list-entries.json", #"{"Entries": [{"Cidr": "198.51.100.0/24"}]}"#),
            file("aws/search-transit-gateway-routes.json", #"{"Routes": [{"DestinationCidrBlock": "0.0.0.0/0"}]}"#),
            file("aws/describe-vpcs.json", #"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}"#))
        #expect(bundle.snapshot.aws.vpcs.count == 1)
        #expect(bundle.snapshot.aws.prefixListEntries.isEmpty && bundle.snapshot.aws.transitGatewayRoutes.isEmpty)
        #expect(bundle.diagnostics.map(\.file) == ["aws/get-managed-prefix-list-entries.json",
                                                   "aws/search-transit-gateway-routes.json"])
        #expect(bundle.diagnostics.allSatisfy { $0.severity == .error })
        #expect(bundle.diagnostics.first?.message.contains("pl-") == true)
        #expect(bundle.diagnostics.last?.message.contains("tgw-rtb-") == true)
    }

    @Test func readsTransitGatewayAttachmentsTablesAssociationsAndRoutes() throws {
        let bundle = BundleLoader.load(files: TransitGatewayBundleFiles.files.map(file), source: .demo)
        #expect(bundle.diagnostics.isEmpty)
        let aws = bundle.snapshot.aws
        let attachment = try #require(aws.transitGatewayAttachments.first)
        #expect(attachment.association?.transitGatewayRouteTableID == "tgw-rtb-0123456789abcdef0")
        #expect(attachment.resourceType == "vpc" && attachment.resourceID == "vpc-1")
        #expect(aws.transitGatewayRouteTables.first?.defaultAssociationRouteTable == true)
        #expect(aws.transitGatewayRouteTableAssociations.map(\.transitGatewayRouteTableID) == ["tgw-rtb-0123456789abcdef0"])
        #expect(aws.transitGatewayRouteTableAssociations.first?.transitGatewayAttachmentID == "tgw-attach-0aaa")
        let routes = aws.routes(ofTransitGatewayRouteTable: "tgw-rtb-0123456789abcdef0")
        #expect(routes.map(\.destination) == [try prefix("172.16.0.0/12"), try prefix("172.16.99.0/24"),
                                              try prefix("192.168.0.0/16")])
        #expect(routes[0].attachments.first?.resourceType == "vpn")
        #expect(routes[1].isBlackhole && routes[1].attachments.isEmpty)
        #expect(routes[2].prefixListID == "pl-0a1b2c3d4e5f60789")
    }

    @Test func readsEndpointsEgressOnlyGatewaysAndInstanceTypes() throws {
        let bundle = load(
            file("aws/describe-vpc-endpoints.json", """
            {"VpcEndpoints": [
              {"VpcEndpointId": "vpce-0gwlb", "VpcEndpointType": "GatewayLoadBalancer", "VpcId": "vpc-1",
               "ServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-1", "State": "available", "RouteTableIds": [],
               "SubnetIds": ["subnet-9"], "Groups": [], "NetworkInterfaceIds": ["eni-9"]},
              {"VpcEndpointId": "vpce-0s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
               "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-1"]},
              {"VpcEndpointId": "vpce-0sts", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
               "ServiceName": "com.amazonaws.us-east-1.sts", "SubnetIds": ["subnet-1"],
               "Groups": [{"GroupId": "sg-0a", "GroupName": "endpoints"}], "NetworkInterfaceIds": ["eni-7"]}]}
            """),
            file("aws/describe-egress-only-internet-gateways.json", """
            {"EgressOnlyInternetGateways": [{"Attachments": [{"State": "attached", "VpcId": "vpc-1"}],
              "EgressOnlyInternetGatewayId": "eigw-015e0e244e24dfe8a"}]}
            """),
            file("aws/describe-instance-types.json", """
            {"InstanceTypes": [
              {"InstanceType": "t3.large", "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 12,
               "Ipv6AddressesPerInterface": 12, "Ipv6Supported": true, "MaximumNetworkCards": 1, "DefaultNetworkCardIndex": 0,
               "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}},
              {"InstanceType": "p4d.24xlarge", "NetworkInfo": {"MaximumNetworkInterfaces": 60, "Ipv4AddressesPerInterface": 50,
               "MaximumNetworkCards": 4, "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 15},
               {"NetworkCardIndex": 1, "MaximumNetworkInterfaces": 15}]}}]}
            """))
        #expect(bundle.diagnostics.isEmpty)
        let aws = bundle.snapshot.aws
        #expect(aws.vpcEndpoints.map(\.isGatewayLoadBalancer) == [true, false, false])
        #expect(aws.vpcEndpoints[1].routeTableIDs == ["rtb-1"])
        #expect(aws.vpcEndpoints[2].groupIDs == ["sg-0a"] && aws.vpcEndpoints[2].networkInterfaceIDs == ["eni-7"])
        #expect(aws.egressOnlyInternetGateways.first?.attachments == [.init(vpcID: "vpc-1", state: "attached")])
        let large = try #require(aws.instanceType(named: "t3.large")?.networkInfo)
        #expect(large.maximumNetworkInterfaces == 3 && large.ipv4AddressesPerInterface == 12 && large.ipv6Supported == true)
        #expect(large.calicoENISlots == 3)
        #expect(aws.instanceType(named: "p4d.24xlarge")?.networkInfo?.calicoENISlots == 15)
    }

    @Test func keepsEveryRouteTargetKindTheDestinationPrefixListAndTheOrigin() throws {
        let bundle = load(file("aws/describe-route-tables.json", """
        {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1", "Main": false}],
          "Routes": [
            {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
            {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-0s3", "Origin": "CreateRoute", "State": "active"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vpce-0gwlb", "Origin": "CreateRoute", "State": "active"},
            {"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationCidrBlock": "192.168.0.0/16", "GatewayId": "vgw-1", "Origin": "EnableVgwRoutePropagation", "State": "active"}
          ]}]}
        """))
        #expect(bundle.diagnostics.isEmpty)
        let routes = try #require(bundle.snapshot.aws.routeTables.first?.routes)
        #expect(routes.map(\.target) == [.local, .vpcEndpoint("vpce-0s3"), .vpcEndpoint("vpce-0gwlb"), .peering("pcx-1"),
                                         .transitGateway("tgw-1"), .other("eigw-1"), .vpnGateway("vgw-1")])
        #expect(routes[1].destination == nil && routes[1].destinationPrefixListID == "pl-63a5400a")
        #expect(routes.map(\.origin) == ["CreateRouteTable"] + Array(repeating: "CreateRoute", count: 5)
                + ["EnableVgwRoutePropagation"])
        #expect(routes.map(\.isPropagated) == Array(repeating: false, count: 6) + [true])
    }

    @Test func reportsAMalformedRuleWithFileLineAndWhatWasExpectedAndLoadsTheRest() {
        let bundle = load(file("aws/describe-security-groups.json", """
        {"SecurityGroups": [
          {"GroupId": "sg-bad", "VpcId": "vpc-1",
           "IpPermissionsEgress": [{"IpProtocol": "sctp", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
          {"GroupId": "sg-good", "VpcId": "vpc-1", "IpPermissionsEgress": [{"IpProtocol": "-1"}]}
        ]}
        """), file("aws/describe-network-acls.json", """
        {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1",
          "Entries": [{"RuleNumber": 100, "Egress": true, "RuleAction": "permit", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}]}]}
        """))
        #expect(bundle.snapshot.aws.securityGroups.map(\.groupID) == ["sg-good"])
        #expect(bundle.snapshot.aws.networkAcls.isEmpty)
        let group = bundle.diagnostics.first { $0.file == "aws/describe-security-groups.json" }
        #expect(group?.severity == .error)
        #expect(group?.line == 3)
        #expect(group?.message.contains("IpProtocol") == true)
        #expect(group?.message.contains("tcp, udp, icmp") == true)
        let acl = bundle.diagnostics.first { $0.file == "aws/describe-network-acls.json" }
        #expect(acl?.message.contains("allow or deny") == true)
    }

    @Test func aStateWithEveryPacketPathResourceRoundTripsThroughABundle() throws {
        let state = try Self.packetPathState()
        let snapshot = Snapshot(source: .demo, cluster: ClusterState(), aws: state)
        let files = BundleWriter.files(for: snapshot)
        #expect(files.contains { $0.path == "aws/get-managed-prefix-list-entries-pl-0a1b2c3d4e5f60789.json" })
        #expect(files.contains { $0.path == "aws/search-transit-gateway-routes-tgw-rtb-0123456789abcdef0.json" })
        let loaded = BundleLoader.load(files: files, source: .demo)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.snapshot.aws == state)
    }

    @Test func anEmptyPacketPathWritesNoExtraFiles() {
        let files = BundleWriter.files(for: Snapshot(source: .demo, cluster: ClusterState(), aws: AWSState()))
        #expect(!files.contains { $0.path.contains("security-groups") || $0.path.contains("transit-gateway") })
    }

    /// One of everything, with the optional fields both set and left out.
    static func packetPathState() throws -> AWSState {
        let rtb = "tgw-rtb-0123456789abcdef0"
        return AWSState(
            instances: [Instance(instanceID: "i-1", vpcID: "vpc-1", instanceType: "t3.large")],
            routeTables: [RouteTable(routeTableID: "rtb-1", vpcID: "vpc-1", subnetIDs: ["subnet-1"], routes: [
                Route(destination: try IPPrefix("10.0.0.0/16"), target: .local, origin: "CreateRouteTable"),
                Route(destination: nil, destinationPrefixListID: "pl-63a5400a", target: .vpcEndpoint("vpce-0s3"),
                      origin: "CreateRoute"),
                Route(destination: try IPPrefix("::/0"), target: .other("eigw-1"), origin: "CreateRoute"),
                Route(destination: try IPPrefix("10.9.0.0/16"), target: .other("eni-1"), state: "blackhole"),
                Route(destination: try IPPrefix("192.168.0.0/16"), target: .vpnGateway("vgw-1"),
                      origin: "EnableVgwRoutePropagation"),
            ])],
            securityGroups: [SecurityGroup(
                groupID: "sg-1", groupName: "gw", description: "d", vpcID: "vpc-1", ownerID: "1",
                ingress: [IpPermission(ipProtocol: "-1", userIDGroupPairs: [.init(groupID: "sg-1", userID: "1")])],
                egress: [IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443,
                                      ipRanges: [.init(cidr: try IPPrefix("0.0.0.0/0"), description: "all")],
                                      ipv6Ranges: [.init(cidr: try IPPrefix("::/0"))],
                                      prefixListIDs: [.init(prefixListID: "pl-0a1b2c3d4e5f60789")]),
                         IpPermission(ipProtocol: "icmp", fromPort: 3, toPort: -1,
                                      ipRanges: [.init(cidr: try IPPrefix("10.0.0.0/8"))])],
                tags: [Tag(key: "Name", value: "gw")])],
            networkAcls: [NetworkAcl(networkAclID: "acl-1", vpcID: "vpc-1", isDefault: true,
                                     associations: [.init(associationID: "aclassoc-1", subnetID: "subnet-1")],
                                     entries: [
                                        NetworkAclEntry(ruleNumber: 100, egress: true, ruleAction: .allow, protocol: "-1",
                                                        cidr: try IPPrefix("0.0.0.0/0")),
                                        NetworkAclEntry(ruleNumber: 110, egress: false, ruleAction: .deny, protocol: "6",
                                                        cidr: try IPPrefix("172.16.0.0/24"), portRange: 49152...65535),
                                        NetworkAclEntry(ruleNumber: 120, egress: false, ruleAction: .allow, protocol: "58",
                                                        cidr: try IPPrefix("::/0"), icmpType: -1, icmpCode: -1),
                                     ], ownerID: "1")],
            managedPrefixLists: [ManagedPrefixList(prefixListID: "pl-0a1b2c3d4e5f60789", prefixListName: "corp",
                                                   addressFamily: "IPv4", state: "create-complete", maxEntries: 5,
                                                   version: 2, ownerID: "1")],
            prefixListEntries: [PrefixListEntry(prefixListID: "pl-0a1b2c3d4e5f60789", cidr: try IPPrefix("198.51.100.0/24"),
                                                description: "VPN"),
                                PrefixListEntry(prefixListID: "pl-63a5400a", cidr: try IPPrefix("52.216.0.0/15"))],
            vpcEndpoints: [VpcEndpoint(vpcEndpointID: "vpce-0s3", vpcEndpointType: "Gateway", vpcID: "vpc-1",
                                       serviceName: "com.amazonaws.us-east-1.s3", state: "available",
                                       routeTableIDs: ["rtb-1"]),
                           VpcEndpoint(vpcEndpointID: "vpce-0gwlb", vpcEndpointType: "GatewayLoadBalancer",
                                       subnetIDs: ["subnet-9"], groupIDs: ["sg-1"], networkInterfaceIDs: ["eni-9"])],
            transitGatewayAttachments: [TransitGatewayAttachment(
                transitGatewayAttachmentID: "tgw-attach-1", transitGatewayID: "tgw-1", resourceType: "vpc",
                resourceID: "vpc-1", resourceOwnerID: "1", state: "available",
                association: .init(transitGatewayRouteTableID: rtb), subnetIDs: ["subnet-1", "subnet-2"],
                applianceModeSupport: "enable")],
            transitGatewayRouteTables: [TransitGatewayRouteTable(transitGatewayRouteTableID: rtb, transitGatewayID: "tgw-1",
                                                                 state: "available", defaultAssociationRouteTable: true)],
            transitGatewayRouteTableAssociations: [TransitGatewayRouteTableAssociation(
                transitGatewayRouteTableID: rtb, transitGatewayAttachmentID: "tgw-attach-1", resourceID: "vpc-1",
                resourceType: "vpc")],
            transitGatewayRoutes: [
                TransitGatewayRoute(transitGatewayRouteTableID: rtb, destination: try IPPrefix("172.16.0.0/12"),
                                    attachments: [.init(transitGatewayAttachmentID: "tgw-attach-2", resourceID: "vpn-1",
                                                        resourceType: "vpn")]),
                TransitGatewayRoute(transitGatewayRouteTableID: rtb, destination: try IPPrefix("172.16.99.0/24"),
                                    state: "blackhole"),
                TransitGatewayRoute(transitGatewayRouteTableID: rtb, destination: nil,
                                    prefixListID: "pl-0a1b2c3d4e5f60789", type: "propagated"),
            ],
            egressOnlyInternetGateways: [EgressOnlyInternetGateway(egressOnlyInternetGatewayID: "eigw-1",
                                                                   attachments: [.init(vpcID: "vpc-1")])],
            instanceTypes: [InstanceTypeInfo(instanceType: "t3.large", networkInfo: .init(
                maximumNetworkInterfaces: 3, maximumNetworkCards: 1, defaultNetworkCardIndex: 0,
                networkCards: [.init(networkCardIndex: 0, maximumNetworkInterfaces: 3)], ipv4AddressesPerInterface: 12,
                ipv6AddressesPerInterface: 12, ipv6Supported: true)),
                            InstanceTypeInfo(instanceType: "x.unknown")])
    }
}
