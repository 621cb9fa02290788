import Foundation
import Inventory
import Testing

/// Bundles stay inside their directory, snapshots are private and hold no annotation Gatewatch
/// does not read, and an object given twice is said (issue #18 item 6).
@Suite("bundle safety")
struct BundleSafetyTests {
    /// `cluster` with only the annotations a written bundle keeps.
    static func readAnnotationsOnly(_ cluster: ClusterState) -> ClusterState {
        func kept(_ meta: ObjectMeta) -> ObjectMeta {
            var meta = meta
            meta.annotations = meta.annotations.filter { key, _ in
                BundleObject.keptAnnotationPrefixes.contains { key.hasPrefix($0) }
            }
            return meta
        }
        var cluster = cluster
        cluster.namespaces = cluster.namespaces.map { var v = $0; v.metadata = kept(v.metadata); return v }
        cluster.pods = cluster.pods.map { var v = $0; v.metadata = kept(v.metadata); return v }
        cluster.nodes = cluster.nodes.map { var v = $0; v.metadata = kept(v.metadata); return v }
        cluster.egressGateways = cluster.egressGateways.map { var v = $0; v.metadata = kept(v.metadata); return v }
        return cluster
    }

    private func scratch(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: api-0, namespace: checkout}
        status: {podIP: 10.0.1.5}
        """

    @Test("a symbolic link inside a bundle to a file outside it is refused, naming the link; one inside is read")
    func symlinkOutsideIsRefused() throws {
        let outside = try scratch("outside")
        let bundle = try scratch("bundle")
        defer {
            try? FileManager.default.removeItem(atPath: outside)
            try? FileManager.default.removeItem(atPath: bundle)
        }
        try "secret-outside-the-bundle: 1\n".write(toFile: outside + "/secret.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: bundle + "/cluster", withIntermediateDirectories: true)
        try pod.write(toFile: bundle + "/cluster/pods.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: bundle + "/cluster/stolen.yaml", withDestinationPath: outside + "/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: bundle + "/cluster/linked.yaml", withDestinationPath: "pods.yaml")
        try FileManager.default.createSymbolicLink(atPath: bundle + "/aws", withDestinationPath: outside)

        let loaded = try BundleLoader.load(directory: bundle)
        let refused = loaded.diagnostics.filter { $0.message.hasPrefix("refused: a symbolic link") }
        // A linked directory is either not entered or each file under it is refused.
        #expect(refused.map(\.file).contains("cluster/stolen.yaml"))
        #expect(refused.allSatisfy { $0.file == "cluster/stolen.yaml" || $0.file == "aws/secret.yaml" })
        #expect(refused.allSatisfy { $0.severity == .error })
        #expect(!loaded.diagnostics.contains { $0.description.contains("secret-outside") })
        #expect(loaded.snapshot.cluster.pods.map(\.qualifiedName) == ["checkout/api-0"])
        // The link inside the bundle is read: its pod is the same object as pods.yaml's, said once.
        let duplicate = try #require(loaded.diagnostics.first { $0.message.contains("already loaded") })
        #expect(duplicate.file == "cluster/pods.yaml" && duplicate.message.contains("cluster/linked.yaml"))
    }

    @Test("an object in two bundle files is loaded once, with a warning naming both files")
    func duplicateAcrossFilesIsSaid() throws {
        let other = pod.replacingOccurrences(of: "api-0", with: "api-1")
        let files = [
            BundleFile(path: "cluster/a.yaml", contents: Array((pod + "\n---\n" + other).utf8)),
            BundleFile(path: "cluster/b.yaml", contents: Array((other + "\n---\n" + pod).utf8)),
        ]
        let loaded = BundleLoader.load(files: files, source: .demo)
        #expect(loaded.snapshot.cluster.pods.map(\.qualifiedName).sorted() == ["checkout/api-0", "checkout/api-1"])
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.file == "cluster/b.yaml")
        #expect(warning.object == "Pod checkout/api-1")
        #expect(warning.message.contains("cluster/a.yaml") && warning.message.contains("and 1 more Pod"))
    }

    @Test("snapshot files are 0600, directories 0700, whatever the umask")
    func writtenModesArePrivate() throws {
        let parent = try scratch("modes")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let directory = parent + "/out"
        let previous = umask(0)
        defer { umask(previous) }
        try BundleWriter.write(DemoBundle.load().snapshot, to: directory)
        var checked = 0
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
        var modes: [String: Int] = [directory: try mode(directory)]
        while let next = enumerator.nextObject() as? String { modes[next] = try mode(directory + "/" + next) }
        for (path, mode) in modes {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path.hasPrefix("/") ? path : directory + "/" + path, isDirectory: &isDirectory)
            #expect(mode == (isDirectory.boolValue ? 0o700 : 0o600), "\(path): \(String(mode, radix: 8))")
            checked += 1
        }
        #expect(modes.keys.contains("firewall/ftd-egress.cfg"))
        #expect(checked > 10)
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    @Test("a snapshot keeps the annotations Gatewatch reads and drops every other one")
    func unreadAnnotationsAreDropped() throws {
        let kept = ["egress.projectcalico.org/egressGatewayPolicy": "egress-a", "cni.projectcalico.org/podIP": "10.0.1.5/32"]
        let meta = ObjectMeta(name: "api-0", namespace: "checkout", annotations: kept.merging([
            "kubectl.kubernetes.io/last-applied-configuration": "{\"password\":\"hunter2-marker\"}",
            "vault.hashicorp.com/agent-inject-secret": "db-marker",
        ]) { a, _ in a })
        let snapshot = Snapshot(source: .demo, cluster: ClusterState(namespaces: [Namespace(metadata: meta)],
                                                                     pods: [Pod(metadata: meta)]), aws: AWSState())
        let files = BundleWriter.files(for: snapshot)
        let text = files.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
        #expect(!text.contains("hunter2-marker") && !text.contains("db-marker"))
        let loaded = BundleLoader.load(files: files, source: .demo).snapshot.cluster
        #expect(loaded.pods.first?.metadata.annotations == kept)
        #expect(loaded.namespaces.first?.metadata.annotations == kept)
    }

    /// Fuzz finding (bundle-item, crash-70658acb): a key made of carriage returns was quoted raw,
    /// splitting the warning across lines.
    @Test("diagnostics quoting keys or values from the input stay on one line")
    func quotedInputStaysOnOneLine() {
        let bytes: [UInt8] = [0x7B] + Array(repeating: 0x0D, count: 13) + [0xFF] + Array(repeating: 0x0D, count: 35)
            + Array("0.1.5\"".utf8) + [0x96] + Array("}]}".utf8)
        let loaded = BundleLoader.load(files: [BundleFile(path: "aws/describe-addresses.json", contents: bytes)], source: .demo)
        #expect(!loaded.diagnostics.isEmpty)
        for diagnostic in loaded.diagnostics {
            #expect(!diagnostic.description.contains("\r") && !diagnostic.description.contains("\n"), "\(diagnostic.description)")
        }
    }
}
