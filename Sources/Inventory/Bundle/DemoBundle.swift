/// The demo bundle built into the binary: the files of `Sources/Inventory/Demo/` (the one source
/// of truth, which users can also copy as a template), embedded at build time.
public enum DemoBundle {
    /// The demo's files, with their paths relative to the bundle root.
    public static let files: [BundleFile] = [
        BundleFile(path: "aws/describe-addresses.json", contents: PackageResources.describe_addresses_json),
        BundleFile(path: "aws/describe-instances.json", contents: PackageResources.describe_instances_json),
        BundleFile(path: "aws/describe-nat-gateways.json", contents: PackageResources.describe_nat_gateways_json),
        BundleFile(path: "aws/describe-network-interfaces.json", contents: PackageResources.describe_network_interfaces_json),
        BundleFile(path: "aws/describe-route-tables.json", contents: PackageResources.describe_route_tables_json),
        BundleFile(path: "aws/describe-subnets.json", contents: PackageResources.describe_subnets_json),
        BundleFile(path: "aws/describe-vpcs.json", contents: PackageResources.describe_vpcs_json),
        BundleFile(path: "aws/get-subnet-cidr-reservations.json", contents: PackageResources.get_subnet_cidr_reservations_json),
        BundleFile(path: "cluster/blockaffinities.yaml", contents: PackageResources.blockaffinities_yaml),
        BundleFile(path: "cluster/deployments.yaml", contents: PackageResources.deployments_yaml),
        BundleFile(path: "cluster/egressgatewaypolicies.yaml", contents: PackageResources.egressgatewaypolicies_yaml),
        BundleFile(path: "cluster/egressgateways.yaml", contents: PackageResources.egressgateways_yaml),
        BundleFile(path: "cluster/felixconfiguration-default.yaml", contents: PackageResources.felixconfiguration_default_yaml),
        BundleFile(path: "cluster/ipamblocks.json", contents: PackageResources.ipamblocks_json),
        BundleFile(path: "cluster/ippools.yaml", contents: PackageResources.ippools_yaml),
        BundleFile(path: "cluster/ipreservations.yaml", contents: PackageResources.ipreservations_yaml),
        BundleFile(path: "cluster/namespaces.yaml", contents: PackageResources.namespaces_yaml),
        BundleFile(path: "cluster/nodes.json", contents: PackageResources.nodes_json),
        BundleFile(path: "cluster/pods.yaml", contents: PackageResources.pods_yaml),
        BundleFile(path: "firewall/ftd-egress.cfg", contents: PackageResources.ftd_egress_cfg),
        BundleFile(path: "gatewatch.yaml", contents: PackageResources.gatewatch_yaml),
        BundleFile(path: "aws/describe-network-acls.json", contents: PackageResources.describe_network_acls_json),
        BundleFile(path: "aws/describe-security-groups.json", contents: PackageResources.describe_security_groups_json),
        BundleFile(path: "logs/flow/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/06/123456789012_vpcflowlogs_us-east-1_fl-0d3e5f7a9b1c2e4f6_20261206T1005Z_5f1d2c3b.log.gz",
                   contents: PackageResources._23456789012_vpcflowlogs_us_east_1_fl_0d3e5f7a9b1c2e4f6_20261206T1005Z_5f1d2c3b_log_gz),
        BundleFile(path: "logs/syslog/ftd-egress.log", contents: PackageResources.ftd_egress_log),
        BundleFile(path: "firewall/ftd-egress.acl", contents: PackageResources.ftd_egress_acl),
        BundleFile(path: "aws/describe-instance-types.json", contents: PackageResources.describe_instance_types_json),
    ]

    /// Loads the demo bundle into a Snapshot.
    public static func load() -> LoadedBundle {
        BundleLoader.load(files: files, source: .demo)
    }
}
