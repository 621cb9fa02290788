#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Yams

/// A loaded bundle: the Snapshot and every problem found on the way.
public struct LoadedBundle: Sendable {
    /// The Snapshot built from everything that loaded.
    public var snapshot: Snapshot
    /// Problems found, in file order; objects with errors were skipped.
    public var diagnostics: [BundleDiagnostic]
}

/// Why a bundle could not be read at all (as opposed to problems inside its files).
public struct BundleLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory that was asked for.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// `cannot read bundle PATH: REASON`.
    public var description: String { "cannot read bundle \(path): \(reason)" }
}

/// Reads a bundle: `cluster/` (Kubernetes YAML/JSON), `aws/` (AWS CLI JSON), `firewall/` (ASA
/// running-config text) and `gatewatch.yaml`, as DESIGN.md describes. Malformed objects are
/// reported with file, line and what was expected, and skipped; unknown kinds and fields are ignored.
public enum BundleLoader {
    /// Reads the bundle in `directory`.
    public static func load(directory: String) throws(BundleLoadError) -> LoadedBundle {
        let manager = FileManager.default
        var isDirectory = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else {
            throw BundleLoadError(path: directory, reason: "no such directory")
        }
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files: [BundleFile] = []
        var refused: [BundleDiagnostic] = []
        let containment = BundleContainment(root: root)
        for relative in listFiles(root: root, manager: manager) {
            if let problem = containment.problem(with: relative) {
                refused.append(BundleDiagnostic(severity: .error, file: relative, message: problem))
                continue
            }
            switch InputFile.read(root + "/" + relative, limit: InputLimits.maxBundleFileBytes) {
            case .success(let contents):
                files.append(BundleFile(path: relative, contents: contents))
            case .failure(let problem):
                refused.append(BundleDiagnostic(severity: .error, file: relative, message: "skipped: \(problem.reason)"))
            }
        }
        var loaded = load(files: files, source: .bundle(path: directory))
        loaded.diagnostics = refused + loaded.diagnostics
        return loaded
    }

    /// Builds a bundle from files already in memory (the embedded demo, tests).
    public static func load(files: [BundleFile], source: SnapshotSource) -> LoadedBundle {
        var cluster = ClusterState()
        var aws = AWSState()
        var config = GatewatchConfig()
        var firewallFiles: [FirewallConfigFile] = []
        var accessListCaptures: [BundleFile] = []
        var diagnostics: [BundleDiagnostic] = []
        var foreign = ForeignObjects()
        var duplicates = DuplicateObjects()
        var vpcAttachments: [TransitGatewayAttachment] = []

        for file in files.sorted(by: { $0.path < $1.path }) {
            switch (file.area, file.fileExtension) {
            case ("cluster", "yaml"), ("cluster", "yml"), ("cluster", "json"),
                 ("aws", "json"), ("aws", "yaml"), ("aws", "yml"):
                for item in decodeDocuments(file, diagnostics: &diagnostics) {
                    foreign.note(item, file: file.path)
                    guard duplicates.admit(item, file: file.path) else { continue }
                    if case .transitGatewayVpcAttachment(let v) = item { vpcAttachments.append(v); continue }
                    apply(item, to: &cluster, &aws)
                }
            case ("firewall", "acl"):
                accessListCaptures.append(file)
            case ("firewall", _):
                firewallFiles.append(FirewallConfigFile(path: file.path, text: String(decoding: file.contents, as: UTF8.self)))
            case ("gatewatch.yaml", _), ("gatewatch.yml", _):
                if let decoded = decodeConfig(file, diagnostics: &diagnostics) { config = decoded }
            case ("README.md", _), ("logs", _):
                continue
            default:
                diagnostics.append(BundleDiagnostic(
                    severity: .warning, file: file.path,
                    message: "skipped: expected cluster/*.yaml|json, aws/*.json, firewall/* or gatewatch.yaml"))
            }
        }
        aws.mergeTransitGatewayVpcAttachments(vpcAttachments)
        diagnostics += foreign.diagnostics + duplicates.diagnostics
        attach(accessListCaptures, to: &firewallFiles, diagnostics: &diagnostics)
        for placement in config.firewalls where !firewallFiles.contains(where: { $0.path == placement.config }) {
            diagnostics.append(BundleDiagnostic(
                severity: .error, file: "gatewatch.yaml", object: "firewall \(placement.name)",
                message: "config file '\(placement.config)' is not in the bundle"))
        }
        let snapshot = Snapshot(source: source, cluster: cluster, aws: aws, config: config, firewallConfigs: firewallFiles)
        return LoadedBundle(snapshot: snapshot, diagnostics: diagnostics)
    }

    /// Gives each `show access-list` capture (`firewall/NAME.acl`) to the running-config of the
    /// same stem (`firewall/NAME.cfg`, or any other extension); a capture with no config beside it
    /// is reported and left out.
    private static func attach(_ captures: [BundleFile], to firewallFiles: inout [FirewallConfigFile],
                               diagnostics: inout [BundleDiagnostic]) {
        for capture in captures {
            guard let index = firewallFiles.firstIndex(where: { $0.accessListPath == capture.path }) else {
                diagnostics.append(BundleDiagnostic(
                    severity: .warning, file: capture.path,
                    message: "skipped: a show access-list capture needs the running-config of the same name beside it"))
                continue
            }
            firewallFiles[index].accessListText = String(decoding: capture.contents, as: UTF8.self)
        }
    }

    /// Decodes the Kubernetes objects of one file given on its own (a candidate policy for a
    /// what-if), reporting problems against `file.path`.
    public static func loadClusterObjects(_ file: BundleFile) -> (cluster: ClusterState, diagnostics: [BundleDiagnostic]) {
        var cluster = ClusterState()
        var aws = AWSState()
        var diagnostics: [BundleDiagnostic] = []
        var foreign = ForeignObjects()
        for item in decodeDocuments(file, diagnostics: &diagnostics) {
            foreign.note(item, file: file.path)
            apply(item, to: &cluster, &aws)
        }
        return (cluster, diagnostics + foreign.diagnostics)
    }

    // MARK: - Decoding

    private static func decodeDocuments(_ file: BundleFile, diagnostics: inout [BundleDiagnostic]) -> [BundleItem] {
        let userInfo: [CodingUserInfoKey: any Sendable] = [BundleDocument.filePathKey: file.path]
        let json = JSONDecoder()
        json.userInfo = userInfo
        if file.fileExtension == "json" {
            do {
                let document = try json.decode(BundleDocument.self, from: Data(file.contents))
                // Fast path; on any object error, the YAML path below re-reads the text to find lines.
                if !document.items.contains(where: { if case .invalid = $0 { return true } else { return false } }),
                   document.unrecognizedKeys == nil {
                    return document.items
                }
            } catch {
                // Not JSON at all (quotes, trailing text…): say so, then read it as YAML, which is
                // lenient enough for most such files, and report what that finds.
                if let syntax = JSONSyntaxCheck.firstProblem(in: file.contents),
                   (try? Yams.compose(yaml: String(decoding: file.contents, as: UTF8.self))) != nil {
                    diagnostics.append(BundleDiagnostic(
                        severity: .warning, file: file.path, line: syntax.line,
                        message: "not valid JSON (expected \(syntax.expected)); read as YAML instead"))
                }
            }
        }
        let text = String(decoding: file.contents, as: UTF8.self)
        var items: [BundleItem] = []
        var budget = InputLimits.yamlExpansion(forBytes: file.contents.count)
        do {
            try YAMLInput.checkSize(text)
            let parser = try Parser(yaml: text)
            var index = 0
            while let root = try parser.nextRoot() {
                defer { index += 1 }
                try YAMLInput.checkExpansion(root, budget: &budget)
                guard root.mapping != nil else {
                    if let scalar = root.scalar, ["", "~", "null"].contains(scalar.string) { continue }
                    let found = root.sequence != nil ? "a list (a --query result?)" : "a single value"
                    diagnostics.append(BundleDiagnostic(
                        severity: .error, file: file.path, line: root.mark?.line, object: "document \(index + 1)",
                        message: "expected a Kubernetes object or the JSON object `aws ec2 describe-…` prints, found \(found)"))
                    continue
                }
                let document: BundleDocument
                do {
                    document = try YAMLDecoder().decode(BundleDocument.self, from: root, userInfo: userInfo)
                } catch {
                    let (path, message) = DocumentLocator.describe(error)
                    diagnostics.append(BundleDiagnostic(
                        severity: .error, file: file.path, line: DocumentLocator.line(of: path, in: root),
                        object: "document \(index + 1)", message: message))
                    continue
                }
                if let keys = document.unrecognizedKeys {
                    diagnostics.append(BundleDiagnostic(
                        severity: .warning, file: file.path, line: root.mark?.line,
                        message: "skipped: expected a Kubernetes object (apiVersion, kind) or known AWS CLI output, "
                            + "found the keys \(keys.joined(separator: ", "))"))
                }
                for item in document.items {
                    if case .invalid(let object, let error) = item {
                        let (path, message) = DocumentLocator.describe(error)
                        diagnostics.append(BundleDiagnostic(
                            severity: .error, file: file.path, line: DocumentLocator.line(of: path, in: root),
                            object: object, message: message))
                    } else {
                        items.append(item)
                    }
                }
            }
        } catch let problem as YAMLInput.Problem {
            diagnostics.append(BundleDiagnostic(severity: .error, file: file.path, line: problem.line, message: problem.message))
        } catch {
            let problem = YAMLInput.problem(error, in: text)
            let message = file.fileExtension == "json"
                ? problem.message.replacingOccurrences(of: "not valid YAML", with: "not valid JSON")
                : problem.message
            diagnostics.append(BundleDiagnostic(severity: .error, file: file.path, line: problem.line, message: message))
        }
        return items
    }

    private static func decodeConfig(_ file: BundleFile, diagnostics: inout [BundleDiagnostic]) -> GatewatchConfig? {
        let text = String(decoding: file.contents, as: UTF8.self)
        do {
            guard let root = try YAMLInput.compose(text) else { return GatewatchConfig() }
            return try YAMLInput.decode(GatewatchConfig.self, from: root)
        } catch {
            diagnostics.append(BundleDiagnostic(severity: .error, file: file.path, line: error.line, message: error.message))
        }
        return nil
    }

    private static func apply(_ item: BundleItem, to cluster: inout ClusterState, _ aws: inout AWSState) {
        switch item {
        case .namespace(let v): cluster.namespaces.append(v)
        case .pod(let v): cluster.pods.append(v)
        case .node(let v): cluster.nodes.append(v)
        case .ipPool(let v): cluster.ipPools.append(v)
        case .ipReservation(let v): cluster.ipReservations.append(v)
        case .policy(let v): cluster.policies.append(v)
        case .ipamBlock(let v): cluster.ipamBlocks.append(v)
        case .blockAffinity(let v): cluster.blockAffinities.append(v)
        case .felixConfiguration(let v): cluster.felixConfigurations.append(v)
        case .egressGateway(let v): cluster.egressGateways.append(v)
        case .vpc(let v): aws.vpcs.append(v)
        case .subnet(let v): aws.subnets.append(v)
        case .subnetCidrReservation(let v): aws.subnetCidrReservations.append(v)
        case .elasticIP(let v): aws.elasticIPs.append(v)
        case .networkInterface(let v): aws.networkInterfaces.append(v)
        case .instance(let v): aws.instances.append(v)
        case .routeTable(let v): aws.routeTables.append(v)
        case .natGateway(let v): aws.natGateways.append(v)
        case .securityGroup(let v): aws.securityGroups.append(v)
        case .networkAcl(let v): aws.networkAcls.append(v)
        case .managedPrefixList(let v): aws.managedPrefixLists.append(v)
        case .prefixListEntry(let v): aws.prefixListEntries.append(v)
        case .vpcEndpoint(let v): aws.vpcEndpoints.append(v)
        case .transitGatewayAttachment(let v): aws.transitGatewayAttachments.append(v)
        case .transitGatewayRouteTable(let v): aws.transitGatewayRouteTables.append(v)
        case .transitGatewayRouteTableAssociation(let v): aws.transitGatewayRouteTableAssociations.append(v)
        case .transitGatewayRoute(let v): aws.transitGatewayRoutes.append(v)
        case .egressOnlyInternetGateway(let v): aws.egressOnlyInternetGateways.append(v)
        case .instanceType(let v): aws.instanceTypes.append(v)
        case .transitGatewayVpcAttachment(let v): aws.mergeTransitGatewayVpcAttachments([v])
        case .ignored, .invalid, .foreign: break
        }
    }

    private static func listFiles(root: String, manager: FileManager) -> [String] {
        guard let enumerator = manager.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let next = enumerator.nextObject() as? String {
            var isDirectory = false
            if manager.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory), !isDirectory,
               !next.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                result.append(next)
            }
        }
        return result.sorted()
    }
}
