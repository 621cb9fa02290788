import Foundation
import Inventory
import LPM
import Testing

/// The IPv6 fields of subnets, ENIs and pods, and the VPC attachments' subnets and appliance mode
/// (`describe-transit-gateway-vpc-attachments`), as the bundle loader reads and writes them.
@Suite struct IPv6AndVpcAttachmentBundleTests {
    private func file(_ path: String, _ text: String) -> BundleFile {
        BundleFile(path: path, contents: Array(text.utf8))
    }

    private static let attachments = """
    {"TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1",
      "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "available",
      "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}}]}
    """
    private static let vpcAttachments = """
    {"TransitGatewayVpcAttachments": [
      {"TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1", "VpcId": "vpc-1",
       "VpcOwnerId": "111122223333", "State": "available", "SubnetIds": ["subnet-a", "subnet-b"],
       "Options": {"DnsSupport": "enable", "Ipv6Support": "disable", "ApplianceModeSupport": "disable"}},
      {"TransitGatewayAttachmentId": "tgw-attach-insp", "TransitGatewayId": "tgw-1", "VpcId": "vpc-insp",
       "State": "available", "SubnetIds": ["subnet-insp"], "Options": {"ApplianceModeSupport": "enable"}}
    ]}
    """

    @Test(arguments: [["a-attachments.json", "b-vpc-attachments.json"], ["b-attachments.json", "a-vpc-attachments.json"]])
    func vpcAttachmentRecordsMergeIntoTheAttachmentsWhateverTheFileOrder(_ names: [String]) throws {
        let bundle = BundleLoader.load(files: [file("aws/\(names[0])", Self.attachments),
                                               file("aws/\(names[1])", Self.vpcAttachments)], source: .demo)
        #expect(bundle.diagnostics.isEmpty)
        let attachments = bundle.snapshot.aws.transitGatewayAttachments
        #expect(attachments.count == 2)
        let vpc = try #require(attachments.first { $0.transitGatewayAttachmentID == "tgw-attach-1" })
        #expect(vpc.association?.transitGatewayRouteTableID == "tgw-rtb-1")
        #expect(vpc.subnetIDs == ["subnet-a", "subnet-b"])
        #expect(vpc.applianceModeEnabled == false)
        let inspection = try #require(attachments.first { $0.transitGatewayAttachmentID == "tgw-attach-insp" })
        #expect(inspection.resourceType == "vpc" && inspection.resourceID == "vpc-insp")
        #expect(inspection.subnetIDs == ["subnet-insp"] && inspection.applianceModeEnabled == true)
    }

    @Test func attachmentsWithoutTheVpcRecordKeepUnknownSubnets() throws {
        let bundle = BundleLoader.load(files: [file("aws/attachments.json", Self.attachments)], source: .demo)
        let attachment = try #require(bundle.snapshot.aws.transitGatewayAttachments.first)
        #expect(attachment.subnetIDs == nil && attachment.applianceModeSupport == nil)
    }

    @Test func readsIPv6BlocksOfSubnetsAddressesOfENIsAndPodIPs() throws {
        let bundle = BundleLoader.load(files: [
            file("aws/subnets.json", """
            {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
              "Ipv6CidrBlockAssociationSet": [
                {"Ipv6CidrBlock": "2600:1f18:4a3:6e01::/64", "Ipv6CidrBlockState": {"State": "associated"}},
                {"Ipv6CidrBlock": "2600:1f18:4a3:6e09::/64", "Ipv6CidrBlockState": {"State": "disassociated"}}]}]}
            """),
            file("aws/enis.json", """
            {"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10",
              "Ipv6Addresses": [{"Ipv6Address": "2600:1f18:4a3:6e01::a"}]}]}
            """),
            file("cluster/pods.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: app}
            status:
              podIP: 10.0.1.50
              podIPs: [{ip: 10.0.1.50}, {ip: "2600:1f18:4a3:6e01::50"}]
            """),
        ], source: .demo)
        #expect(bundle.diagnostics.isEmpty)
        let snapshot = bundle.snapshot
        #expect(snapshot.aws.subnets.first?.ipv6CidrBlocks == [try IPPrefix("2600:1f18:4a3:6e01::/64")])
        #expect(snapshot.aws.networkInterfaces.first?.ipv6Addresses == [try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::a"))])
        let pod = try #require(snapshot.cluster.pods.first)
        #expect(pod.ipv6Address == IPAddress(parsing: "2600:1f18:4a3:6e01::50"))
        #expect(pod.podIPs.count == 2)
        // The subnet's IPv6 block finds it, and the ENI owns its IPv6 address.
        #expect(snapshot.subnetsByCIDR.compiled().value(for: try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::77")))?.subnetID == "subnet-a")
        #expect(snapshot.networkInterfaceByPrivateIP[try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::a"))] == "eni-1")
    }

    @Test func ipv6FieldsAndVpcAttachmentsRoundTripThroughABundle() throws {
        let subnet = Subnet(subnetID: "subnet-a", vpcID: "vpc-1", cidrBlock: try IPPrefix("10.0.1.0/24"),
                            availabilityZone: "us-east-1a", ipv6CidrBlocks: [try IPPrefix("2600:1f18:4a3:6e01::/64")])
        let eni = NetworkInterface(networkInterfaceID: "eni-1", subnetID: "subnet-a",
                                   privateIPAddress: IPAddress(parsing: "10.0.1.10"),
                                   privateIPAddresses: [.init(address: try #require(IPAddress(parsing: "10.0.1.10")), primary: true)],
                                   ipv6Addresses: [try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::a"))])
        let pod = Pod(metadata: ObjectMeta(name: "web", namespace: "app"), podIP: IPAddress(parsing: "10.0.1.50"),
                      podIPs: [try #require(IPAddress(parsing: "10.0.1.50")),
                               try #require(IPAddress(parsing: "2600:1f18:4a3:6e01::50"))])
        let attachment = TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-1", transitGatewayID: "tgw-1",
                                                  resourceType: "vpc", resourceID: "vpc-1", state: "available",
                                                  subnetIDs: ["subnet-a"], applianceModeSupport: "disable")
        let snapshot = Snapshot(source: .demo, cluster: ClusterState(pods: [pod]),
                                aws: AWSState(subnets: [subnet], networkInterfaces: [eni], securityGroups: [],
                                              transitGatewayAttachments: [attachment]))
        let loaded = BundleLoader.load(files: BundleWriter.files(for: snapshot), source: .demo)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.snapshot.aws.subnets == [subnet])
        #expect(loaded.snapshot.aws.networkInterfaces == [eni])
        #expect(loaded.snapshot.aws.transitGatewayAttachments == [attachment])
        #expect(loaded.snapshot.cluster.pods.first?.podIPs == pod.podIPs)
    }
}
