#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LPM

/// Why a bundle could not be written.
public struct BundleWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// `cannot write bundle PATH: REASON`.
    public var description: String { "cannot write bundle \(path): \(reason)" }
}

/// Writes a Snapshot as a bundle directory (DESIGN.md's format) that `BundleLoader.load(directory:)`
/// reads back to the same cluster and AWS state, configuration and firewall files:
/// `cluster/*.json` (one `List` per kind, Calico kinds as `projectcalico.org/v3`), `aws/*.json`
/// (each shaped like the `aws ec2 describe-…` output), `firewall/*` and `gatewatch.yaml`.
///
/// The objects hold what Gatewatch keeps of them (labels, annotations, addresses, specs it reads),
/// not every field the API server returned.
public enum BundleWriter {
    /// Writes `snapshot` into `directory`, which must not exist yet or be empty. Files are written
    /// readable by the owner only (0600) and the directories it creates searchable by the owner
    /// only (0700): a bundle holds addresses, names and firewall configurations.
    public static func write(_ snapshot: Snapshot, to directory: String) throws(BundleWriteError) {
        let manager = FileManager.default
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory = false
        if manager.fileExists(atPath: root, isDirectory: &isDirectory) {
            guard isDirectory else { throw BundleWriteError(path: root, reason: "exists and is not a directory") }
            let entries = (try? manager.contentsOfDirectory(atPath: root)) ?? []
            guard entries.isEmpty else { throw BundleWriteError(path: root, reason: "directory is not empty") }
        } else {
            try makeDirectory(root, manager: manager)
        }
        for file in files(for: snapshot) {
            try write(file, root: root, manager: manager)
        }
    }

    /// The mode of every file written.
    public static let fileMode = 0o600
    /// The mode of every directory created.
    public static let directoryMode = 0o700

    private static func makeDirectory(_ path: String, manager: FileManager) throws(BundleWriteError) {
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: directoryMode])
            try manager.setAttributes([.posixPermissions: directoryMode], ofItemAtPath: path)
        } catch {
            throw BundleWriteError(path: path, reason: "cannot create the directory")
        }
    }

    /// The files of the bundle for `snapshot`, in memory (paths relative to the bundle root).
    public static func files(for snapshot: Snapshot) -> [BundleFile] {
        var files: [BundleFile] = []
        func add(_ path: String, _ json: JSONValue) {
            files.append(BundleFile(path: path, contents: Array(json.fileText.utf8)))
        }
        let cluster = snapshot.cluster
        add("cluster/namespaces.json", list(cluster.namespaces.map(KubernetesJSON.namespace)))
        add("cluster/nodes.json", list(cluster.nodes.map(KubernetesJSON.node)))
        add("cluster/pods.json", list(cluster.pods.map(KubernetesJSON.pod)))
        add("cluster/ippools.json", list(cluster.ipPools.map(KubernetesJSON.ipPool)))
        add("cluster/ipreservations.json", list(cluster.ipReservations.map(KubernetesJSON.ipReservation)))
        add("cluster/egressgatewaypolicies.json", list(cluster.policies.map(KubernetesJSON.policy)))
        add("cluster/ipamblocks.json", list(cluster.ipamBlocks.map(KubernetesJSON.ipamBlock)))
        add("cluster/blockaffinities.json", list(cluster.blockAffinities.map(KubernetesJSON.blockAffinity)))
        add("cluster/felixconfigurations.json", list(cluster.felixConfigurations.map(KubernetesJSON.felixConfiguration)))
        add("cluster/egressgateways.json", list(cluster.egressGateways.map(KubernetesJSON.egressGateway)))

        let aws = snapshot.aws
        add("aws/describe-vpcs.json", .object([("Vpcs", .array(aws.vpcs.map(AWSJSON.vpc)))]))
        add("aws/describe-subnets.json", .object([("Subnets", .array(aws.subnets.map(AWSJSON.subnet)))]))
        let (v4, v6) = (aws.subnetCidrReservations.filter { $0.cidr.family == .v4 },
                        aws.subnetCidrReservations.filter { $0.cidr.family != .v4 })
        add("aws/get-subnet-cidr-reservations.json", .object([
            ("SubnetIpv4CidrReservations", .array(v4.map(AWSJSON.cidrReservation))),
            ("SubnetIpv6CidrReservations", .array(v6.map(AWSJSON.cidrReservation))),
        ]))
        add("aws/describe-addresses.json", .object([("Addresses", .array(aws.elasticIPs.map(AWSJSON.elasticIP)))]))
        add("aws/describe-network-interfaces.json",
            .object([("NetworkInterfaces", .array(aws.networkInterfaces.map(AWSJSON.networkInterface)))]))
        add("aws/describe-instances.json", .object([("Reservations", .array(aws.instances.isEmpty ? [] : [
            .object([("Instances", .array(aws.instances.map(AWSJSON.instance)))]),
        ]))]))
        add("aws/describe-route-tables.json", .object([("RouteTables", .array(aws.routeTables.map(AWSJSON.routeTable)))]))
        add("aws/describe-nat-gateways.json", .object([("NatGateways", .array(aws.natGateways.map(AWSJSON.natGateway)))]))
        addPacketPath(aws, add)

        // Firewall files go under firewall/; a file from elsewhere (live mode) is renamed there and
        // gatewatch.yaml is made to point at the new name.
        var config = snapshot.config
        for firewall in snapshot.firewallConfigs {
            var path = firewall.path
            let components = path.split(separator: "/")
            if !path.hasPrefix("firewall/") || path.hasPrefix("/") || components.contains("..") || components.contains(".") {
                path = "firewall/" + (components.last.map(String.init) ?? "firewall.cfg")
                for index in config.firewalls.indices where config.firewalls[index].config == firewall.path {
                    config.firewalls[index].config = path
                }
            }
            files.append(BundleFile(path: path, contents: Array(firewall.text.utf8)))
            if let capture = firewall.accessListText {
                files.append(BundleFile(path: FirewallConfigFile(path: path, text: "").accessListPath, contents: Array(capture.utf8)))
            }
        }
        if config != GatewatchConfig() {
            // JSON is YAML: gatewatch.yaml is written in its JSON form.
            add("gatewatch.yaml", configJSON(config))
        }
        return files
    }

    /// The packet-path files, each only when it has something to hold. Outputs that do not name
    /// their owner get one file per owner, its ID in the file name (as `BundleLoader` expects).
    private static func addPacketPath(_ aws: AWSState, _ add: (String, JSONValue) -> Void) {
        func addList<T>(_ path: String, _ key: String, _ items: [T], _ render: (T) -> JSONValue) {
            guard !items.isEmpty else { return }
            add(path, .object([(key, .array(items.map(render)))]))
        }
        func byOwner<T>(_ items: [T], _ owner: (T) -> String) -> [(String, [T])] {
            var order: [String] = []
            var groups: [String: [T]] = [:]
            for item in items {
                let id = owner(item)
                if groups[id] == nil { order.append(id) }
                groups[id, default: []].append(item)
            }
            return order.map { ($0, groups[$0] ?? []) }
        }
        addList("aws/describe-security-groups.json", "SecurityGroups", aws.securityGroups, AWSJSON.securityGroup)
        addList("aws/describe-network-acls.json", "NetworkAcls", aws.networkAcls, AWSJSON.networkAcl)
        addList("aws/describe-managed-prefix-lists.json", "PrefixLists", aws.managedPrefixLists, AWSJSON.managedPrefixList)
        for (id, entries) in byOwner(aws.prefixListEntries, \.prefixListID) {
            addList("aws/get-managed-prefix-list-entries-\(id).json", "Entries", entries, AWSJSON.prefixListEntry)
        }
        addList("aws/describe-vpc-endpoints.json", "VpcEndpoints", aws.vpcEndpoints, AWSJSON.vpcEndpoint)
        addList("aws/describe-transit-gateway-attachments.json", "TransitGatewayAttachments",
                aws.transitGatewayAttachments, AWSJSON.transitGatewayAttachment)
        addList("aws/describe-transit-gateway-route-tables.json", "TransitGatewayRouteTables",
                aws.transitGatewayRouteTables, AWSJSON.transitGatewayRouteTable)
        for (id, associations) in byOwner(aws.transitGatewayRouteTableAssociations, \.transitGatewayRouteTableID) {
            addList("aws/get-transit-gateway-route-table-associations-\(id).json", "Associations", associations,
                    AWSJSON.transitGatewayRouteTableAssociation)
        }
        for (id, routes) in byOwner(aws.transitGatewayRoutes, \.transitGatewayRouteTableID) {
            add("aws/search-transit-gateway-routes-\(id).json", .object([
                ("Routes", .array(routes.map(AWSJSON.transitGatewayRoute))), ("AdditionalRoutesAvailable", .bool(false)),
            ]))
        }
        addList("aws/describe-egress-only-internet-gateways.json", "EgressOnlyInternetGateways",
                aws.egressOnlyInternetGateways, AWSJSON.egressOnlyInternetGateway)
        addList("aws/describe-instance-types.json", "InstanceTypes", aws.instanceTypes, AWSJSON.instanceType)
    }

    private static func list(_ items: [JSONValue]) -> JSONValue {
        .object([("apiVersion", .string("v1")), ("kind", .string("List")), ("items", .array(items))])
    }

    private static func configJSON(_ config: GatewatchConfig) -> JSONValue {
        var members: [(String, JSONValue)] = [("firewalls", .array(config.firewalls.map { firewall in
            .object([("name", .string(firewall.name)), ("config", .string(firewall.config)),
                     ("interface", .string(firewall.interface)), ("sees", .string(firewall.sees.rawValue)),
                     ("targets", .array(firewall.targets.map { .string($0) }))])
        }))]
        if !config.internalNetworks.isEmpty {
            members.append(("internalNetworks", .array(config.internalNetworks.map { .string($0.description) })))
        }
        return .object(members)
    }

    private static func write(_ file: BundleFile, root: String, manager: FileManager) throws(BundleWriteError) {
        let components = file.path.split(separator: "/")
        guard !file.path.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." }), !components.isEmpty else {
            throw BundleWriteError(path: file.path, reason: "a bundle file must stay inside the bundle")
        }
        let full = root + "/" + file.path
        // Each directory below the root is created on its own, so each gets the owner-only mode.
        var parent = root
        for component in components.dropLast() {
            parent += "/" + component
            var isDirectory = false
            if !manager.fileExists(atPath: parent, isDirectory: &isDirectory) {
                try makeDirectory(parent, manager: manager)
            } else if !isDirectory {
                throw BundleWriteError(path: parent, reason: "exists and is not a directory")
            }
        }
        guard manager.createFile(atPath: full, contents: Data(file.contents), attributes: [.posixPermissions: fileMode]) else {
            throw BundleWriteError(path: full, reason: "cannot write the file")
        }
        do {
            try manager.setAttributes([.posixPermissions: fileMode], ofItemAtPath: full)
        } catch {
            throw BundleWriteError(path: full, reason: "cannot restrict the file to its owner")
        }
    }
}
