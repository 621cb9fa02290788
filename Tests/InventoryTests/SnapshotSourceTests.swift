import Inventory
import Testing

@Suite("Snapshot sources")
struct SnapshotSourceTests {
    @Test("a live source names the kube context, the AWS account and the region")
    func liveSourceNamesContextAccountAndRegion() {
        let source = SnapshotSource.live(context: "prod · projectcalico.org/v3", account: "123456789012", region: "us-east-1")
        #expect(source.description == "prod · projectcalico.org/v3 @ aws 123456789012 us-east-1")
        #expect(SnapshotSource.live(context: nil, region: "eu-west-1").description == "eu-west-1")
        #expect(SnapshotSource.live(context: "dev", region: nil).description == "dev")
    }

    @Test("the demo's VPC carries its owning account, as DescribeVpcs reports it")
    func demoVpcHasItsOwner() {
        #expect(DemoBundle.load().snapshot.aws.vpcs.first?.ownerID == "123456789012")
    }
}
