import Console
import Foundation
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

    @Test("a past state's AT label is never dropped, and from 80 columns the counts stay", arguments: [80, 100, 120, 160, 200])
    func pastHeaderKeepsTheLabelAndTheCounts(width: Int) throws {
        let moment = Date(timeIntervalSince1970: 1_795_602_600)  // 2026-11-25T10:30:00Z
        let console = OffscreenConsole(snapshot: Fixtures.demo, width: width, height: 24, pastMoment: moment)
        let frame = console.render()
        let header = frame.line(0)
        // The label in one of its lengths, all of it in the past-state colour.
        let found = [" AT 2026-11-25T10:30:00Z", " AT 2026-11-25 10:30Z"].first { header.contains($0) }
        let label = try #require(found, "no AT label at \(width) columns: \(header)")
        let marker = try #require(header.range(of: label))
        let start = header.distance(from: header.startIndex, to: marker.lowerBound)
        let roles = Array(frame.roleLine(0).unicodeScalars)
        #expect(roles[start..<(start + label.count)].allSatisfy { $0 == ThemeRole.pastState.code })
        if width >= 80 { #expect(header.contains("gw 6/7") || header.contains("gateways 6/7 ready"), "\(header)") }
        if width >= 120 { #expect(header.contains("(read-only)")) }
        #expect(!header.contains("data "))
    }
}
