import Inventory
import LPM

/// A small cluster-on-AWS world for trace tests: one VPC, a node subnet and a gateway subnet,
/// a client namespace and gateway pods, built in code so each test states only what it changes.
struct Scenario {
    var namespaces: [Namespace] = [
        Namespace(metadata: ObjectMeta(name: "app", annotations: [EgressAnnotations.policyKey: "corp"])),
        Namespace(metadata: ObjectMeta(name: "egw")),
    ]
    var pods: [Pod] = [
        Pod(metadata: ObjectMeta(name: "client", namespace: "app", labels: ["app": "client"]),
            nodeName: "node-a", podIP: ip("192.168.0.10")),
        Scenario.gateway("egw-a", "10.0.41.20", node: "node-a"),
        Scenario.gateway("egw-b", "10.0.41.21", node: "node-b"),
    ]
    var nodes: [Node] = [
        Node(metadata: ObjectMeta(name: "node-a", labels: ["topology.kubernetes.io/zone": "us-east-1a"]),
             internalIPs: [ip("10.0.1.10")]),
        Node(metadata: ObjectMeta(name: "node-b", labels: ["topology.kubernetes.io/zone": "us-east-1b"]),
             internalIPs: [ip("10.0.1.11")]),
    ]
    var pools: [IPPool] = [
        IPPool(name: "pods", cidr: prefix("192.168.0.0/16"), natOutgoing: true),
        IPPool(name: "egw-pool", cidr: prefix("10.0.41.0/24"), blockSize: 32, awsSubnetID: "subnet-gw"),
    ]
    var policies: [EgressGatewayPolicy] = [
        EgressGatewayPolicy(name: "corp", rules: [
            EgressGatewayRule(destination: prefix("172.16.0.0/24"), description: "mainframe",
                              gateway: EgressGatewaySelection(namespaceSelector: "projectcalico.org/name == 'egw'",
                                                              selector: "role == 'gw'")),
            EgressGatewayRule(destination: prefix("10.0.0.0/8"), description: "local"),
        ]),
    ]
    var support: EgressIPSupport = .enabledPerNamespaceOrPerPod
    /// The AWS-reserved edges of the gateway subnet, as calico-egress.md §5.2 asks.
    var ipReservations: [IPReservation] = [
        IPReservation(name: "egw-aws-reserved", reservedCIDRs: [prefix("10.0.41.0/30"), prefix("10.0.41.255/32")]),
    ]
    var egressGateways: [EgressGateway] = []
    var felixConfigurations: [FelixConfiguration]? = nil
    var instanceTypes: [InstanceTypeInfo] = []
    var subnets: [Subnet] = [
        Subnet(subnetID: "subnet-nodes", vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/20")),
        Subnet(subnetID: "subnet-gw", vpcID: "vpc-1", cidrBlock: prefix("10.0.41.0/24")),
    ]
    var routes: [Route] = [
        Route(destination: prefix("10.0.0.0/16"), target: RouteTarget("local")),
        Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("vpce-fw")),
        Route(destination: prefix("172.16.0.0/12"), target: RouteTarget("tgw-1")),
    ]
    var elasticIPs: [ElasticIP] = []
    var natGateways: [NatGateway] = []
    var firewalls: [FirewallPlacement] = []
    var firewallConfigs: [FirewallConfigFile] = []
    var networkInterfaces: [NetworkInterface] = []
    var securityGroups: [SecurityGroup] = []
    var networkAcls: [NetworkAcl] = []
    var prefixListEntries: [PrefixListEntry] = []
    var transitGatewayAttachments: [TransitGatewayAttachment] = []
    var transitGatewayRouteTables: [TransitGatewayRouteTable] = []
    var transitGatewayRoutes: [TransitGatewayRoute] = []

    static func gateway(_ name: String, _ address: String, node: String, ready: Bool = true) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "egw", labels: ["role": "gw"]),
            nodeName: node, podIP: ip(address), ready: ready)
    }

    var snapshot: Snapshot {
        Snapshot(
            source: .demo,
            cluster: ClusterState(namespaces: namespaces, pods: pods, nodes: nodes, ipPools: pools,
                                  ipReservations: ipReservations, policies: policies,
                                  felixConfigurations: felixConfigurations
                                      ?? [FelixConfiguration(name: "default", egressIPSupport: support)],
                                  egressGateways: egressGateways),
            aws: AWSState(vpcs: [Vpc(vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/16"))], subnets: subnets,
                          elasticIPs: elasticIPs, networkInterfaces: networkInterfaces,
                          routeTables: [RouteTable(routeTableID: "rtb-main", vpcID: "vpc-1", isMain: true, routes: routes)],
                          natGateways: natGateways, securityGroups: securityGroups, networkAcls: networkAcls,
                          prefixListEntries: prefixListEntries, transitGatewayAttachments: transitGatewayAttachments,
                          transitGatewayRouteTables: transitGatewayRouteTables,
                          transitGatewayRoutes: transitGatewayRoutes, instanceTypes: instanceTypes),
            config: GatewatchConfig(firewalls: firewalls),
            firewallConfigs: firewallConfigs)
    }
}

func ip(_ text: String) -> IPAddress {
    IPAddress(parsing: text) ?? .v4(IPv4Address(0))
}

func prefix(_ text: String) -> IPPrefix {
    (try? IPPrefix(text)) ?? IPPrefix(host: .v4(IPv4Address(0)))
}
