import Foundation
import Inventory
import LPM
import Testing
@testable import EC2

@Suite("EC2 XML decoding")
struct XMLDecodingTests {
    static let demo = DemoBundle.load().snapshot.aws

    static func root(_ set: String, _ name: String) throws -> XMLNode {
        try EC2ResponseDecoder.root(try Fixtures.bytes(set, name), operation: name)
    }

    @Test("DescribeVpcs decodes to the demo bundle's VPCs, secondary CIDR included")
    func vpcs() throws {
        let page = try EC2ResponseDecoder.vpcs(try Self.root("demo", "DescribeVpcs.xml"))
        #expect(page.items == Self.demo.vpcs)
        #expect(page.items.first?.secondaryCIDRs.isEmpty == false)
        #expect(page.nextToken == nil)
    }

    @Test("DescribeSubnets decodes to the demo bundle's subnets")
    func subnets() throws {
        #expect(try EC2ResponseDecoder.subnets(try Self.root("demo", "DescribeSubnets.xml")).items == Self.demo.subnets)
    }

    @Test("GetSubnetCidrReservations per subnet decodes to the demo bundle's reservations")
    func reservations() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root.appendingPathComponent("demo").path)
            .filter { $0.hasPrefix("GetSubnetCidrReservations.") }
        var all: [SubnetCidrReservation] = []
        for file in files { all += try EC2ResponseDecoder.subnetCidrReservations(try Self.root("demo", file)).items }
        #expect(Set(all) == Set(Self.demo.subnetCidrReservations))
        #expect(!all.isEmpty)
    }

    @Test("DescribeAddresses decodes to the demo bundle's Elastic IPs")
    func addresses() throws {
        #expect(try EC2ResponseDecoder.addresses(try Self.root("demo", "DescribeAddresses.xml")) == Self.demo.elasticIPs)
    }

    @Test("DescribeNetworkInterfaces decodes to the demo bundle's ENIs")
    func networkInterfaces() throws {
        let page = try EC2ResponseDecoder.networkInterfaces(try Self.root("demo", "DescribeNetworkInterfaces.xml"))
        #expect(page.items == Self.demo.networkInterfaces)
    }

    @Test("DescribeInstances decodes to the demo bundle's instances")
    func instances() throws {
        #expect(try EC2ResponseDecoder.instances(try Self.root("demo", "DescribeInstances.xml")).items == Self.demo.instances)
    }

    @Test("DescribeRouteTables decodes to the demo bundle's route tables")
    func routeTables() throws {
        #expect(try EC2ResponseDecoder.routeTables(try Self.root("demo", "DescribeRouteTables.xml")).items
            == Self.demo.routeTables)
    }

    @Test("DescribeNatGateways decodes to the demo bundle's NAT gateways")
    func natGateways() throws {
        #expect(try EC2ResponseDecoder.natGateways(try Self.root("demo", "DescribeNatGateways.xml")).items
            == Self.demo.natGateways)
    }

    @Test("Elastic IPs bound to secondary private IPs keep that IP, on the address and on the ENI")
    func secondaryIPMapping() throws {
        let eips = try EC2ResponseDecoder.addresses(try Self.root("demo", "DescribeAddresses.xml"))
        let enis = try EC2ResponseDecoder.networkInterfaces(try Self.root("demo", "DescribeNetworkInterfaces.xml")).items
        let expected = [("203.0.113.10", "10.0.41.20"), ("203.0.113.11", "10.0.42.37"), ("198.51.100.20", "10.0.41.58")]
        for (publicText, privateText) in expected {
            let publicIP = try IPAddress(publicText)
            let privateIP = try IPAddress(privateText)
            let eip = try #require(eips.first { $0.publicIP == publicIP })
            #expect(eip.privateIPAddress == privateIP)
            let eni = try #require(enis.first { $0.networkInterfaceID == eip.networkInterfaceID })
            let entry = try #require(eni.privateIPAddresses.first { $0.address == privateIP })
            #expect(!entry.primary)
            #expect(entry.publicIP == publicIP)
        }
    }

    @Test("a paged response carries its nextToken with + / = intact")
    func nextToken() throws {
        let page = try EC2ResponseDecoder.subnets(try Self.root("paged", "DescribeSubnets.page1.xml"))
        #expect(page.nextToken == "+/+/G1OGbfgaAyzHMSUZUUJ3pbDRb7Dgh/VQbRcblQYRtTQ=")
        let last = try EC2ResponseDecoder.subnets(try Self.root("paged", "DescribeSubnets.page2.xml"))
        #expect(last.nextToken == nil)
        #expect(Set(page.items + last.items) == Set(Self.demo.subnets))
    }

    @Test("blackhole routes keep their state and their vanished target")
    func blackholeRoutes() throws {
        let tables = try EC2ResponseDecoder.routeTables(try Self.root("cases", "DescribeRouteTables.blackhole.xml")).items
        let routes = tables.flatMap(\.routes)
        let blackholes = routes.filter(\.isBlackhole)
        #expect(Set(blackholes.compactMap { $0.destination?.description }) == ["172.16.5.0/24", "192.168.0.0/16"])
        #expect(blackholes.contains { $0.target.id.hasPrefix("eni-") })
        #expect(blackholes.contains { $0.target == .natGateway($0.target.id) })
    }

    @Test("a vpce- gatewayId route is a VPC endpoint target")
    func endpointRoute() throws {
        let tables = try EC2ResponseDecoder.routeTables(try Self.root("cases", "DescribeRouteTables.blackhole.xml")).items
        #expect(tables.flatMap(\.routes).contains { if case .vpcEndpoint = $0.target { true } else { false } })
    }

    @Test("an edge association (gatewayId) is no subnet association, and the main flag is kept")
    func edgeAssociation() throws {
        let tables = try EC2ResponseDecoder.routeTables(try Self.root("cases", "DescribeRouteTables.blackhole.xml")).items
        #expect(tables.filter(\.isMain).count == 1)
        let edge = try #require(tables.first { table in table.routes.contains { $0.destination?.description == "10.0.250.0/24" } })
        #expect(edge.subnetIDs.isEmpty)
        #expect(!edge.isMain)
    }

    @Test("an empty <addressesSet/> decodes to no addresses")
    func emptySet() throws {
        #expect(try EC2ResponseDecoder.addresses(try Self.root("cases", "DescribeAddresses.empty-set.xml")).isEmpty)
    }

    @Test("a response without its list element decodes to an empty list")
    func omittedSet() throws {
        #expect(try EC2ResponseDecoder.subnets(try Self.root("cases", "DescribeSubnets.omitted-set.xml")).items.isEmpty)
    }

    @Test("the benchmark responses decode to 2,000 Elastic IPs and 500 ENIs")
    func benchSizes() throws {
        #expect(try EC2ResponseDecoder.addresses(try Self.root("bench", "DescribeAddresses.xml")).count == 2000)
        #expect(try EC2ResponseDecoder.networkInterfaces(try Self.root("bench", "DescribeNetworkInterfaces.xml")).items.count == 500)
    }

    @Test("a 12 MB response (past FoundationXML's ~10 MB XMLParser(data:) limit) decodes completely")
    func largeDocument() throws {
        let text = String(decoding: try Fixtures.bytes("bench", "DescribeAddresses.xml"), as: UTF8.self)
        let open = try #require(text.range(of: "<addressesSet>"))
        let close = try #require(text.range(of: "</addressesSet>"))
        let items = String(text[open.upperBound..<close.lowerBound])
        let copies = 12_000_000 / items.utf8.count + 1
        let large = String(text[..<open.upperBound]) + String(repeating: items, count: copies) + String(text[close.lowerBound...])
        #expect(large.utf8.count > 12_000_000)
        let addresses = try EC2ResponseDecoder.addresses(try EC2ResponseDecoder.root(Array(large.utf8), operation: "DescribeAddresses"))
        #expect(addresses.count == 2000 * copies)
    }

    @Test("entities, character references and CDATA are decoded in text")
    func entities() throws {
        let xml = "<?xml version=\"1.0\"?><!-- c --><a xmlns=\"x\"><b>x &amp; y &lt;&#65;&#x42;&gt;</b><c><![CDATA[<raw>]]></c><d/></a>"
        let root = try XMLReader.parse(Array(xml.utf8))
        #expect(root.string("b") == "x & y <AB>")
        #expect(root.string("c") == "<raw>")
        #expect(root.child("d") != nil && root.string("d") == nil)
    }

    @Test("namespace prefixes are dropped from element names")
    func namespacePrefixes() throws {
        let root = try XMLReader.parse(Array("<ec2:R xmlns:ec2=\"u\"><ec2:vpcId>v</ec2:vpcId></ec2:R>".utf8))
        #expect(root.name == "R" && root.string("vpcId") == "v")
    }

    @Test("mismatched tags are rejected")
    func mismatched() {
        #expect(throws: XMLReader.Failure.self) { try XMLReader.parse(Array("<a><b></a></b>".utf8)) }
    }

    @Test("a success status with a non-XML body is a malformed response")
    func notXML() throws {
        #expect(throws: EC2Error.self) {
            try EC2ResponseDecoder.root(try Fixtures.bytes("errors", "proxy-502.html"), operation: "DescribeVpcs")
        }
    }
}
