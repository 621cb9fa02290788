import Foundation
import Inventory
import TestSupport
import Testing

/// The packet path around the demo: the demo bundle's security groups and ACLs, and the
/// awscli JSON in `Tests/Peers/ec2/demo-path` that `make_fixtures.py` serves as XML in `fixtures/demo`.
enum PacketPathFixtures {
    static let directory = PeerProcess.repositoryRoot.appendingPathComponent("Tests/Peers/ec2/demo-path").path

    /// The demo-path JSON loaded as a bundle's `aws/` (the oracle for the XML served from it).
    static func bundle() throws -> AWSState {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        let files = try names.map {
            BundleFile(path: "aws/" + $0, contents: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))))
        }
        let loaded = BundleLoader.load(files: files, source: .bundle(path: directory))
        #expect(files.count == 10 && loaded.diagnostics.isEmpty)
        return loaded.snapshot.aws
    }

    /// The actions `deploy/iam-policy.json` allows.
    static func iamPolicyActions() throws -> Set<String> {
        let url = PeerProcess.repositoryRoot.appendingPathComponent("deploy/iam-policy.json")
        let policy = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let statements = policy?["Statement"] as? [[String: Any]] ?? []
        return Set(statements.flatMap { $0["Action"] as? [String] ?? [] })
    }

    /// What a live fetch of the demo, scoped to its VPC and nodes, reads beyond the eight lists.
    static func expectDemoPacketPath(_ state: AWSState) throws {
        let demo = DemoBundle.load().snapshot.aws
        let path = try bundle()
        #expect(!state.securityGroups.isEmpty && !state.networkAcls.isEmpty)
        #expect(Set(state.securityGroups) == Set(demo.securityGroups))
        #expect(Set(state.networkAcls) == Set(demo.networkAcls))
        #expect(state.vpcEndpoints == path.vpcEndpoints)
        // The only egress-only IGW is attached to another VPC.
        #expect(state.egressOnlyInternetGateways.isEmpty && path.egressOnlyInternetGateways.count == 1)
        #expect(state.transitGatewayAttachments == path.transitGatewayAttachments)
        // DescribeTransitGatewayVpcAttachments adds the VPC attachment's subnets and appliance mode.
        let vpcAttachment = state.transitGatewayAttachments.first { $0.resourceType == "vpc" }
        #expect(vpcAttachment?.subnetIDs?.count == 3 && vpcAttachment?.applianceModeEnabled == false)
        #expect(vpcAttachment?.association != nil)
        #expect(state.transitGatewayRouteTables == path.transitGatewayRouteTables)
        #expect(state.transitGatewayRouteTableAssociations == path.transitGatewayRouteTableAssociations)
        #expect(state.transitGatewayRoutes == path.transitGatewayRoutes)
        #expect(state.transitGatewayRoutes.contains { $0.isBlackhole })
        // The nodes are all m5.xlarge; no route or rule names a prefix list.
        #expect(state.instanceTypes == path.instanceTypes.filter { $0.instanceType == "m5.xlarge" })
        #expect(state.managedPrefixLists.isEmpty && state.prefixListEntries.isEmpty)
    }
}
