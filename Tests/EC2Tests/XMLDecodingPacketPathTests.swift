import Foundation
import Inventory
import LPM
import Testing
@testable import EC2

/// The packet-path operations decode to what awscli prints for the same responses: the XML in
/// `fixtures/demo` was serialised by botocore from the demo bundle and `demo-path` JSON, and
/// parsed back by botocore. These are the recorded responses for what moto lacks (ICMP type/code
/// and the 32767 rules of network ACLs, TGW route attachments, propagated and blackhole TGW routes).
@Suite("EC2 XML decoding: packet path")
struct XMLDecodingPacketPathTests {
    static let demo = DemoBundle.load().snapshot.aws

    static func root(_ name: String) throws -> XMLNode {
        try EC2ResponseDecoder.root(try Fixtures.bytes("demo", name), operation: name)
    }

    @Test("DescribeSecurityGroups decodes to the demo bundle's groups, ICMP type/code and group references included")
    func securityGroups() throws {
        let page = try EC2ResponseDecoder.securityGroups(try Self.root("DescribeSecurityGroups.xml"))
        #expect(page.items == Self.demo.securityGroups)
        #expect(page.items.first?.ingress.contains { $0.ports == .icmp(type: 3, code: 4) } == true)
        #expect(page.items.first?.ingress.first?.userIDGroupPairs.first?.groupID == "sg-0e4f5a6b7c8d90123")
    }

    @Test("DescribeNetworkAcls decodes to the demo bundle's ACLs, ICMP, port ranges and 32767 rules included")
    func networkAcls() throws {
        let page = try EC2ResponseDecoder.networkAcls(try Self.root("DescribeNetworkAcls.xml"))
        #expect(page.items == Self.demo.networkAcls)
        let custom = try #require(page.items.first { !$0.isDefault })
        #expect(custom.rules(egress: false).last?.isCatchAll == true)
        #expect(custom.entries.contains { $0.icmpType == 3 && $0.icmpCode == 4 })
        #expect(custom.entries.contains { $0.portRange == 49152...65535 && $0.ruleAction == .deny })
    }

    @Test("endpoints, egress-only IGWs, TGW attachments and tables, instance types and prefix lists decode as awscli reads them")
    func describeListings() throws {
        let path = try PacketPathFixtures.bundle()
        #expect(try EC2ResponseDecoder.vpcEndpoints(try Self.root("DescribeVpcEndpoints.xml")).items == path.vpcEndpoints)
        #expect(try EC2ResponseDecoder.egressOnlyInternetGateways(try Self.root("DescribeEgressOnlyInternetGateways.xml")).items
            == path.egressOnlyInternetGateways)
        // DescribeTransitGatewayVpcAttachments adds subnets and appliance mode, merged by ID as the
        // bundle loader merges describe-transit-gateway-vpc-attachments.
        var attachments = AWSState()
        attachments.transitGatewayAttachments = try EC2ResponseDecoder.transitGatewayAttachments(
            try Self.root("DescribeTransitGatewayAttachments.xml")).items
        let vpcAttachments = try EC2ResponseDecoder.transitGatewayVpcAttachments(
            try Self.root("DescribeTransitGatewayVpcAttachments.xml")).items
        #expect(vpcAttachments.count == 1 && vpcAttachments.first?.subnetIDs?.count == 3)
        #expect(vpcAttachments.first?.applianceModeSupport == "disable" && vpcAttachments.first?.resourceID == "vpc-0c0ffee0d15ea5e01")
        attachments.mergeTransitGatewayVpcAttachments(vpcAttachments)
        #expect(attachments.transitGatewayAttachments == path.transitGatewayAttachments)
        #expect(try EC2ResponseDecoder.transitGatewayRouteTables(try Self.root("DescribeTransitGatewayRouteTables.xml")).items
            == path.transitGatewayRouteTables)
        let types = try EC2ResponseDecoder.instanceTypes(try Self.root("DescribeInstanceTypes.xml")).items
        #expect(types == path.instanceTypes)
        #expect(types.first?.networkInfo?.calicoENISlots == 4 && types.first?.networkInfo?.ipv4AddressesPerInterface == 15)
        #expect(try EC2ResponseDecoder.managedPrefixLists(try Self.root("DescribeManagedPrefixLists.xml")).items
            == path.managedPrefixLists)
        #expect(!path.vpcEndpoints.isEmpty && !path.managedPrefixLists.isEmpty && !types.isEmpty)
    }

    @Test("replies that do not name their owner are tagged with the ID that was asked for")
    func ownedReplies() throws {
        let path = try PacketPathFixtures.bundle()
        let list = "pl-0a1b2c3d4e5f60789", table = "tgw-rtb-0f1e2d3c4b5a69701"
        let entries = try EC2ResponseDecoder.prefixListEntries(of: list)(
            try Self.root("GetManagedPrefixListEntries.\(list).xml")).items
        #expect(entries == path.entries(ofPrefixList: list) && entries.count == 2)
        let associations = try EC2ResponseDecoder.transitGatewayRouteTableAssociations(of: table)(
            try Self.root("GetTransitGatewayRouteTableAssociations.\(table).xml")).items
        #expect(associations == path.transitGatewayRouteTableAssociations && associations.count == 2)
        let (routes, truncated) = try EC2ResponseDecoder.transitGatewayRoutes(
            try Self.root("SearchTransitGatewayRoutes.\(table).xml"), routeTableID: table)
        #expect(!truncated)
        #expect(routes == path.routes(ofTransitGatewayRouteTable: table))
        #expect(routes.map(\.type) == ["propagated", "propagated", "static", "static"])
        #expect(routes.last?.isBlackhole == true && routes[2].attachments.first?.resourceType == "vpn")
    }

    @Test("route origins, instance types and ENI security groups are read from the foundation's listings")
    func foundationFields() throws {
        let tables = try EC2ResponseDecoder.routeTables(try Self.root("DescribeRouteTables.xml")).items
        #expect(tables.flatMap(\.routes).allSatisfy { $0.origin == "CreateRouteTable" || $0.origin == "CreateRoute" })
        let instances = try EC2ResponseDecoder.instances(try Self.root("DescribeInstances.xml")).items
        #expect(Set(instances.compactMap(\.instanceType)) == ["m5.xlarge", "t3.small"])
        let interfaces = try EC2ResponseDecoder.networkInterfaces(try Self.root("DescribeNetworkInterfaces.xml")).items
        #expect(interfaces.first { $0.networkInterfaceID == "eni-0510b72d69e7aab6c" }?.groupIDs == ["sg-0e4f5a6b7c8d90123"])
    }

    @Test("a malformed rule fails with the operation and what was expected", arguments: [
        ("<protocol>-1</protocol><ruleAction>permit</ruleAction>", "allow or deny"),
        ("<protocol>6</protocol><ruleAction>allow</ruleAction><portRange><from>443</from><to>4294967739</to></portRange>",
         "ports 0-65535"),
    ])
    func malformedRule(fields: String, expected: String) {
        let body = """
        <DescribeNetworkAclsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><networkAclSet><item>
        <networkAclId>acl-1</networkAclId><vpcId>vpc-1</vpcId><entrySet><item><ruleNumber>100</ruleNumber>
        \(fields)<egress>true</egress><cidrBlock>0.0.0.0/0</cidrBlock>
        </item></entrySet></item></networkAclSet></DescribeNetworkAclsResponse>
        """
        #expect {
            _ = try EC2ResponseDecoder.networkAcls(try EC2ResponseDecoder.root(Array(body.utf8), operation: "DescribeNetworkAcls"))
        } throws: { error in
            guard let error = error as? EC2Error, case .malformedResponse(let operation, let detail) = error else { return false }
            return operation == "DescribeNetworkAcls" && detail.contains(expected)
        }
    }

    @Test("IPv6 blocks of subnets (disassociated ones left out) and IPv6 addresses of ENIs decode")
    func ipv6Fields() throws {
        let subnets = try EC2ResponseDecoder.subnets(try EC2ResponseDecoder.root(Array("""
        <DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><subnetSet><item>
          <subnetId>subnet-a</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.1.0/24</cidrBlock>
          <ipv6CidrBlockAssociationSet>
            <item><ipv6CidrBlock>2600:1f18:4a3:6e01::/64</ipv6CidrBlock><ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState></item>
            <item><ipv6CidrBlock>2600:1f18:4a3:6e09::/64</ipv6CidrBlock><ipv6CidrBlockState><state>disassociated</state></ipv6CidrBlockState></item>
          </ipv6CidrBlockAssociationSet>
        </item></subnetSet></DescribeSubnetsResponse>
        """.utf8), operation: "DescribeSubnets")).items
        #expect(subnets.first?.ipv6CidrBlocks == [try IPPrefix("2600:1f18:4a3:6e01::/64")])
        let interfaces = try EC2ResponseDecoder.networkInterfaces(try EC2ResponseDecoder.root(Array("""
        <DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><networkInterfaceSet><item>
          <networkInterfaceId>eni-1</networkInterfaceId><subnetId>subnet-a</subnetId><privateIpAddress>10.0.1.10</privateIpAddress>
          <ipv6AddressesSet><item><ipv6Address>2600:1f18:4a3:6e01::a</ipv6Address></item></ipv6AddressesSet>
        </item></networkInterfaceSet></DescribeNetworkInterfacesResponse>
        """.utf8), operation: "DescribeNetworkInterfaces")).items
        #expect(interfaces.first?.ipv6Addresses == [try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::a"))])
    }
}
