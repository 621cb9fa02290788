import Foundation
import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// Described traces over random worlds (two gateway subnets with their own ENIs, security groups
/// and network ACLs, ready and unready gateways, firewalls at the default route and behind a
/// transit gateway, Elastic IPs and a NAT gateway) and over the demo bundle, every field a renderer
/// reads (each phase's name, outcome, code, reason and details; every path's gateway, addresses,
/// subnet, ENI, route, firewall, security group, network ACL, transit gateway, verdict and drop
/// code) written out and compared with `Golden/trace-corpus.txt`. The golden was written by the
/// tracer before its notes and paths became lazily rendered values, so the comparison shows
/// rendering them later gives the text they gave when built eagerly. Run with
/// `GATEWATCH_UPDATE_GOLDEN=1` to rewrite it after an intended change.
@Suite("Described traces: rendered text and path fields over random worlds")
struct TraceCorpusGoldenTests {
    private static let firewallText = """
    hostname fw
    interface GigabitEthernet0/0
     nameif inside
    access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 any eq 443
    access-list inside_in extended permit tcp 10.0.42.0 255.255.255.0 8.8.8.0 255.255.255.0 eq 443
    access-list inside_in extended deny tcp any 1.2.3.0 255.255.255.0
    access-list inside_in extended permit udp any any eq 53
    access-list inside_in extended deny ip any 203.0.113.0 255.255.255.0
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
                                       "1.2.3.0/24", "203.0.113.0/24", "198.51.100.0/24"]
    static let probes = ["172.16.0.9", "172.16.5.1", "8.8.8.8", "1.2.3.4", "203.0.113.7", "198.51.100.7",
                                 "10.0.41.22", "10.0.1.10", "192.168.1.11", "9.9.9.9", "10.0.0.5"]

    static func world(_ rng: inout SplitMix64) -> Scenario {
        var scenario = Scenario()
        scenario.namespaces = [Namespace(metadata: ObjectMeta(name: "egw")), Namespace(metadata: ObjectMeta(name: "egw2"))]
        scenario.pods = (0..<6).map { index in
            let second = index % 2 == 1
            return Pod(metadata: ObjectMeta(name: "gw-\(index)", namespace: second ? "egw2" : "egw", labels: ["role": "gw"]),
                       nodeName: index < 3 ? "node-a" : "node-b",
                       podIP: rng.below(12) == 0 ? nil : ip(second ? "10.0.42.\(20 + index)" : "10.0.41.\(20 + index)"),
                       ready: rng.below(6) != 0)
        }
        let names = ["p0", "p1", "p2", "gone"]
        for n in 0..<4 {
            let namespace = "app-\(n)"
            scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: namespace, annotations: rng.below(5) == 0
                ? [:] : [EgressAnnotations.policyKey: names[rng.below(names.count)]])))
            for p in 0..<2 {
                scenario.pods.append(Pod(metadata: ObjectMeta(name: "pod-\(p)", namespace: namespace, labels: ["app": "a\(p)"]),
                                         nodeName: p % 2 == 0 ? "node-a" : "node-b",
                                         podIP: ip("192.168.\(n).\(10 + p)")))
            }
        }
        scenario.pools.append(IPPool(name: "egw2-pool", cidr: prefix("10.0.42.0/24"), blockSize: 32, awsSubnetID: "subnet-gw2"))
        scenario.subnets.append(Subnet(subnetID: "subnet-gw2", vpcID: "vpc-1", cidrBlock: prefix("10.0.42.0/24")))
        scenario.policies = (0..<3).map { p in
            EgressGatewayPolicy(name: "p\(p)", rules: (0..<3).map { r in
                EgressGatewayRule(destination: rng.below(6) == 0 ? nil : prefix(destinations[rng.below(destinations.count)]),
                                  description: rng.below(2) == 0 ? nil : "rule \(p).\(r)",
                                  gateway: rng.below(5) == 0 ? nil : EgressGatewaySelection(
                                      namespaceSelector: ["projectcalico.org/name == 'egw'", "projectcalico.org/name == 'egw2'",
                                                          "all()", "projectcalico.org/name == 'none'"][rng.below(4)],
                                      selector: "role == 'gw'", maxNextHops: rng.below(3)),
                                  gatewayPreference: rng.below(3) == 0 ? .preferNodeLocal : .none)
            })
        }
        scenario.networkInterfaces = [
            NetworkInterface(networkInterfaceID: "eni-gw", subnetID: "subnet-gw", vpcID: "vpc-1",
                             privateIPAddresses: (20..<26).map { .init(address: ip("10.0.41.\($0)"), primary: $0 == 20) },
                             groupIDs: rng.below(4) == 0 ? ["sg-a", "sg-missing"] : ["sg-a"]),
            NetworkInterface(networkInterfaceID: "eni-gw2", subnetID: "subnet-gw2", vpcID: "vpc-1",
                             privateIPAddresses: (20..<26).map { .init(address: ip("10.0.42.\($0)"), primary: $0 == 20) },
                             groupIDs: ["sg-b"]),
        ]
        let allowAll = IpPermission(ipProtocol: "-1", ipRanges: [.init(cidr: prefix("0.0.0.0/0"))])
        let https = IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [.init(cidr: prefix("0.0.0.0/0"))])
        let dns = IpPermission(ipProtocol: "udp", fromPort: 53, toPort: 53, ipRanges: [.init(cidr: prefix("8.8.8.0/24"))])
        scenario.securityGroups = [
            SecurityGroup(groupID: "sg-a", groupName: "a", egress: rng.below(3) == 0 ? [https, dns] : [allowAll]),
            SecurityGroup(groupID: "sg-b", groupName: rng.below(2) == 0 ? nil : "b",
                          egress: [[allowAll], [https], []][rng.below(3)]),
        ]
        scenario.networkAcls = ["subnet-gw", "subnet-gw2", "subnet-nodes"].map { subnet in
            var entries = [
                NetworkAclEntry(ruleNumber: 100, egress: true, ruleAction: .allow, protocol: "-1", cidr: prefix("0.0.0.0/0")),
                NetworkAclEntry(ruleNumber: 100, egress: false, ruleAction: .allow, protocol: "-1", cidr: prefix("0.0.0.0/0")),
            ]
            if rng.below(3) == 0 {
                entries.insert(NetworkAclEntry(ruleNumber: 50, egress: true, ruleAction: .deny, protocol: "6",
                                               cidr: prefix("198.51.100.0/24"), portRange: 0...65535), at: 0)
            }
            if rng.below(3) == 0 {
                entries.insert(NetworkAclEntry(ruleNumber: 60, egress: false, ruleAction: .deny, protocol: "6",
                                               cidr: prefix("8.8.8.0/24"), portRange: 1024...2047), at: 0)
            }
            return NetworkAcl(networkAclID: "acl-\(subnet)", vpcID: "vpc-1", associations: [.init(subnetID: subnet)],
                              entries: entries)
        }
        scenario.elasticIPs = [ElasticIP(allocationID: "eipalloc-1", publicIP: ip("54.0.0.21"), networkInterfaceID: "eni-gw",
                                         privateIPAddress: ip("10.0.41.22"))]
        if rng.below(2) == 0 {
            scenario.routes.append(Route(destination: prefix("198.51.100.0/24"), target: RouteTarget("igw-1")))
        }
        if rng.below(3) == 0 {
            scenario.routes.append(Route(destination: prefix("9.9.9.0/24"), target: RouteTarget("nat-1")))
            scenario.natGateways = [NatGateway(natGatewayID: "nat-1", subnetID: "subnet-nodes", vpcID: "vpc-1", addresses: [
                .init(allocationID: "eipalloc-nat", publicIP: ip("54.0.0.99"), privateIP: ip("10.0.1.99"),
                      networkInterfaceID: "eni-nat"),
            ])]
        }
        scenario.transitGatewayAttachments = [
            TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-vpc", transitGatewayID: "tgw-1",
                                     resourceType: "vpc", resourceID: "vpc-1", state: "available",
                                     association: rng.below(6) == 0 ? nil : .init(transitGatewayRouteTableID: "tgw-rtb-1")),
        ]
        scenario.transitGatewayRouteTables = [TransitGatewayRouteTable(transitGatewayRouteTableID: "tgw-rtb-1",
                                                                       transitGatewayID: "tgw-1")]
        scenario.transitGatewayRoutes = [
            TransitGatewayRoute(transitGatewayRouteTableID: "tgw-rtb-1", destination: prefix("172.16.0.0/16"),
                                type: "static", state: rng.below(5) == 0 ? "blackhole" : "active",
                                attachments: [.init(transitGatewayAttachmentID: "tgw-attach-dc", resourceType: "vpn")]),
        ]
        scenario.firewalls = [
            FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["vpce-fw"]),
            FirewallPlacement(name: "fw-dc", config: rng.below(5) == 0 ? "firewall/absent.cfg" : "firewall/fw-dc.cfg",
                              interface: "inside", targets: ["tgw-attach-dc"]),
        ]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: firewallText),
                                    FirewallConfigFile(path: "firewall/fw-dc.cfg", text: mainframeFirewallText)]
        return scenario
    }

    /// Calls `body` with the tracer of each of `worlds` random worlds drawn from `seed` and the
    /// query of each `app-` pod to each probe: the walk the property tests over these worlds share.
    static func forEachQuery(worlds: Int, seed: UInt64,
                             _ body: (_ tracer: Tracer, _ pod: Pod, _ probe: String, _ query: TraceQuery) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<worlds {
            let snapshot = world(&rng).snapshot
            let tracer = Tracer(snapshot: snapshot)
            for pod in snapshot.cluster.pods where pod.namespace.hasPrefix("app-") {
                for probe in probes {
                    try body(tracer, pod, probe, query(.pod(namespace: pod.namespace, name: pod.name), ip(probe), &rng))
                }
            }
        }
    }

    static func query(_ sender: TraceQuery.Sender, _ destination: IPAddress, _ rng: inout SplitMix64) -> TraceQuery {
        switch rng.below(6) {
        case 0: return TraceQuery(sender: sender, destination: destination, destinationPort: 53, ipProtocol: 17)
        case 1: return TraceQuery(sender: sender, destination: destination, ipProtocol: 1, icmpType: 8, icmpCode: 0)
        case 2: return TraceQuery(sender: sender, destination: destination, ipProtocol: 47)
        case 3: return TraceQuery(sender: sender, destination: destination, destinationPort: 22)
        default: return TraceQuery(sender: sender, destination: destination, destinationPort: 443)
        }
    }

    /// Every field a renderer reads, one line each.
    static func dump(_ result: TraceResult) -> [String] {
        var lines = ["verdict \(result.verdict.rawValue) sender \(result.sender) ip \(String(describing: result.senderIP)) "
            + "node \(String(describing: result.senderNode)) policy \(String(describing: result.policy)) "
            + "rule \(String(describing: result.rule)) maxNextHops \(String(describing: result.maxNextHops))"]
        for gateway in result.gateways { lines.append("  gateway \(gateway)") }
        for phase in result.phases {
            lines.append("  \(phase.name.rawValue) \(phase.outcome.rawValue) \(phase.code?.rawValue ?? "-"): \(phase.reason)")
            for detail in phase.details { lines.append("    \(detail)") }
        }
        for path in result.paths {
            lines.append("  path \(String(describing: path.gateway)) \(String(describing: path.sourceIP)) "
                + "\(String(describing: path.publicIP)) \(String(describing: path.subnet)) "
                + "\(String(describing: path.networkInterface)) \(path.verdict.rawValue) \(path.dropCode?.rawValue ?? "-")")
            lines.append("    route \(String(describing: path.route))")
            lines.append("    firewall \(String(describing: path.firewall))")
            lines.append("    securityGroup \(String(describing: path.securityGroup))")
            lines.append("    networkAcl \(String(describing: path.networkAcl))")
            lines.append("    transitGateway \(String(describing: path.transitGateway))")
        }
        return lines
    }

    static func corpus() -> String {
        var lines: [String] = []
        var rng = SplitMix64(seed: 19)
        for world in 0..<12 {
            let snapshot = Self.world(&rng).snapshot
            let tracer = Tracer(snapshot: snapshot)
            lines.append("# world \(world)")
            for pod in snapshot.cluster.pods where pod.namespace.hasPrefix("app-") {
                for probe in probes where rng.below(3) == 0 {
                    let query = Self.query(.pod(namespace: pod.namespace, name: pod.name), ip(probe), &rng)
                    lines.append("## \(pod.namespace)/\(pod.name) → \(probe) protocol \(query.ipProtocol)")
                    do { lines += dump(try tracer.trace(query)) } catch { lines.append("  error \(error)") }
                }
            }
        }
        let demo = DemoBundle.load().snapshot
        let tracer = Tracer(snapshot: demo)
        lines.append("# demo")
        for pod in demo.cluster.pods where !pod.hostNetwork {
            for probe in ["103.47.244.10", "172.16.99.5", "10.1.2.3", "8.8.8.8"] where rng.below(4) == 0 {
                let query = Self.query(.pod(namespace: pod.namespace, name: pod.name), ip(probe), &rng)
                lines.append("## \(pod.namespace)/\(pod.name) → \(probe) protocol \(query.ipProtocol)")
                do { lines += dump(try tracer.trace(query)) } catch { lines.append("  error \(error)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func renderedTracesMatchTheGolden() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent("trace-corpus.txt")
        let text = Self.corpus()
        if ProcessInfo.processInfo.environment["GATEWATCH_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(first == nil, "line \((first?.offset ?? 0) + 1): got «\(first?.element.0 ?? "")», golden «\(first?.element.1 ?? "")»")
        #expect(got.count == want.count)
    }
}
