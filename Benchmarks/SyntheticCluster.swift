import Inventory
import LPM
import TestSupport

/// A synthetic cluster-on-AWS Snapshot of a chosen size, built directly from the models
/// (deterministic for a seed): app namespaces using policies, gateway namespaces, nodes across
/// three zones, AWS-backed gateway pools, subnets and one route table.
struct SyntheticCluster {
    var appNamespaces = 200
    var podsPerNamespace = 50
    var policies = 50
    var rulesPerPolicy = 40
    var gatewayNamespaces = 30
    var gatewaysPerNamespace = 10
    var nodes = 60
    /// Egress rules of each gateway subnet's security group (0: no security groups in the bundle).
    var securityGroupRules = 50
    /// Entries of each subnet's network ACL, per direction (0: no network ACLs in the bundle).
    var networkAclRules = 40
    var seed: UInt64 = 42

    /// Destinations the rules use, so queries can aim at them.
    private(set) var ruleDestinations: [IPPrefix] = []

    init() {}

    init(appNamespaces: Int, podsPerNamespace: Int, policies: Int, rulesPerPolicy: Int, gatewayNamespaces: Int,
         gatewaysPerNamespace: Int, nodes: Int) {
        self.appNamespaces = appNamespaces
        self.podsPerNamespace = podsPerNamespace
        self.policies = policies
        self.rulesPerPolicy = rulesPerPolicy
        self.gatewayNamespaces = gatewayNamespaces
        self.gatewaysPerNamespace = gatewaysPerNamespace
        self.nodes = nodes
    }

    mutating func snapshot(firewallConfig: String? = nil) -> Snapshot {
        var rng = SplitMix64(seed: seed)
        let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
        var nodeList: [Node] = []
        for index in 0..<nodes {
            let ip = IPAddress.v4(IPv4Address(10, 0, UInt8(index / 200), UInt8(10 + index % 200)))
            nodeList.append(Node(metadata: ObjectMeta(name: "node-\(index)", labels: ["topology.kubernetes.io/zone": zones[index % 3]]),
                                 internalIPs: [ip]))
        }
        var namespaces: [Namespace] = []
        var pods: [Pod] = []
        // Exactly sized, as the Kubernetes store hands its objects over (an array grown by appending
        // would hold a fifth more than the console does).
        pods.reserveCapacity(gatewayNamespaces * gatewaysPerNamespace + appNamespaces * podsPerNamespace)
        // Gateways: 10.0.64.0/18, one AWS-backed pool per gateway namespace (a /24 each).
        var pools = [IPPool(name: "pods", cidr: prefix("100.64.0.0/10"), natOutgoing: true)]
        var subnets = [Subnet(subnetID: "subnet-nodes", vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/18"), availableIpAddressCount: 8000)]
        var gatewayIndex = 0
        var interfaces: [NetworkInterface] = []
        for g in 0..<gatewayNamespaces {
            let name = "egw-\(g)"
            namespaces.append(Namespace(metadata: ObjectMeta(name: name)))
            // One /24 per gateway namespace in 10.64.0.0/10, clear of the node subnet.
            let cidr = prefix("10.\(64 + g / 256).\(g % 256).0/24")
            pools.append(IPPool(name: "pool-\(g)", cidr: cidr, blockSize: 32, awsSubnetID: "subnet-gw-\(g)"))
            subnets.append(Subnet(subnetID: "subnet-gw-\(g)", vpcID: "vpc-1", cidrBlock: cidr, availableIpAddressCount: 200))
            // One secondary ENI per gateway namespace holds its gateways' addresses.
            interfaces.append(NetworkInterface(
                networkInterfaceID: "eni-gw-\(g)", subnetID: "subnet-gw-\(g)", vpcID: "vpc-1",
                privateIPAddresses: (0..<gatewaysPerNamespace).map { r in
                    NetworkInterface.PrivateAddress(address: .v4(IPv4Address(10, UInt8(64 + g / 256), UInt8(g % 256),
                                                                             UInt8(10 + r))), primary: r == 0)
                },
                groupIDs: ["sg-gw-\(g)"]))
            for r in 0..<gatewaysPerNamespace {
                let ip = IPAddress.v4(IPv4Address(10, UInt8(64 + g / 256), UInt8(g % 256), UInt8(10 + r)))
                pods.append(Pod(metadata: ObjectMeta(name: "\(name)-\(r)", namespace: name, labels: ["k8s-app": name]),
                                nodeName: nodeList[gatewayIndex % nodes].name, containerPortNames: ["health"], podIP: ip,
                                ready: rng.next() % 20 != 0))
                gatewayIndex += 1
            }
        }
        // Policies: rules towards corporate ranges and public /24s.
        var policyList: [EgressGatewayPolicy] = []
        ruleDestinations = []
        for p in 0..<policies {
            var rules: [EgressGatewayRule] = []
            var used = Set<IPPrefix>()
            while rules.count < rulesPerPolicy {
                let length = [16, 20, 24, 24, 24, 28][Int(rng.next() % 6)]
                let base: UInt32 = rng.next() % 2 == 0 ? 0xAC10_0000 | UInt32(rng.next() % 0x10_0000) : UInt32(truncatingIfNeeded: rng.next())
                let destination = IPPrefix(containing: .v4(IPv4Address(base)), length: length)
                guard !used.contains(destination), !pools.contains(where: { $0.cidr.overlaps(destination) }) else { continue }
                used.insert(destination)
                ruleDestinations.append(destination)
                let gatewayNamespace = "egw-\(Int(rng.next() % UInt64(gatewayNamespaces)))"
                let withGateway = rng.next() % 8 != 0
                rules.append(EgressGatewayRule(
                    destination: destination, description: "rule \(rules.count)",
                    gateway: withGateway ? EgressGatewaySelection(
                        namespaceSelector: "projectcalico.org/name == '\(gatewayNamespace)'",
                        selector: "k8s-app == '\(gatewayNamespace)'", maxNextHops: Int(rng.next() % 3)) : nil,
                    gatewayPreference: rng.next() % 5 == 0 ? .preferNodeLocal : .none))
            }
            policyList.append(EgressGatewayPolicy(name: "policy-\(p)", rules: rules))
        }
        for a in 0..<appNamespaces {
            let name = "app-\(a)"
            namespaces.append(Namespace(metadata: ObjectMeta(name: name, annotations: [
                EgressAnnotations.policyKey: "policy-\(a % policies)"])))
            for i in 0..<podsPerNamespace {
                let n = a * podsPerNamespace + i
                let ip = IPAddress.v4(IPv4Address(100, UInt8(64 + n / 65536), UInt8((n / 256) % 256), UInt8(n % 256)))
                pods.append(Pod(metadata: ObjectMeta(name: "pod-\(i)", namespace: name, labels: ["app": "svc-\(i % 7)"]),
                                nodeName: nodeList[n % nodes].name, podIP: ip))
            }
        }
        let routes = [
            Route(destination: prefix("10.0.0.0/8"), target: RouteTarget("local")),
            Route(destination: prefix("0.0.0.0/0"), target: RouteTarget("vpce-0a1b2c3d4e5f60718")),
            Route(destination: prefix("172.16.0.0/12"), target: RouteTarget("tgw-0123456789abcdef0")),
        ]
        let firewalls = firewallConfig == nil ? [] : [FirewallPlacement(
            name: "fw", config: "firewall/fw.cfg", interface: "inside",
            targets: ["vpce-0a1b2c3d4e5f60718", "tgw-0123456789abcdef0"])]
        var aws = AWSState(vpcs: [Vpc(vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/8"))], subnets: subnets,
                           networkInterfaces: interfaces,
                           routeTables: [RouteTable(routeTableID: "rtb-1", vpcID: "vpc-1", isMain: true, routes: routes)])
        if securityGroupRules > 0 {
            aws.securityGroups = (0..<gatewayNamespaces).map { g in
                SecurityGroup(groupID: "sg-gw-\(g)", groupName: "egw-\(g)", vpcID: "vpc-1",
                              egress: securityGroupEgress(&rng))
            }
        }
        if networkAclRules > 0 {
            aws.networkAcls = subnets.map { subnet in
                NetworkAcl(networkAclID: "acl-\(subnet.subnetID)", vpcID: "vpc-1",
                           associations: [NetworkAcl.Association(subnetID: subnet.subnetID)],
                           entries: networkAclEntries(&rng))
            }
        }
        return Snapshot(
            source: .bundle(path: "synthetic"),
            cluster: ClusterState(namespaces: namespaces, pods: pods, nodes: nodeList, ipPools: pools, policies: policyList,
                                  felixConfigurations: [FelixConfiguration(name: "default", egressIPSupport: .enabledPerNamespaceOrPerPod)]),
            aws: aws,
            config: GatewatchConfig(firewalls: firewalls),
            firewallConfigs: firewallConfig.map { [FirewallConfigFile(path: "firewall/fw.cfg", text: $0)] } ?? [])
    }

    /// A random destination range: corporate (172.16.0.0/12) or public, /12 to /28.
    private func randomRange(_ rng: inout SplitMix64) -> IPPrefix {
        let base: UInt32 = rng.next() % 2 == 0 ? 0xAC10_0000 | UInt32(rng.next() % 0x10_0000) : UInt32(truncatingIfNeeded: rng.next())
        return IPPrefix(containing: .v4(IPv4Address(base)), length: 12 + Int(rng.next() % 17))
    }

    /// `securityGroupRules` egress rules: specific ranges on assorted ports, then HTTPS and DNS to
    /// anywhere, so that every trace of the benchmark (tcp/443) is allowed after a rule walk —
    /// the naive evaluation it is checked against knows no security groups.
    private func securityGroupEgress(_ rng: inout SplitMix64) -> [IpPermission] {
        let ports: [(String, Int, Int)] = [("tcp", 22, 22), ("tcp", 5432, 5432), ("tcp", 8443, 8443), ("udp", 514, 514),
                                           ("tcp", 1000, 2000), ("tcp", 443, 443)]
        var rules: [IpPermission] = []
        while rules.count < securityGroupRules - 2 {
            let (proto, from, to) = ports[Int(rng.next() % UInt64(ports.count))]
            rules.append(IpPermission(ipProtocol: proto, fromPort: from, toPort: to,
                                      ipRanges: [IpPermission.IpRange(cidr: randomRange(&rng))]))
        }
        rules.append(IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IpPermission.IpRange(cidr: prefix("0.0.0.0/0"))]))
        rules.append(IpPermission(ipProtocol: "udp", fromPort: 53, toPort: 53, ipRanges: [IpPermission.IpRange(cidr: prefix("0.0.0.0/0"))]))
        return rules
    }

    /// `networkAclRules` entries per direction: denies of remote-access ports from specific
    /// ranges first, then allows that pass HTTPS out and its return in (as above, every trace of
    /// the benchmark passes, after a walk).
    private func networkAclEntries(_ rng: inout SplitMix64) -> [NetworkAclEntry] {
        var entries: [NetworkAclEntry] = []
        for egress in [true, false] {
            for n in 0..<(networkAclRules - 2) {
                let port = [22, 23, 3389, 445, 139][Int(rng.next() % 5)]
                entries.append(NetworkAclEntry(ruleNumber: 10 * (n + 1), egress: egress, ruleAction: .deny, protocol: "6",
                                               cidr: randomRange(&rng), portRange: port...port))
            }
            let base = 10 * networkAclRules
            entries.append(NetworkAclEntry(ruleNumber: base, egress: egress, ruleAction: .allow, protocol: "6",
                                           cidr: prefix("0.0.0.0/0"), portRange: egress ? 443...443 : 1024...65535))
            entries.append(NetworkAclEntry(ruleNumber: base + 10, egress: egress, ruleAction: .allow, protocol: "17",
                                           cidr: prefix("0.0.0.0/0"), portRange: egress ? 53...53 : 1024...65535))
            entries.append(NetworkAclEntry(ruleNumber: 32767, egress: egress, ruleAction: .deny, protocol: "-1",
                                           cidr: prefix("0.0.0.0/0")))
        }
        return entries
    }

    private func prefix(_ text: String) -> IPPrefix {
        (try? IPPrefix(text)) ?? IPPrefix(host: .v4(IPv4Address(0)))
    }
}
