import Firewall
import Inventory
import LPM
import Testing
@testable import Traffic

/// Attribution and aggregation on the demo bundle (Sources/Inventory/Demo/README.md).
@Suite struct TrafficAggregatorTests {
    static let snapshot = DemoBundle.load().snapshot
    static let gib: UInt64 = 1 << 30

    private func ip(_ text: String) -> IPAddress? { IPAddress(parsing: text) }

    private func record(eni: String, src: String, dst: String, pktSrc: String? = nil, pktDst: String? = nil,
                        sport: UInt16, dport: UInt16, bytes: UInt64, packets: UInt64 = 10, start: Int64 = 1_796_572_800,
                        end: Int64 = 1_796_572_860, action: FlowLogAction = .accept) -> FlowLogRecord {
        var r = FlowLogRecord()
        r.interfaceID = NetworkInterfaceID(eni)
        r.sourceAddress = ip(src)
        r.destinationAddress = ip(dst)
        r.packetSourceAddress = pktSrc.flatMap(ip)
        r.packetDestinationAddress = pktDst.flatMap(ip)
        r.sourcePort = sport
        r.destinationPort = dport
        r.ipProtocol = 6
        r.bytes = bytes
        r.packets = packets
        r.start = start
        r.end = end
        r.action = action
        r.logStatus = .ok
        return r
    }

    private func demoAggregator() -> TrafficAggregator {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot)
        // DLP gateway 4xkqz (secondary IP on its ENI: pkt-* carry it) to the DLP vendor, out and back.
        aggregator.add(record(eni: "eni-0510b72d69e7aab6c", src: "10.0.41.250", dst: "103.47.244.10", pktSrc: "10.0.41.20",
                              pktDst: "103.47.244.10", sport: 40000, dport: 443, bytes: Self.gib))
        aggregator.add(record(eni: "eni-0510b72d69e7aab6c", src: "103.47.244.10", dst: "10.0.41.250",
                              pktSrc: "103.47.244.10", pktDst: "10.0.41.20", sport: 443, dport: 40000, bytes: Self.gib / 2))
        // The same connection seen on another ENI (the node's): counted once.
        aggregator.add(record(eni: "eni-01c3275304befdf77", src: "10.0.1.10", dst: "103.47.244.10", pktSrc: "10.0.41.20",
                              pktDst: "103.47.244.10", sport: 40000, dport: 443, bytes: Self.gib))
        // The next window of the same connection: same flow.
        aggregator.add(record(eni: "eni-0510b72d69e7aab6c", src: "10.0.41.250", dst: "103.47.244.10", pktSrc: "10.0.41.20",
                              pktDst: "103.47.244.10", sport: 40000, dport: 443, bytes: 0, start: 1_796_572_900,
                              end: 1_796_572_960))
        // Mainframe gateway hq5ld to the mainframe over the transit gateway.
        aggregator.add(record(eni: "eni-0947fdb2b4c4a0b44", src: "10.0.18.77", dst: "172.16.0.7", pktSrc: "10.0.30.11",
                              pktDst: "172.16.0.7", sport: 41000, dport: 23, bytes: 2 * Self.gib))
        // A REJECT: denied, no bytes.
        aggregator.add(record(eni: "eni-0947fdb2b4c4a0b44", src: "10.0.18.77", dst: "172.16.0.7", pktSrc: "10.0.30.11",
                              pktDst: "172.16.0.7", sport: 41001, dport: 992, bytes: 60, action: .reject))
        // The bastion (an instance, no workload) to the internet: unattributed.
        aggregator.add(record(eni: "eni-07a93e423b3ff6908", src: "10.0.250.10", dst: "1.1.1.1", sport: 50000, dport: 443,
                              bytes: 1000))
        // Inside the VPC: not egress.
        aggregator.add(record(eni: "eni-01c3275304befdf77", src: "10.0.1.10", dst: "10.0.41.20", sport: 1, dport: 2,
                              bytes: 5))
        // The NAT gateway's translated side.
        aggregator.add(record(eni: "eni-04f6caf6fe987397e", src: "10.0.250.55", dst: "103.47.244.10",
                              pktSrc: "10.0.250.55", pktDst: "103.47.244.10", sport: 6000, dport: 443, bytes: 77))
        return aggregator
    }

    @Test func gatewayTrafficBelongsToTheWorkloadsWhoseTraceLeavesThroughIt() throws {
        let report = demoAggregator().report(by: .gateway)
        let dlp = try #require(report.rows.first { $0.key == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz" })
        #expect(dlp.namespaces == ["checkout", "payments"] && dlp.shared)
        #expect(dlp.bytesOut == Self.gib && dlp.bytesIn == Self.gib / 2)
        #expect(dlp.flows == 1 && dlp.packets == 30 && dlp.denied == 0)
        #expect(dlp.bytesByPath == [.gatewayLoadBalancerEndpoint: Self.gib + Self.gib / 2])
        // GWLB endpoint: (out + in) x 0.0035 + out x 0.09 (public destination).
        #expect(abs(dlp.estimatedCostUSD - (1.5 * 0.0035 + 0.09)) < 1e-9)

        let mainframe = try #require(report.rows.first { $0.key == "corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld" })
        #expect(mainframe.bytesOut == 2 * Self.gib && mainframe.flows == 1 && mainframe.denied == 1)
        #expect(mainframe.bytesByPath == [.transitGateway: 2 * Self.gib])
        #expect(abs(mainframe.estimatedCostUSD - 2 * 0.02) < 1e-9)

        #expect(report.rows.map(\.key) == ["corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld",
                                           "dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"])
        #expect(report.unattributed == TrafficTotals(bytesOut: 1000, packets: 10, flows: 1))
        #expect(report.sources.duplicates == 1 && report.sources.notEgress == 1 && report.sources.natTranslated == 1)
    }

    @Test func everyGroupingKeysTheSameTraffic() {
        let aggregator = demoAggregator()
        let byNamespace = aggregator.report(by: .namespace)
        #expect(byNamespace.rows.map(\.key) == ["checkout+payments"])
        #expect(byNamespace.rows.first?.flows == 2)
        #expect(aggregator.report(by: .rule).rows.map(\.key) == ["Cisco-Secure-Firewall#1", "Cisco-Secure-Firewall#0"])
        #expect(aggregator.report(by: .path).rows.map(\.key) == ["transit-gateway", "gateway-load-balancer-endpoint"])
        // Behind the GWLB endpoint, the inspection subnet routes 0.0.0.0/0 to the NAT gateway: the outside sees its address.
        #expect(aggregator.report(by: .egressIP).rows.map(\.key) == ["10.0.30.11", "198.51.100.30"])
        #expect(aggregator.report(by: .destination).rows.map(\.key) == ["172.16.0.7", "103.47.244.10"])
        #expect(aggregator.report(by: .destination, top: 1).rows.count == 1)
        for grouping in TrafficGrouping.allCases {
            let rows = aggregator.report(by: grouping).rows
            #expect(rows.reduce(0) { $0 + $1.bytesOut + $1.bytesIn } == 3 * Self.gib + Self.gib / 2)
        }
    }

    @Test func aGatewayInAnotherZoneThanTheEndpointPaysInterAZBothWays() throws {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot)
        // m2p7w sits in us-east-1b; the GWLB endpoint's ENI is in us-east-1a.
        aggregator.add(record(eni: "eni-04684d40755f1ee05", src: "10.0.42.250", dst: "103.47.244.11", pktSrc: "10.0.42.37",
                              pktDst: "103.47.244.11", sport: 40000, dport: 443, bytes: Self.gib))
        let row = try #require(aggregator.report(by: .gateway).rows.first)
        #expect(row.key == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w")
        #expect(abs(row.estimatedCostUSD - (0.0035 + 0.09 + 2 * 0.01)) < 1e-9)
    }

    @Test func bypassTrafficFromANodeIsSharedByThePodsLeavingWithItsAddress() throws {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot)
        aggregator.add(record(eni: "eni-01c3275304befdf77", src: "10.0.1.10", dst: "8.8.8.8", sport: 40001, dport: 443,
                              bytes: 100))
        let deny = try #require(AsaSyslogMessage.parse(
            "%FTD-4-106023: Deny tcp src inside:10.0.1.10/40002 dst outside:8.8.8.8/443 by access-group \"inside_access_in\" [0x0, 0x0]"))
        aggregator.add(deny, time: 1_796_572_900)
        let row = try #require(aggregator.report(by: .gateway).rows.first)
        #expect(row.key == "node/ip-10-0-1-10.ec2.internal")
        #expect(row.namespaces == ["analytics", "checkout", "kube-system"] && row.shared)
        #expect(row.bytesOut == 100 && row.flows == 1 && row.denied == 1)
    }

    @Test func aPodSeenWithItsOwnAddressIsItsNamespace() throws {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot)
        aggregator.add(record(eni: "eni-088e8655f71408afc", src: "192.168.91.1", dst: "8.8.8.8", sport: 5000, dport: 53,
                              bytes: 64))
        let row = try #require(aggregator.report(by: .gateway).rows.first)
        #expect(row.key == "node/ip-10-0-6-42.ec2.internal" && row.namespaces == ["payments"] && !row.shared)
    }

    @Test func windowAndSyslogBytesFollowTheRules() throws {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot, since: 1_796_572_800, until: 1_796_572_900)
        aggregator.add(record(eni: "eni-0947fdb2b4c4a0b44", src: "10.0.18.77", dst: "172.16.0.7", pktSrc: "10.0.30.11",
                              pktDst: "172.16.0.7", sport: 41000, dport: 23, bytes: 5, start: 1_796_572_900))
        #expect(aggregator.sources.outsideWindow == 1)
        let end = try #require(AsaSyslogMessage.parse(
            "%FTD-1-430003: AccessControlRuleAction: Allow, SrcIP: 10.0.30.11, DstIP: 172.16.0.7, SrcPort: 41000, "
                + "DstPort: 23, Protocol: tcp, InitiatorBytes: 300, ResponderBytes: 700"))
        aggregator.add(end, time: 1_796_572_850)
        #expect(aggregator.report(by: .namespace).rows.isEmpty)
        aggregator.countSyslogBytes = true
        aggregator.add(end, time: 1_796_572_850)
        let row = try #require(aggregator.report(by: .namespace).rows.first)
        #expect(row.bytesOut == 300 && row.bytesIn == 700 && row.flows == 1)
    }

    @Test func ownershipComesFromTheProtocol() {
        struct Nobody: AddressOwnership {
            func owner(of address: IPAddress, at time: Int64?) -> AddressOwner { .unknown }
        }
        let ownership = SnapshotOwnership(snapshot: Self.snapshot)
        #expect(ownership.owner(of: ip("10.0.41.20")!, at: nil) == .egressGateway(namespace: "dlp-service-egw",
                                                                                  name: "dlp-service-egw-6d9f7c8b5-4xkqz"))
        #expect(ownership.owner(of: ip("198.51.100.30")!, at: nil) == .natGateway("nat-0f1e2d3c4b5a69788"))
        #expect(ownership.owner(of: ip("192.168.91.1")!, at: nil) == .pod(namespace: "payments",
                                                                          name: "payments-api-7f9c6d8b4-2xv9q"))
        // A gateway's traffic is attributed through traces, whatever the journal says of the address.
        let aggregator = TrafficAggregator(snapshot: Self.snapshot, ownership: Nobody())
        aggregator.add(record(eni: "eni-0947fdb2b4c4a0b44", src: "10.0.18.77", dst: "172.16.0.7", pktSrc: "10.0.30.11",
                              pktDst: "172.16.0.7", sport: 41000, dport: 23, bytes: 5))
        #expect(aggregator.report(by: .namespace).rows.first?.bytesOut == 5)
    }
}
