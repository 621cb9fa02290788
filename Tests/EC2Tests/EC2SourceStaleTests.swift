import Foundation
import HTTP
import Inventory
import Synchronization
import TestSupport
import Testing
@testable import EC2

/// An operation that fails after having worked keeps its last good data, marked stale with its
/// name; and a burst of throttles slows the client once, not once per throttled call (issue #18 item 3).
@Suite("EC2 source: stale operations and the rate limiter", .serialized)
struct EC2SourceStaleTests {
    @Test("a listing that starts failing keeps its last good data and is named as stale; the rest stays current")
    func failingOperationKeepsLastGoodData() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["throttle", "--failures", "0", "--action", "DescribeRouteTables",
                                               "--action", "DescribeSecurityGroups", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport, clock: LivePeer.clock(LivePeer.SleepRecorder()))
        let first = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(first.problems.isEmpty && first.staleOperations.isEmpty)
        #expect(!first.state.routeTables.isEmpty && !first.state.transitGatewayRoutes.isEmpty)

        // From now on every DescribeRouteTables and DescribeSecurityGroups call is throttled.
        _ = try await LivePeer.transport.send(HTTPRequest(method: "POST", url: try peer.string("url") + "/_reset?failures=1000",
                                                          proxy: .none))
        let second = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(Set(second.problems.compactMap(\.operation)) == ["DescribeRouteTables", "DescribeSecurityGroups"])
        #expect(second.staleOperations == ["DescribeRouteTables", "DescribeSecurityGroups"])
        #expect(second.state.routeTables == first.state.routeTables)
        #expect(second.state.securityGroups == first.state.securityGroups)
        #expect(second.state.subnets == first.state.subnets)
        // What the kept routes name is still followed.
        #expect(second.state.transitGatewayRoutes == first.state.transitGatewayRoutes)
        let status = EC2SourceStatus(phase: .live, lastSuccess: Date(), problems: second.problems, region: "us-east-1",
                                     staleOperations: second.staleOperations)
        #expect(status.showsStaleData)
        #expect(status.description.contains("STALE DescribeRouteTables, DescribeSecurityGroups"))
    }

    @Test("an operation that never worked stays empty and is not called stale")
    func neverWorkedIsNotStale() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["throttle", "--failures", "1000", "--action", "DescribeNetworkAcls", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport, clock: LivePeer.clock(LivePeer.SleepRecorder()))
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.state.networkAcls.isEmpty && result.staleOperations.isEmpty)
        #expect(result.problems.compactMap(\.operation) == ["DescribeNetworkAcls"])
    }

    /// A clock whose time the test moves.
    final class ManualTime: Sendable {
        private let seconds = Mutex<Double>(1_800_000_000)
        var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
        func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
    }

    @Test("throttles of concurrent calls within a second halve the send rate once; a later one halves it again")
    func throttleBurstCountsOnce() async {
        let time = ManualTime()
        let policy = RetryPolicy(clock: AWSClock(now: { time.now }, sleep: { _ in }, random: { 0.5 }))
        let throttled = EC2Error.service(EC2ServiceError(operation: "DescribeVpcs", code: "RequestLimitExceeded",
                                                         message: "", requestID: nil, httpStatus: 503))
        for _ in 0..<16 { _ = await policy.decide(after: throttled, attempt: 1) }
        #expect(await policy.currentRateLimit == RetryPolicy.throttledStartRate)
        #expect(await policy.throttleCount == 16)
        time.advance(2)
        _ = await policy.decide(after: throttled, attempt: 1)
        #expect(await policy.currentRateLimit == RetryPolicy.throttledStartRate / 2)
        for _ in 0..<10 {
            time.advance(2)
            _ = await policy.decide(after: throttled, attempt: 1)
        }
        #expect(await policy.currentRateLimit == RetryPolicy.minimumRate)
    }
}
