import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// An incremental what-if over a firewall configuration, AWS objects or lost gateways
/// (`WhatIfFootprint`: only the pairs whose current decision meets what changed are traced again)
/// must report exactly the changes of the full comparison, which traces every class × destination.
/// Random worlds with two gateway subnets (their own ENIs, security groups, network ACLs), a
/// firewall at the default route and another behind the transit gateway; random candidates.
@Suite("Incremental what-if: firewall, AWS, --fail")
struct WhatIfFootprintTests {
    private static let firewallText = """
    hostname fw
    interface GigabitEthernet0/0
     nameif inside
    access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 any eq 443
    access-list inside_in extended permit tcp 10.0.42.0 255.255.255.0 8.8.8.0 255.255.255.0 eq 443
    access-list inside_in extended deny tcp any 1.2.3.0 255.255.255.0
    access-list inside_in extended permit ip any any
    access-group inside_in in interface inside
    """
    private static let mainframeFirewallText = """
    hostname fw-dc
    interface GigabitEthernet0/0
     nameif inside
    access-list inside_in extended permit tcp any 172.16.0.0 255.255.255.0 eq 443
    access-group inside_in in interface inside
    """
    private static let destinations = ["172.16.0.0/24", "172.16.0.0/16", "8.8.8.0/24", "0.0.0.0/0", "10.0.0.0/8",
                                       "1.2.3.0/24", "203.0.113.0/24"]

    private static func world(_ rng: inout SplitMix64) -> Scenario {
        var scenario = Scenario()
        scenario.namespaces = [Namespace(metadata: ObjectMeta(name: "egw")), Namespace(metadata: ObjectMeta(name: "egw2"))]
        scenario.pods = (0..<6).map { index in
            let second = index % 2 == 1
            return Pod(metadata: ObjectMeta(name: "gw-\(index)", namespace: second ? "egw2" : "egw", labels: ["role": "gw"]),
                       nodeName: index < 3 ? "node-a" : "node-b",
                       podIP: ip(second ? "10.0.42.\(20 + index)" : "10.0.41.\(20 + index)"), ready: rng.below(6) != 0)
        }
        let names = ["p0", "p1", "p2"]
        for n in 0..<5 {
            let namespace = "app-\(n)"
            scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: namespace, annotations: rng.below(5) == 0
                ? [:] : [EgressAnnotations.policyKey: names[rng.below(names.count)]])))
            for p in 0..<3 {
                scenario.pods.append(Pod(metadata: ObjectMeta(name: "pod-\(p)", namespace: namespace),
                                         nodeName: p % 2 == 0 ? "node-a" : "node-b", podIP: ip("192.168.\(n).\(10 + p)")))
            }
        }
        scenario.pools.append(IPPool(name: "egw2-pool", cidr: prefix("10.0.42.0/24"), blockSize: 32, awsSubnetID: "subnet-gw2"))
        scenario.subnets.append(Subnet(subnetID: "subnet-gw2", vpcID: "vpc-1", cidrBlock: prefix("10.0.42.0/24")))
        scenario.policies = (0..<3).map { p in
            EgressGatewayPolicy(name: "p\(p)", rules: (0..<3).map { _ in
                EgressGatewayRule(destination: prefix(destinations[rng.below(destinations.count)]),
                                  gateway: rng.below(5) == 0 ? nil : EgressGatewaySelection(
                                      namespaceSelector: ["projectcalico.org/name == 'egw'", "projectcalico.org/name == 'egw2'",
                                                          "all()"][rng.below(3)],
                                      selector: "role == 'gw'", maxNextHops: rng.below(3)))
            })
        }
        scenario.networkInterfaces = [
            NetworkInterface(networkInterfaceID: "eni-gw", subnetID: "subnet-gw", vpcID: "vpc-1",
                             privateIPAddresses: (20..<26).map { .init(address: ip("10.0.41.\($0)"), primary: $0 == 20) },
                             groupIDs: ["sg-a"]),
            NetworkInterface(networkInterfaceID: "eni-gw2", subnetID: "subnet-gw2", vpcID: "vpc-1",
                             privateIPAddresses: (20..<26).map { .init(address: ip("10.0.42.\($0)"), primary: $0 == 20) },
                             groupIDs: ["sg-b"]),
        ]
        let allowAll = IpPermission(ipProtocol: "-1", ipRanges: [.init(cidr: prefix("0.0.0.0/0"))])
        scenario.securityGroups = [SecurityGroup(groupID: "sg-a", groupName: "a", egress: [allowAll]),
                                   SecurityGroup(groupID: "sg-b", groupName: "b", egress: [allowAll])]
        scenario.networkAcls = ["subnet-gw", "subnet-gw2", "subnet-nodes"].map { subnet in
            NetworkAcl(networkAclID: "acl-\(subnet)", vpcID: "vpc-1", associations: [.init(subnetID: subnet)], entries: [
                NetworkAclEntry(ruleNumber: 100, egress: true, ruleAction: .allow, protocol: "-1", cidr: prefix("0.0.0.0/0")),
                NetworkAclEntry(ruleNumber: 100, egress: false, ruleAction: .allow, protocol: "-1", cidr: prefix("0.0.0.0/0")),
            ])
        }
        scenario.transitGatewayAttachments = [
            TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-vpc", transitGatewayID: "tgw-1",
                                     resourceType: "vpc", resourceID: "vpc-1", state: "available",
                                     association: .init(transitGatewayRouteTableID: "tgw-rtb-1")),
        ]
        scenario.transitGatewayRouteTables = [TransitGatewayRouteTable(transitGatewayRouteTableID: "tgw-rtb-1",
                                                                       transitGatewayID: "tgw-1")]
        scenario.transitGatewayRoutes = [
            TransitGatewayRoute(transitGatewayRouteTableID: "tgw-rtb-1", destination: prefix("172.16.0.0/12"),
                                type: "static", state: "active",
                                attachments: [.init(transitGatewayAttachmentID: "tgw-attach-dc", resourceType: "vpn")]),
        ]
        scenario.firewalls = [
            FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["vpce-fw"]),
            FirewallPlacement(name: "fw-dc", config: "firewall/fw-dc.cfg", interface: "inside", targets: ["tgw-attach-dc"]),
        ]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: firewallText),
                                    FirewallConfigFile(path: "firewall/fw-dc.cfg", text: mainframeFirewallText)]
        return scenario
    }

    /// The kinds of candidate `whatif` takes besides policies.
    enum Candidate: CaseIterable {
        case firewall, mainframeFirewall, securityGroup, networkAcl, routeTable, transitGatewayRoute, fail, failAndPolicy
    }

    private static func candidate(_ kind: Candidate, of snapshot: Snapshot, _ rng: inout SplitMix64) -> Snapshot {
        func with(firewallConfigs: [FirewallConfigFile]) -> Snapshot {
            Snapshot(source: snapshot.source, cluster: snapshot.cluster, aws: snapshot.aws, config: snapshot.config,
                     firewallConfigs: firewallConfigs)
        }
        func failing(_ snapshot: Snapshot) -> Snapshot {
            var cluster = snapshot.cluster
            let node = rng.below(2) == 0 ? "node-a" : "node-b"
            for index in cluster.pods.indices where cluster.pods[index].namespace.hasPrefix("egw")
                && cluster.pods[index].nodeName == node {
                cluster.pods[index].ready = false
                cluster.pods[index].readinessReason = "what-if: node=\(node)"
            }
            return Snapshot(source: snapshot.source, cluster: cluster, aws: snapshot.aws, config: snapshot.config,
                            firewallConfigs: snapshot.firewallConfigs)
        }
        switch kind {
        case .firewall:
            let lines = firewallText.split(separator: "\n").map(String.init)
            let aces = lines.indices.filter { lines[$0].hasPrefix("access-list") }
            var edited = lines
            let at = aces[rng.below(aces.count)]
            edited[at] = edited[at].contains(" permit ") ? edited[at].replacingOccurrences(of: " permit ", with: " deny ")
                : edited[at].replacingOccurrences(of: " deny ", with: " permit ")
            return with(firewallConfigs: [FirewallConfigFile(path: "firewall/fw.cfg", text: edited.joined(separator: "\n")),
                                          snapshot.firewallConfigs[1]])
        case .mainframeFirewall:
            return with(firewallConfigs: [snapshot.firewallConfigs[0], FirewallConfigFile(
                path: "firewall/fw-dc.cfg", text: mainframeFirewallText.replacingOccurrences(of: "eq 443", with: "eq 22"))])
        case .securityGroup:
            let id = rng.below(2) == 0 ? "sg-a" : "sg-b"
            return snapshot.replacing(awsObjects: AWSState(securityGroups: [SecurityGroup(groupID: id, groupName: id, egress: [
                IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [.init(cidr: prefix("8.8.8.0/24"))]),
            ])]))
        case .networkAcl:
            let subnet = ["subnet-gw", "subnet-gw2", "subnet-nodes"][rng.below(3)]
            return snapshot.replacing(awsObjects: AWSState(securityGroups: [], networkAcls: [NetworkAcl(
                networkAclID: "acl-\(subnet)", vpcID: "vpc-1", associations: [.init(subnetID: subnet)], entries: [
                    NetworkAclEntry(ruleNumber: 90, egress: true, ruleAction: .deny, protocol: "6", cidr: prefix("172.16.0.0/12"),
                                    portRange: 443...443),
                    NetworkAclEntry(ruleNumber: 100, egress: true, ruleAction: .allow, protocol: "-1", cidr: prefix("0.0.0.0/0")),
                    NetworkAclEntry(ruleNumber: 100, egress: false, ruleAction: .allow, protocol: "-1",
                                    cidr: prefix("0.0.0.0/0")),
                ])]))
        case .routeTable:
            var table = snapshot.aws.routeTables[0]
            table.routes.append(Route(destination: prefix("8.8.8.0/24"), target: RouteTarget("nat-0123")))
            return snapshot.replacing(awsObjects: AWSState(routeTables: [table]))
        case .transitGatewayRoute:
            return snapshot.replacing(awsObjects: AWSState(securityGroups: [], transitGatewayRoutes: [
                TransitGatewayRoute(transitGatewayRouteTableID: "tgw-rtb-1", destination: prefix("172.16.0.0/16"),
                                    type: "static", state: "blackhole", attachments: []),
            ]))
        case .fail:
            return failing(snapshot)
        case .failAndPolicy:
            var policy = snapshot.cluster.policies[rng.below(snapshot.cluster.policies.count)]
            policy.rules.removeLast()
            return failing(snapshot.replacing(policies: [policy]))
        }
    }

    @Test(arguments: 0..<24 as Range<UInt64>)
    func incrementalEqualsTheFullComparison(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let before = Self.world(&rng).snapshot
        for kind in Candidate.allCases {
            let after = Self.candidate(kind, of: before, &rng)
            let whatIf = WhatIf(before: before, after: after)
            for port: UInt16 in [443, 22] {
                let incremental = whatIf.compare(port: port)
                let full = whatIf.compare(port: port, incremental: false)
                #expect(incremental.changes == full.changes, "seed \(seed), \(kind), port \(port)")
                #expect(incremental.classes == full.classes && incremental.destinations == full.destinations)
                #expect(incremental.comparisons <= full.comparisons)
            }
        }
    }

    /// The narrowing narrows, and the comparisons it skips are the ones that cannot change.
    @Test func eachKindTracesOnlyWhatItTouches() throws {
        var rng = SplitMix64(seed: 7)
        let before = Self.world(&rng).snapshot
        // The kinds that touch part of this world: one firewall behind the transit gateway, one
        // ENI's group, one subnet's ACL, the transit gateway's routes. (The default-route firewall,
        // the main route table and a node's gateways may meet every pair of a random world.)
        let partial: Set<Candidate> = [.mainframeFirewall, .securityGroup, .networkAcl, .transitGatewayRoute]
        var narrowed: Set<Candidate> = []
        var changed = 0
        for kind in Candidate.allCases {
            let after = Self.candidate(kind, of: before, &rng)
            let whatIf = WhatIf(before: before, after: after)
            let incremental = whatIf.compare(port: 443)
            let full = whatIf.compare(port: 443, incremental: false)
            #expect(incremental.changes == full.changes, "\(kind)")
            if incremental.comparisons < full.comparisons { narrowed.insert(kind) }
            if !full.changes.isEmpty { changed += 1 }
        }
        // Every kind leaves some pairs out, and most candidates change something to compare.
        #expect(partial.isSubset(of: narrowed), "narrowed: \(narrowed)")
        #expect(changed >= Candidate.allCases.count - 2)
    }

    @Test func aFootprintNamesWhatChanged() throws {
        var rng = SplitMix64(seed: 3)
        let before = Self.world(&rng).snapshot
        let acl = WhatIfFootprint(before: before, after: before.replacing(awsObjects: AWSState(securityGroups: [], networkAcls: [
            NetworkAcl(networkAclID: "acl-subnet-gw2", vpcID: "vpc-1", associations: [.init(subnetID: "subnet-gw2")]),
        ])))
        #expect(acl.subnets == ["subnet-gw2"] && !acl.everything && acl.securityGroups.isEmpty)
        var cluster = before.cluster
        cluster.pods[0].ready.toggle()
        let fail = WhatIfFootprint(before: before, after: Snapshot(source: before.source, cluster: cluster, aws: before.aws,
                                                                   config: before.config, firewallConfigs: before.firewallConfigs))
        #expect(fail.gateways == [before.cluster.pods[0].qualifiedName] && !fail.everything)
        var moved = before.aws
        moved.networkInterfaces.removeLast()
        #expect(WhatIfFootprint(before: before, after: before.replacing(awsObjects: AWSState())).isEmpty)
        let eni = WhatIfFootprint(before: before, after: Snapshot(source: before.source, cluster: before.cluster, aws: moved,
                                                                  config: before.config, firewallConfigs: before.firewallConfigs))
        #expect(eni.everything)
    }
}
