import Foundation
import HTTP
import Inventory
import TestSupport
import Testing
@testable import EC2

/// DescribeInstanceTypes (the ENI limits behind `get capacity` and `gateway-capacity`) is asked
/// once per instance type: a second poll reuses what the first learned.
@Suite("instance types are cached per type", .serialized)
struct InstanceTypeCacheLiveTests {
    @Test("two polls ask DescribeInstanceTypes once, for the nodes' type only, and both carry its limits")
    func onePerType() async throws {
        let peer = try PeerProcess(script: "ec2/static_server.py", arguments: ["--set", "fixtures/demo", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let first = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        let second = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(first.problems.isEmpty && second.problems.isEmpty)
        for state in [first.state, second.state] {
            let info = try #require(state.instanceType(named: "m5.xlarge")?.networkInfo)
            #expect(info.calicoENISlots == 4)
            #expect(info.ipv4AddressesPerInterface == 15)
            #expect(CapacityReport.eniCapacity(info, otherENIs: 1, mode: .enabled) == 42)
        }
        let calls = try await LivePeer.requests(peer).filter { $0["action"] as? String == "DescribeInstanceTypes" }
        #expect(calls.count == 1)
        #expect(calls.first.map(LivePeer.parameters)?["InstanceType.1"] == "m5.xlarge")
    }
}
