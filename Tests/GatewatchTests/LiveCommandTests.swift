import Foundation
import TestSupport
import Testing

/// The commands against live peers: the Kubernetes stand-in serving the demo bundle and moto
/// seeded with the demo's AWS side. Live output must equal the output for a snapshot of it.
@Suite("Live commands", .serialized)
struct LiveCommandTests {
    /// Both peers and the environment a user would have: explicit test credentials, no shared
    /// AWS files, no instance metadata (nothing leaves the loopback).
    final class Peers {
        let kube: PeerProcess
        let moto: PeerProcess
        let home: URL
        let flags: [String]
        let environment: [String: String]

        init() throws {
            kube = try DemoPeers.kubeStandIn()
            moto = try DemoPeers.moto()
            home = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            flags = ["--kubeconfig", try kube.string("kubeconfig"), "--region", "us-east-1",
                     "--endpoint-url", try moto.string("url")]
            environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": home.path, "XDG_CONFIG_HOME": home.path,
                           "AWS_ACCESS_KEY_ID": "AKIDLIVETEST", "AWS_SECRET_ACCESS_KEY": "live-test-secret-key",
                           "AWS_EC2_METADATA_DISABLED": "true"]
        }

        func run(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.run(arguments: arguments, environment: environment)
        }

        deinit {
            kube.stop()
            moto.stop()
            try? FileManager.default.removeItem(at: home)
        }
    }

    @Test("get eips live shows the same bindings as on a snapshot of the same state")
    func liveElasticIPsEqualTheSnapshotsOnes() throws {
        let peers = try Peers()
        let live = try peers.run(["get", "eips", "-o", "json"] + peers.flags)
        #expect(live.exitCode == 0, "\(live.stderr)")
        let bundle = peers.home.appendingPathComponent("bundle").path
        let saved = try peers.run(["snapshot", "--out", bundle] + peers.flags)
        #expect(saved.exitCode == 0, "\(saved.stderr)")
        let replayed = try peers.run(["get", "eips", "-o", "json", "--from", bundle])
        #expect(replayed.exitCode == 0, "\(replayed.stderr)")
        let bindings = try #require(CommandRunner.json(live.stdout) as? [Any])
        #expect(bindings.count == 6)
        #expect(live.stdout == replayed.stdout)
    }

    @Test("get gateways live lists the cluster's gateways with their AWS facts, as the snapshot does")
    func liveGatewaysEqualTheSnapshots() throws {
        let peers = try Peers()
        let live = try peers.run(["get", "gateways", "-o", "json"] + peers.flags)
        #expect(live.exitCode == 0, "\(live.stderr)")
        let gateways = try #require(CommandRunner.json(live.stdout) as? [[String: Any]])
        #expect(gateways.count == 7)
        let bundle = peers.home.appendingPathComponent("bundle").path
        _ = try peers.run(["snapshot", "--out", bundle] + peers.flags)
        let replayed = try peers.run(["get", "gateways", "-o", "json", "--from", bundle])
        #expect(live.stdout == replayed.stdout)
    }

    @Test("without a reachable cluster the AWS side still works, and the failure is on stderr")
    func awsWorksWithoutACluster() throws {
        let peers = try Peers()
        let flags = ["--kubeconfig", peers.home.appendingPathComponent("missing-kubeconfig").path, "--region", "us-east-1",
                     "--endpoint-url", try peers.moto.string("url")]
        let result = try peers.run(["get", "eips", "-o", "json"] + flags)
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("kube:"))
        #expect((try CommandRunner.json(result.stdout) as? [Any])?.count == 6)
    }

    @Test("when neither side can be read the command fails with exit 2, naming both, and no secret")
    func bothSidesMissingIsAnInputError() throws {
        let peers = try Peers()
        let flags = ["--kubeconfig", peers.home.appendingPathComponent("missing-kubeconfig").path, "--region", "us-east-1",
                     "--endpoint-url", "http://127.0.0.1:9"]
        let result = try peers.run(["get", "eips"] + flags)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("kube:"))
        #expect(result.stderr.contains("aws:"))
        #expect(!result.stderr.contains("live-test-secret-key"))
    }
}
