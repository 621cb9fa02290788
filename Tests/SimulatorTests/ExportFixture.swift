import Foundation
import Inventory
import LPM

/// A small cluster with several policies for `export` and `object-drift` tests: an operator
/// EgressGateway `egw-mf/mainframe-egw` (two pods, one with an Elastic IP) used by two policies,
/// a Deployment `egw-db/db-egw` used by a policy rule and by selector annotations, and a client.
struct ExportFixture {
    var mainframeAddresses = ["10.0.41.21", "10.0.41.20"]
    var databaseNamespace = "egw-db"
    var databaseDeployment = "db-egw"
    var firewalls: [FirewallPlacement] = []
    var firewallConfigs: [FirewallConfigFile] = []

    /// The pod owner reference a ReplicaSet of `deployment` writes (decoded: it has no public initialiser).
    static func replicaSetOwner(_ deployment: String) -> [ObjectMeta.OwnerReference] {
        let json = #"[{"kind": "ReplicaSet", "name": "\#(deployment)-5d8f9c7b6"}]"#
        return (try? JSONDecoder().decode([ObjectMeta.OwnerReference].self, from: Data(json.utf8))) ?? []
    }

    var snapshot: Snapshot {
        let mainframeSelection = EgressGatewaySelection(namespaceSelector: "projectcalico.org/name == 'egw-mf'",
                                                        selector: "projectcalico.org/egw == 'mainframe-egw'")
        let databaseSelection = EgressGatewaySelection(namespaceSelector: "projectcalico.org/name == '\(databaseNamespace)'",
                                                       selector: "role == 'db'")
        let gateways = mainframeAddresses.enumerated().map { index, address in
            Pod(metadata: ObjectMeta(name: "mainframe-egw-\(index)", namespace: "egw-mf",
                                     labels: ["projectcalico.org/egw": "mainframe-egw"]),
                nodeName: "node-a", podIP: ip(address))
        } + [
            Pod(metadata: ObjectMeta(name: "\(databaseDeployment)-5d8f9c7b6-x2k9q", namespace: databaseNamespace,
                                     labels: ["role": "db"], ownerReferences: Self.replicaSetOwner(databaseDeployment)),
                nodeName: "node-a", podIP: ip("10.0.42.30")),
        ]
        let cluster = ClusterState(
            namespaces: [
                Namespace(metadata: ObjectMeta(name: "app", annotations: [EgressAnnotations.policyKey: "corp"])),
                Namespace(metadata: ObjectMeta(name: "web", annotations: [EgressAnnotations.policyKey: "web-out"])),
                Namespace(metadata: ObjectMeta(name: "batch", annotations: [
                    EgressAnnotations.namespaceSelectorKey: "projectcalico.org/name == '\(databaseNamespace)'",
                    EgressAnnotations.selectorKey: "role == 'db'"])),
                Namespace(metadata: ObjectMeta(name: "egw-mf")),
                Namespace(metadata: ObjectMeta(name: databaseNamespace)),
            ],
            pods: [Pod(metadata: ObjectMeta(name: "client", namespace: "app"), nodeName: "node-a", podIP: ip("192.168.0.10"))]
                + gateways,
            nodes: [Node(metadata: ObjectMeta(name: "node-a", labels: ["topology.kubernetes.io/zone": "us-east-1a"]),
                         internalIPs: [ip("10.0.1.10")])],
            ipPools: [IPPool(name: "pods", cidr: prefix("192.168.0.0/16"), natOutgoing: true),
                      IPPool(name: "egw-pool", cidr: prefix("10.0.40.0/22"), blockSize: 32, awsSubnetID: "subnet-gw")],
            policies: [
                EgressGatewayPolicy(name: "web-out", rules: [
                    EgressGatewayRule(destination: prefix("103.47.244.0/24"), gateway: mainframeSelection),
                ]),
                EgressGatewayPolicy(name: "corp", rules: [
                    EgressGatewayRule(destination: prefix("172.16.0.0/24"), gateway: mainframeSelection),
                    EgressGatewayRule(destination: prefix("172.16.99.0/24"), gateway: databaseSelection),
                    EgressGatewayRule(destination: prefix("10.0.0.0/8")),
                ]),
            ],
            felixConfigurations: [FelixConfiguration(name: "default", egressIPSupport: .enabledPerNamespaceOrPerPod)],
            egressGateways: [EgressGateway(metadata: ObjectMeta(name: "mainframe-egw", namespace: "egw-mf"))])
        let aws = AWSState(
            vpcs: [Vpc(vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/16"))],
            subnets: [Subnet(subnetID: "subnet-nodes", vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/20")),
                      Subnet(subnetID: "subnet-gw", vpcID: "vpc-1", cidrBlock: prefix("10.0.40.0/22"))],
            elasticIPs: [ElasticIP(allocationID: "eipalloc-1", publicIP: ip("203.0.113.10"), associationID: "eipassoc-1",
                                   networkInterfaceID: "eni-1", privateIPAddress: ip("10.0.41.20"))],
            routeTables: [RouteTable(routeTableID: "rtb-main", vpcID: "vpc-1", isMain: true, routes: [
                Route(destination: prefix("10.0.0.0/16"), target: RouteTarget("local")),
                Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("vpce-fw")),
            ])])
        return Snapshot(source: .demo, cluster: cluster, aws: aws, config: GatewatchConfig(firewalls: firewalls),
                        firewallConfigs: firewallConfigs)
    }
}
