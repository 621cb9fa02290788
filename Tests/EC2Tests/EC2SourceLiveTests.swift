import Foundation
import HTTP
import Inventory
import TestSupport
import Testing
@testable import EC2

@Suite("EC2 source against loopback peers", .serialized)
struct EC2SourceLiveTests {
    static let demo = DemoBundle.load().snapshot.aws

    static func expectDemo(_ state: AWSState) {
        #expect(Set(state.vpcs) == Set(demo.vpcs))
        #expect(Set(state.subnets) == Set(demo.subnets))
        #expect(Set(state.subnetCidrReservations) == Set(demo.subnetCidrReservations))
        #expect(Set(state.elasticIPs) == Set(demo.elasticIPs))
        #expect(Set(state.networkInterfaces) == Set(demo.networkInterfaces))
        #expect(Set(state.instances) == Set(demo.instances))
        #expect(Set(state.routeTables) == Set(demo.routeTables))
        #expect(Set(state.natGateways) == Set(demo.natGateways))
    }

    @Test("a fetch from the recorded demo responses equals the demo bundle, scoped to the nodes' VPC")
    func fetchDemo() async throws {
        let peer = try PeerProcess(script: "ec2/static_server.py", arguments: ["--set", "fixtures/demo", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.problems.isEmpty)
        #expect(result.vpcIDs == ["vpc-0c0ffee0d15ea5e01"])
        Self.expectDemo(result.state)
        try PacketPathFixtures.expectDemoPacketPath(result.state)
        // Every action the source sent is one deploy/iam-policy.json allows.
        let actions = Set(try await LivePeer.requests(peer).compactMap { $0["action"] as? String })
        let allowed = try PacketPathFixtures.iamPolicyActions()
        #expect(actions.count >= 17)
        for action in actions.sorted() { #expect(allowed.contains("ec2:\(action)"), "not in the IAM policy: \(action)") }
    }

    @Test("every page is fetched, with the + / = token percent-encoded, and DescribeAddresses is sent unpaginated")
    func pagination() async throws {
        let peer = try PeerProcess(script: "ec2/static_server.py",
                                   arguments: ["--set", "fixtures/demo", "--set", "fixtures/paged", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.problems.isEmpty)
        var expected = result.state
        // The off-model DescribeAddresses pair: page 1 is the whole answer for a client that sends no token.
        let page1 = try EC2ResponseDecoder.addresses(
            try EC2ResponseDecoder.root(try Fixtures.bytes("paged", "DescribeAddresses.page1.xml"), operation: "DescribeAddresses"))
        #expect(expected.elasticIPs == page1)
        expected.elasticIPs = Self.demo.elasticIPs
        Self.expectDemo(expected)
        let log = try await LivePeer.requests(peer)
        let subnetCalls = log.filter { $0["action"] as? String == "DescribeSubnets" }.map(LivePeer.parameters)
        #expect(subnetCalls.count == 2)
        #expect(subnetCalls.last?["NextToken"] == "+/+/G1OGbfgaAyzHMSUZUUJ3pbDRb7Dgh/VQbRcblQYRtTQ=")
        #expect(subnetCalls.first?["MaxResults"] == "1000")
        let addressCalls = log.filter { $0["action"] as? String == "DescribeAddresses" }.map(LivePeer.parameters)
        #expect(addressCalls.count == 1)
        #expect(addressCalls.allSatisfy { $0["MaxResults"] == nil && $0["NextToken"] == nil })
        #expect(log.allSatisfy { ($0["status"] as? Int) == 200 || ($0["action"] as? String) == "GetSubnetCidrReservations" })
    }

    @Test("RequestLimitExceeded twice, then success: the fetch succeeds after two backoff sleeps per action")
    func throttlingThenSuccess() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["throttle", "--failures", "2", "--action", "DescribeVpcs", "--port", "0"])
        defer { peer.stop() }
        let recorder = LivePeer.SleepRecorder()
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport, clock: LivePeer.clock(recorder))
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.problems.isEmpty)
        #expect(Set(result.state.vpcs) == Set(Self.demo.vpcs))
        let sleeps = await recorder.sleeps
        #expect(sleeps.contains(.milliseconds(500)) && sleeps.contains(.milliseconds(1000)))
        let vpcCalls = try await LivePeer.requests(peer).filter { $0["action"] as? String == "DescribeVpcs" }
        #expect(vpcCalls.count == 3)
    }

    @Test("a throttle that outlasts three attempts fails that operation only")
    func throttlingExhausted() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["throttle", "--failures", "5", "--action", "DescribeRouteTables", "--port", "0"])
        defer { peer.stop() }
        let recorder = LivePeer.SleepRecorder()
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport, clock: LivePeer.clock(recorder))
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.state.routeTables.isEmpty)
        #expect(!result.state.subnets.isEmpty)
        #expect(result.problems.map(\.category) == [.throttling])
    }

    @Test("a denied DescribeAddresses names ec2:DescribeAddresses and leaves the rest working")
    func denied() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["deny", "--action", "DescribeAddresses", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.missingIAMActions == ["ec2:DescribeAddresses"])
        #expect(result.state.elasticIPs.isEmpty)
        #expect(Set(result.state.networkInterfaces) == Set(Self.demo.networkInterfaces))
        let status = EC2SourceStatus(phase: .live, lastSuccess: Date(), problems: result.problems, region: "us-east-1")
        #expect(status.description.contains("missing IAM ec2:DescribeAddresses"))
    }

    @Test("a denied GetSubnetCidrReservations (not covered by ec2:Describe*) is named; subnets still load")
    func deniedReservations() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["deny", "--action", "GetSubnetCidrReservations", "--plain", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.missingIAMActions == ["ec2:GetSubnetCidrReservations"])
        #expect(result.state.subnetCidrReservations.isEmpty)
        #expect(Set(result.state.subnets) == Set(Self.demo.subnets))
    }

    @Test("concurrent calls rejected with the same expired keys share one refresh")
    func concurrentExpiryOneRefresh() async throws {
        // Every request signed with the first instance-metadata keys is expired, however the
        // concurrent requests interleave with the refresh; the refreshed keys are accepted.
        let ec2 = try PeerProcess(script: "ec2/stand_ins.py",
                                  arguments: ["expired", "--times", "0", "--expired-key", "ASIAIMDS000000000001", "--port", "0"])
        defer { ec2.stop() }
        let imds = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--rotate", "--port", "0"])
        defer { imds.stop() }
        let configuration = try AWSConfiguration.resolve(
            profile: nil, region: "us-east-1", endpointURL: try ec2.string("url"),
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": try imds.string("url")],
            files: SharedConfigFiles(configText: "", credentialsText: ""))
        let source = EC2Source(configuration: configuration, transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: [])
        #expect(result.problems.isEmpty)
        let cache = try await source.credentialCache()
        #expect(await cache.fetchCount == 2)
    }

    @Test("RequestExpired is treated like ExpiredToken: refresh once, then success")
    func requestExpiredRefresh() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["expired", "--times", "1", "--code", "RequestExpired", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        #expect(try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances).problems.isEmpty)
    }

    @Test("keys that stay expired fail the fetch with the credential problem")
    func alwaysExpired() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["expired", "--expired-key", "AKIDGATEWATCHTEST", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        do {
            _ = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
            Issue.record("expected ExpiredToken")
        } catch {
            #expect(error.category == .expired)
            #expect(error.description.contains("ExpiredToken"))
        }
    }

    @Test("ExpiredToken refreshes the credentials once and the call then succeeds")
    func expiredTokenRefresh() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["expired", "--times", "1", "--port", "0"])
        defer { peer.stop() }
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        #expect(result.problems.isEmpty)
        let cache = try await source.credentialCache()
        #expect(await cache.fetchCount == 2)
    }

    @Test("no error description contains the secret key, the session token or a signature")
    func secretsNeverShown() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py",
                                   arguments: ["deny", "--action", "DescribeAddresses", "--action", "DescribeVpcs", "--port", "0"])
        defer { peer.stop() }
        let configuration = try LivePeer.configuration(endpoint: try peer.string("url"),
                                                       environment: ["AWS_SESSION_TOKEN": "SESSIONTOKEN/never+shown="])
        let source = EC2Source(configuration: configuration, transport: LivePeer.transport)
        let result = try await source.fetchOnce(instanceIDs: LivePeer.demoNodeInstances)
        let signatures = try await LivePeer.requests(peer).compactMap { ($0["auth"] as? [String: Any])?["signature"] as? String }
        #expect(!signatures.isEmpty)
        let closed = EC2Source(configuration: try LivePeer.configuration(endpoint: "http://127.0.0.1:1",
                                                                         environment: ["AWS_SESSION_TOKEN": "SESSIONTOKEN/never+shown="]),
                               transport: LivePeer.transport, clock: LivePeer.clock(LivePeer.SleepRecorder()))
        var texts = result.problems.map(\.description)
        do { _ = try await closed.fetchOnce(instanceIDs: ["i-1"]) } catch { texts.append(error.description) }
        texts.append(EC2SourceStatus(phase: .stale, error: result.problems.first, problems: result.problems).description)
        texts.append(configuration.credentialSource.description)
        #expect(texts.count >= 4)
        for text in texts {
            #expect(!text.contains("gatewatch/secret+KEY=never-shown"))
            #expect(!text.contains("SESSIONTOKEN"))
            for signature in signatures { #expect(!text.contains(signature)) }
        }
    }

    @Test("polling hands over the last good state marked stale when the API goes away")
    func staleAfterFailure() async throws {
        let peer = try PeerProcess(script: "ec2/static_server.py", arguments: ["--set", "fixtures/demo", "--port", "0"])
        let source = EC2Source(configuration: try LivePeer.configuration(endpoint: try peer.string("url")),
                               transport: LivePeer.transport,
                               clock: AWSClock(now: { Date() }, sleep: { _ in try await Task.sleep(for: .milliseconds(50)) },
                                               random: { 0 }))
        let updates = UpdateLog()
        let poller = Task {
            await source.run(instanceIDs: { LivePeer.demoNodeInstances }, interval: .milliseconds(50)) { state, status in
                Task { await updates.append(state, status) }
            }
        }
        defer { poller.cancel() }
        try await updates.wait { $0.contains { $0.1.phase == .live } }
        peer.stop()
        try await updates.wait { $0.contains { $0.1.phase == .stale } }
        let stale = try #require(await updates.entries.first { $0.1.phase == .stale })
        #expect(Set(stale.0.vpcs) == Set(Self.demo.vpcs))
        #expect(stale.1.lastSuccess != nil)
        #expect(stale.1.description.contains("stale since"))
    }

    actor UpdateLog {
        private(set) var entries: [(AWSState, EC2SourceStatus)] = []
        func append(_ state: AWSState, _ status: EC2SourceStatus) { entries.append((state, status)) }
        func wait(_ condition: ([(AWSState, EC2SourceStatus)]) -> Bool) async throws {
            for _ in 0..<200 {
                if condition(entries) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("timed out waiting for an update")
        }
    }
}
