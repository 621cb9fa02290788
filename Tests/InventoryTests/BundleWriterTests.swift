import Foundation
import Inventory
import Testing

@Suite("bundle writer")
struct BundleWriterTests {
    private func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bundle-writer-\(UUID().uuidString)").path
    }

    @Test("the demo bundle written and read back gives the same states and views")
    func demoRoundTrips() throws {
        let original = DemoBundle.load().snapshot
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try BundleWriter.write(original, to: directory)
        let loaded = try BundleLoader.load(directory: directory)
        let snapshot = loaded.snapshot
        #expect(snapshot.cluster == BundleSafetyTests.readAnnotationsOnly(original.cluster))
        #expect(snapshot.aws == original.aws)
        #expect(snapshot.config == original.config)
        #expect(snapshot.firewallConfigs == original.firewallConfigs)
        #expect(snapshot.gateways == original.gateways)
        #expect(snapshot.pools == original.pools)
        #expect(snapshot.elasticIPBindings == original.elasticIPBindings)
        #expect(snapshot.policies == original.policies)
        #expect(snapshot.orphanedBlocks == original.orphanedBlocks)
    }

    @Test("a written bundle loads without diagnostics")
    func writtenBundleLoadsCleanly() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try BundleWriter.write(DemoBundle.load().snapshot, to: directory)
        #expect(try BundleLoader.load(directory: directory).diagnostics == [])
    }

    @Test("writing into a non-empty directory is refused")
    func nonEmptyDirectoryIsRefused() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "x".write(toFile: directory + "/keep.txt", atomically: true, encoding: .utf8)
        #expect(throws: BundleWriteError.self) { try BundleWriter.write(DemoBundle.load().snapshot, to: directory) }
    }

    @Test("a firewall file from outside the bundle is stored under firewall/ and the config follows it")
    func outsideFirewallFileIsMovedUnderFirewall() throws {
        let demo = DemoBundle.load().snapshot
        var config = demo.config
        let firewall = try #require(config.firewalls.first)
        config.firewalls[0].config = "/etc/gatewatch/\(firewall.name).cfg"
        let files = [FirewallConfigFile(path: "/etc/gatewatch/\(firewall.name).cfg", text: "hostname x\n")]
        let snapshot = Snapshot(source: .live(context: "c", region: nil), cluster: demo.cluster, aws: demo.aws,
                                config: config, firewallConfigs: files)
        let written = BundleWriter.files(for: snapshot)
        #expect(written.contains { $0.path == "firewall/\(firewall.name).cfg" })
        let loaded = BundleLoader.load(files: written, source: .demo)
        #expect(loaded.snapshot.config.firewalls.first?.config == "firewall/\(firewall.name).cfg")
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test("special characters in labels and annotations survive the round trip")
    func specialCharactersSurvive() throws {
        let pod = Pod(metadata: ObjectMeta(name: "p", namespace: "n", labels: ["a": "quote\" back\\slash"],
                                           annotations: ["cni.projectcalico.org/multi": "line\nnext\ttab \u{1}"]))
        let snapshot = Snapshot(source: .demo, cluster: ClusterState(pods: [pod]), aws: AWSState())
        let loaded = BundleLoader.load(files: BundleWriter.files(for: snapshot), source: .demo)
        #expect(loaded.snapshot.cluster.pods == [pod])
    }
}
