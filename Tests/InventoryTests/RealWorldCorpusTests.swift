import Foundation
import Inventory
import Testing

/// Where the corpus is: `../shared/realworld` relative to the package root, when it exists.
enum RealWorldCorpus {
    static let root: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = package.deletingLastPathComponent().appendingPathComponent("shared/realworld").standardizedFileURL.path
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
    }()
}

/// The public material in `../shared/realworld` (beside the package; see its README.md):
/// Calico manifests, `aws ec2 describe-*` outputs and bundles derived from them. Skipped when
/// the directory is absent; its files are never copied into the repository.
@Suite(.enabled(if: RealWorldCorpus.root != nil, "../shared/realworld is absent: corpus tests skipped"))
struct RealWorldCorpusTests {
    private static var root: String? { RealWorldCorpus.root }

    private static func files(in directory: String, suffix: String) -> [String] {
        guard let root,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root + "/" + directory) else { return [] }
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { root + "/" + directory + "/" + $0 }
    }

    private static func bundleFile(_ area: String, _ path: String, name: String? = nil) throws -> BundleFile {
        BundleFile(path: area + "/" + (name ?? URL(fileURLWithPath: path).lastPathComponent),
                   contents: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Every problem names the file and a line, and says what was expected or what is not valid.
    private static func expectLocated(_ diagnostics: [BundleDiagnostic], file: String) {
        for diagnostic in diagnostics {
            #expect(diagnostic.file == file)
            // Notes about foreign objects name the object instead.
            #expect(diagnostic.line != nil || (diagnostic.severity == .info && diagnostic.object != nil), "\(diagnostic)")
            #expect(diagnostic.message.contains("expected") || diagnostic.message.hasPrefix("not valid")
                    || diagnostic.severity == .info, "\(diagnostic)")
        }
    }

    /// Doc snippets that are not YAML in their source (a `// callout` line, `...` for elided text).
    static let calicoSnippetsThatAreNotYAML: Set<String> = [
        "tigera__docs__calico-enterprise_networking_egress_egress-gateway-aws.mdx__06.yaml",
        "tigera__docs__calico-enterprise_networking_egress_egress-gateway-azure.mdx__04.yaml",
        "tigera__docs__calico-enterprise_networking_egress_egress-gateway-maintenance.mdx__01.yaml",
        "tigera__docs__calico-enterprise_networking_egress_egress-gateway-on-prem.mdx__04.yaml",
    ]

    /// A doc snippet of a `List` that leaves out `kind: List`.
    static let calicoSnippetsWithoutKind: Set<String> = ["tigera__docs__calico-enterprise_networking_ipam_migrate-pools.mdx__02.yaml"]

    @Test func everyCalicoManifestLoadsOrIsSkippedAsForeign() throws {
        let manifests = ["projectcalico-calico", "tigera-docs", "other-vendors"].flatMap { Self.files(in: "calico/" + $0, suffix: ".yaml") }
        #expect(manifests.count >= 40)
        var loadedObjects = 0
        var notYAML: Set<String> = []
        var warnings: Set<String> = []
        for path in manifests {
            let file = try Self.bundleFile("cluster", path)
            let loaded = BundleLoader.load(files: [file], source: .demo)
            Self.expectLocated(loaded.diagnostics, file: file.path)
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            if loaded.diagnostics.contains(where: { $0.severity == .warning }) {
                warnings.insert(URL(fileURLWithPath: path).lastPathComponent)
            }
            if errors.contains(where: { $0.message.hasPrefix("not valid YAML") }) {
                notYAML.insert(URL(fileURLWithPath: path).lastPathComponent)
            } else {
                #expect(errors.isEmpty, "\(path): \(errors.map(\.description))")
            }
            let cluster = loaded.snapshot.cluster
            loadedObjects += cluster.ipPools.count + cluster.policies.count + cluster.felixConfigurations.count
                + cluster.egressGateways.count + cluster.ipReservations.count + cluster.ipamBlocks.count
        }
        #expect(notYAML == Self.calicoSnippetsThatAreNotYAML)
        #expect(warnings == Self.calicoSnippetsWithoutKind)
        #expect(loadedObjects >= 20)
        for path in Self.files(in: "calico/other-vendors", suffix: ".yaml") {
            let loaded = BundleLoader.load(files: [try Self.bundleFile("cluster", path)], source: .demo)
            #expect(!loaded.diagnostics.isEmpty && loaded.diagnostics.allSatisfy { $0.severity == .info }, "\(path)")
            #expect(loaded.snapshot.cluster.ipPools.isEmpty && loaded.snapshot.cluster.policies.isEmpty)
        }
    }

    /// AWS examples with a bad value in their source: an IP written `10-0-0-157`, the IP
    /// `198.11.222.333`, and a `--query` result (a list, not the object the CLI prints).
    static let awsExamplesWithBadValues: Set<String> = [
        "aws__aws-cli__awscli_examples_ec2_describe-instances__01.json",
        "aws__aws-cli__awscli_examples_ec2_describe-instances__05.json",
        "boto__botocore__ec2_examples-1_describe-nat-gateways__01.json",
    ]

    @Test func everyAWSOutputLoadsOrSaysWhereAndWhatWasWrong() throws {
        let outputs = Self.files(in: "aws", suffix: ".json")
        #expect(outputs.count >= 20)
        var failing: Set<String> = []
        for path in outputs {
            let file = try Self.bundleFile("aws", path)
            let loaded = BundleLoader.load(files: [file], source: .demo)
            Self.expectLocated(loaded.diagnostics, file: file.path)
            let aws = loaded.snapshot.aws
            let count = aws.vpcs.count + aws.subnets.count + aws.elasticIPs.count + aws.networkInterfaces.count
                + aws.instances.count + aws.routeTables.count + aws.natGateways.count + aws.subnetCidrReservations.count
            if loaded.diagnostics.contains(where: { $0.severity == .error }) {
                failing.insert(URL(fileURLWithPath: path).lastPathComponent)
            } else {
                #expect(loaded.diagnostics.isEmpty, "\(path): \(loaded.diagnostics.map(\.description))")
                #expect(count > 0 || path.contains("describe-addresses"), "\(path) loaded nothing")
            }
        }
        #expect(failing == Self.awsExamplesWithBadValues)
    }

    @Test func everyInvalidAWSOutputIsReportedWithTheFileAndWhatWasWrong() throws {
        let invalid = Self.files(in: "aws", suffix: ".INVALID.txt")
        #expect(invalid.count == 5)
        for path in invalid {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".json"
            let loaded = BundleLoader.load(files: [try Self.bundleFile("aws", path, name: name)], source: .demo)
            Self.expectLocated(loaded.diagnostics, file: "aws/" + name)
            #expect(loaded.diagnostics.contains { $0.message.hasPrefix("not valid JSON") },
                    "\(path): \(loaded.diagnostics.map(\.description))")
        }
    }

    /// Recorded replies with made-up CIDRs (`1.2.3.4/5`, host bits set) in cloud-custodian's tests.
    static let recordedRepliesWithBadValues: Set<String> = [
        "cloud-custodian__cloud-custodian__test_asg_invalid_filter_bad__ec2.DescribeSubnets_1.json",
        "cloud-custodian__cloud-custodian__test_asg_invalid_filter_good__ec2.DescribeSubnets_1.json",
    ]

    @Test func everyRecordedAPIResponseLoadsOnceUnwrapped() throws {
        // cloud-custodian records boto3 replies as {"status_code": 200, "data": {…}}: the data is the CLI's JSON.
        let recorded = Self.files(in: "aws/cloud-custodian", suffix: ".json")
        #expect(recorded.count >= 100)
        var failing: Set<String> = []
        for path in recorded {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            let data = try #require((object as? [String: Any])?["data"], "\(path)")
            let json = try JSONSerialization.data(withJSONObject: data)
            let loaded = BundleLoader.load(files: [BundleFile(path: "aws/recorded.json", contents: Array(json))], source: .demo)
            Self.expectLocated(loaded.diagnostics, file: "aws/recorded.json")
            if loaded.diagnostics.contains(where: { $0.severity == .error }) {
                failing.insert(URL(fileURLWithPath: path).lastPathComponent)
            }
        }
        #expect(failing == Self.recordedRepliesWithBadValues)
    }

    @Test func theDerivedBundlesLoad() throws {
        guard let root = Self.root else { return }
        let bundles = ["calico/derived/bundle_v1_docs_egp", "calico/derived/bundle_v4_foreign_egp",
                       "calico/derived/bundle_v5_whereabouts", "aws/derived_bundle_a1_route_targets"]
        for bundle in bundles {
            let loaded = try BundleLoader.load(directory: root + "/" + bundle)
            #expect(!loaded.diagnostics.contains { $0.severity == .error }, "\(bundle): \(loaded.diagnostics.map(\.description))")
            #expect(!loaded.snapshot.cluster.pods.isEmpty && !loaded.snapshot.aws.subnets.isEmpty, "\(bundle)")
        }
        let foreign = try BundleLoader.load(directory: root + "/calico/derived/bundle_v4_foreign_egp")
        #expect(foreign.diagnostics.contains { $0.severity == .info && $0.message.contains("network.deckhouse.io") })
        #expect(!foreign.snapshot.cluster.policies.contains { $0.name == "corp-egress-old" })
        let whereabouts = try BundleLoader.load(directory: root + "/calico/derived/bundle_v5_whereabouts")
        #expect(whereabouts.diagnostics.contains { $0.severity == .info && $0.message.contains("whereabouts.cni.cncf.io") })
    }
}
