import Foundation
import History
import Inventory
import LPM

/// Small states to record, and helpers shared by the journal tests.
enum Fixtures {
    /// `2026-11-25T14:00:00Z` plus `seconds`.
    static func time(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: 1_795_615_200 + seconds)
    }

    static func ip(_ text: String) -> IPAddress {
        IPAddress(parsing: text) ?? .v4(IPv4Address(0))
    }

    static func pod(_ namespace: String, _ name: String, ip: String?, node: String = "node-a",
                    created: String? = nil, deleted: String? = nil, annotations: [String: String] = [:]) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": name], annotations: annotations,
                                 creationTimestamp: created, deletionTimestamp: deleted),
            nodeName: node, podIP: ip.map(Self.ip))
    }

    static func node(_ name: String, _ address: String) -> Node {
        Node(metadata: ObjectMeta(name: name), internalIPs: [ip(address)])
    }

    /// A Snapshot of `pods` on one node, with an Elastic IP.
    static func snapshot(pods: [Pod], nodes: [Node] = [node("node-a", "10.0.0.10")],
                         elasticIPs: [ElasticIP] = []) -> Snapshot {
        Snapshot(source: .bundle(path: "test"), cluster: ClusterState(namespaces: [Namespace(metadata: ObjectMeta(name: "shop"))],
                                                                   pods: pods, nodes: nodes),
                 aws: AWSState(elasticIPs: elasticIPs))
    }

    /// A scratch directory, removed by the caller.
    static func scratch() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `state` as the journal gives it back: each list in key order, annotations Gatewatch does not
    /// read left out.
    static func normalized(_ snapshot: Snapshot) -> (ClusterState, AWSState) {
        func sorted<T>(_ items: [T], _ object: (T) -> BundleObject) -> [T] {
            items.map { ($0, object($0).key) }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        func kept(_ meta: ObjectMeta) -> ObjectMeta {
            var copy = meta
            copy.annotations = meta.annotations.filter { key, _ in
                BundleObject.keptAnnotationPrefixes.contains { key.hasPrefix($0) }
            }
            return copy
        }
        var cluster = snapshot.cluster
        cluster.namespaces = sorted(cluster.namespaces.map { var n = $0; n.metadata = kept(n.metadata); return n }, BundleObject.init)
        cluster.nodes = sorted(cluster.nodes.map { var n = $0; n.metadata = kept(n.metadata); return n }, BundleObject.init)
        cluster.pods = sorted(cluster.pods.map { var p = $0; p.metadata = kept(p.metadata); return p }, BundleObject.init)
        cluster.egressGateways = sorted(cluster.egressGateways.map { var g = $0; g.metadata = kept(g.metadata); return g },
                                        BundleObject.init)
        cluster.ipPools = sorted(cluster.ipPools, BundleObject.init)
        cluster.ipReservations = sorted(cluster.ipReservations, BundleObject.init)
        cluster.policies = sorted(cluster.policies, BundleObject.init)
        cluster.ipamBlocks = sorted(cluster.ipamBlocks, BundleObject.init)
        cluster.blockAffinities = sorted(cluster.blockAffinities, BundleObject.init)
        cluster.felixConfigurations = sorted(cluster.felixConfigurations, BundleObject.init)
        var aws = snapshot.aws
        aws.vpcs = sorted(aws.vpcs, BundleObject.init)
        aws.subnets = sorted(aws.subnets, BundleObject.init)
        aws.subnetCidrReservations = sorted(aws.subnetCidrReservations, BundleObject.init)
        aws.elasticIPs = sorted(aws.elasticIPs, BundleObject.init)
        aws.networkInterfaces = sorted(aws.networkInterfaces, BundleObject.init)
        aws.instances = sorted(aws.instances, BundleObject.init)
        aws.routeTables = sorted(aws.routeTables, BundleObject.init)
        aws.natGateways = sorted(aws.natGateways, BundleObject.init)
        aws.securityGroups = sorted(aws.securityGroups, BundleObject.init)
        aws.networkAcls = sorted(aws.networkAcls, BundleObject.init)
        aws.managedPrefixLists = sorted(aws.managedPrefixLists, BundleObject.init)
        aws.prefixListEntries = sorted(aws.prefixListEntries, BundleObject.init)
        aws.vpcEndpoints = sorted(aws.vpcEndpoints, BundleObject.init)
        aws.transitGatewayAttachments = sorted(aws.transitGatewayAttachments, BundleObject.init)
        aws.transitGatewayRouteTables = sorted(aws.transitGatewayRouteTables, BundleObject.init)
        aws.transitGatewayRouteTableAssociations = sorted(aws.transitGatewayRouteTableAssociations, BundleObject.init)
        aws.transitGatewayRoutes = sorted(aws.transitGatewayRoutes, BundleObject.init)
        aws.egressOnlyInternetGateways = sorted(aws.egressOnlyInternetGateways, BundleObject.init)
        aws.instanceTypes = sorted(aws.instanceTypes, BundleObject.init)
        return (cluster, aws)
    }

    /// The state the journal rebuilds at `time`, loaded as a bundle.
    static func state(_ journal: Journal, at time: Date) throws -> Snapshot {
        BundleLoader.load(files: try journal.bundleFiles(at: time), source: .bundle(path: "journal")).snapshot
    }
}
