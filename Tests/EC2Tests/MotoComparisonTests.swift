import Foundation
import Inventory
import TestSupport
import Testing
@testable import EC2

/// moto seeded with the demo scenario; awscli's `describe-*` output from the same server, loaded
/// as a bundle, is the independent oracle for what Gatewatch decodes live.
@Suite("EC2 source against moto, compared with awscli", .serialized)
struct MotoComparisonTests {
    @Test("every list Gatewatch fetches from moto equals what awscli reads from the same server")
    func matchesAWSCLI() async throws {
        let peer = try PeerProcess(script: "ec2/with_botocore.py", arguments: ["--needs", "moto,boto3", "moto_peer.py"],
                                   timeout: 420)
        defer { peer.stop() }
        let summary = try #require(peer.ready["summary"] as? [String: Any])
        let groups = try #require(summary["instances"] as? [String: Any])
        var instanceIDs: [String] = []
        for case let list as [[String: Any]] in groups.values {
            instanceIDs += list.compactMap { $0["instanceId"] as? String }
        }
        #expect(!instanceIDs.isEmpty)

        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let live = try await source.fetchOnce(instanceIDs: instanceIDs)
        #expect(live.problems.isEmpty)
        #expect(live.vpcIDs == [summary["vpcId"] as? String ?? "?"])

        // seed_moto.py writes awscli's output flat; a bundle keeps it under aws/.
        let dumpDir = try peer.string("dumpDir")
        let files = try FileManager.default.contentsOfDirectory(atPath: dumpDir).filter { $0.hasSuffix(".json") }.map {
            BundleFile(path: "aws/\($0)", contents: Array(try Data(contentsOf: URL(fileURLWithPath: dumpDir + "/" + $0))))
        }
        #expect(files.count >= 8 + 9)
        let oracle = BundleLoader.load(files: files, source: .bundle(path: dumpDir))
        #expect(oracle.diagnostics.filter { $0.severity == .error }.isEmpty)
        let aws = oracle.snapshot.aws
        #expect(!aws.vpcs.isEmpty && !aws.elasticIPs.isEmpty && !aws.routeTables.isEmpty)
        #expect(Set(live.state.vpcs) == Set(aws.vpcs))
        #expect(Set(live.state.subnets) == Set(aws.subnets))
        #expect(Set(live.state.subnetCidrReservations) == Set(aws.subnetCidrReservations))
        #expect(Set(live.state.elasticIPs) == Set(aws.elasticIPs))
        #expect(Set(live.state.networkInterfaces) == Set(aws.networkInterfaces))
        #expect(Set(live.state.instances) == Set(aws.instances))
        #expect(Set(live.state.routeTables) == Set(aws.routeTables))
        #expect(Set(live.state.natGateways) == Set(aws.natGateways))

        // The packet path (moto implements every call; its gaps are in seed_moto.py's summary).
        #expect(!aws.securityGroups.isEmpty && !aws.networkAcls.isEmpty && !aws.vpcEndpoints.isEmpty)
        #expect(!aws.egressOnlyInternetGateways.isEmpty && !aws.transitGatewayRoutes.isEmpty)
        #expect(!aws.prefixListEntries.isEmpty && !aws.instanceTypes.isEmpty)
        #expect(Set(live.state.securityGroups) == Set(aws.securityGroups))
        #expect(Set(live.state.networkAcls) == Set(aws.networkAcls))
        #expect(Set(live.state.vpcEndpoints) == Set(aws.vpcEndpoints))
        #expect(Set(live.state.egressOnlyInternetGateways) == Set(aws.egressOnlyInternetGateways))
        #expect(Set(live.state.managedPrefixLists) == Set(aws.managedPrefixLists))
        #expect(Set(live.state.prefixListEntries) == Set(aws.prefixListEntries))
        #expect(Set(live.state.transitGatewayAttachments) == Set(aws.transitGatewayAttachments))
        #expect(Set(live.state.transitGatewayRouteTables) == Set(aws.transitGatewayRouteTables))
        #expect(Set(live.state.transitGatewayRouteTableAssociations) == Set(aws.transitGatewayRouteTableAssociations))
        #expect(Set(live.state.transitGatewayRoutes) == Set(aws.transitGatewayRoutes))
        #expect(Set(live.state.instanceTypes) == Set(aws.instanceTypes))
        let packetPath = try #require(summary["packetPath"] as? [String: Any])
        #expect(live.state.securityGroups.contains { group in
            group.egress.contains { $0.prefixListIDs.map(\.prefixListID) == [packetPath["prefixListId"] as? String ?? "?"] }
        })

        // IPv6 (a subnet's /64, an ENI's address) and the VPC attachment's subnets and appliance
        // mode: moto implements them, so the live decoding is checked against awscli above and here.
        let ipv6Subnet = try #require(packetPath["ipv6SubnetId"] as? String)
        #expect(live.state.subnets.first { $0.subnetID == ipv6Subnet }?.ipv6CidrBlocks.count == 1)
        let ipv6ENI = try #require(packetPath["ipv6NetworkInterfaceId"] as? String)
        #expect(live.state.networkInterfaces.first { $0.networkInterfaceID == ipv6ENI }?.ipv6Addresses.count == 1)
        #expect(live.state.transitGatewayAttachments.contains {
            $0.subnetIDs?.isEmpty == false && $0.applianceModeEnabled == true && $0.association != nil
        })
    }
}
