import Console
import Inventory
import Testing

@Suite("Header bar")
struct HeaderBarTests {
    @Test("a long failure leaves the live source readable and is cut, not the source")
    func longFailureKeepsTheSourceReadable() {
        let demo = Fixtures.demo
        let live = Snapshot(source: .live(context: "prod-eks · projectcalico.org/v3", account: "123456789012", region: "us-east-1"),
                            cluster: demo.cluster, aws: demo.aws, config: demo.config, firewallConfigs: demo.firewallConfigs)
        let failure = "EC2 us-east-1 stale since 14:02:31Z: DescribeVpcs: cannot connect to ec2.us-east-1.amazonaws.com: "
            + String(repeating: "connection timed out ", count: 5)
        let console = OffscreenConsole(snapshot: live, width: 120, height: 40, status: .failing(.aws, failure))
        let header = console.render().text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("prod-eks · projectcalico.org/v3"))
        #expect(header.contains("STALE: aws: EC2 us-east-1 stale"))
        #expect(!header.contains("connection timed out connection timed out connection timed out"))
    }
}
