import Inventory
import LPM
import Simulator
import Testing

/// IPv6 egress (docs/aws-path.md §6): a pod with an IPv6 address leaves with it (no NAT), through
/// the subnet's route for `::/0` to an egress-only internet gateway (or an internet gateway), with
/// the security groups' `Ipv6Ranges` and the network ACL's `Ipv6CidrBlock` entries; a packet with
/// no IPv6 source is dropped, and IPv4 never takes an egress-only gateway.
@Suite struct IPv6PathTests {
    static let podIPv6 = "2600:1f18:4a3:6e01::10"
    static let destination = "2606:4700:4700::1111"

    /// The client with an IPv6 address in subnet-nodes' IPv6 block, on an ENI with `groups`.
    private func scenario(groups: [SecurityGroup] = [], acl: [NetworkAclEntry]? = nil,
                          v6Target: String = "eigw-0a1b2c3d", clientHasIPv6: Bool = true) -> Scenario {
        var scenario = Scenario()
        scenario.pods[0] = Pod(metadata: ObjectMeta(name: "client", namespace: "app", labels: ["app": "client"]),
                               nodeName: "node-a", podIP: ip("192.168.0.10"),
                               podIPs: clientHasIPv6 ? [ip("192.168.0.10"), ip(Self.podIPv6)] : [])
        scenario.subnets[0].ipv6CidrBlocks = [prefix("2600:1f18:4a3:6e01::/64")]
        scenario.routes += [
            Route(destination: prefix("2600:1f18:4a3:6e00::/56"), target: RouteTarget("local")),
            Route(destination: prefix("::/0"), target: RouteTarget(v6Target)),
            Route(destination: prefix("198.51.100.0/24"), target: RouteTarget("eigw-0a1b2c3d")),
        ]
        scenario.networkInterfaces = [
            NetworkInterface(networkInterfaceID: "eni-node-a", subnetID: "subnet-nodes", vpcID: "vpc-1",
                             privateIPAddress: ip("10.0.1.10"), privateIPAddresses: [.init(address: ip("10.0.1.10"), primary: true)],
                             groupIDs: groups.map(\.groupID), ipv6Addresses: [ip(Self.podIPv6)]),
        ]
        scenario.securityGroups = groups
        if let acl {
            scenario.networkAcls = [NetworkAcl(networkAclID: "acl-nodes", vpcID: "vpc-1",
                                               associations: [.init(subnetID: "subnet-nodes")], entries: acl)]
        }
        return scenario
    }

    private func trace(_ scenario: Scenario, to destination: String = IPv6PathTests.destination, port: UInt16 = 443,
                       protocolNumber: UInt8 = 6) throws -> TraceResult {
        try Tracer(snapshot: scenario.snapshot).trace(TraceQuery(
            sender: .pod(namespace: "app", name: "client"), destination: ip(destination), destinationPort: port,
            ipProtocol: protocolNumber))
    }

    private func phase(_ result: TraceResult, _ name: TracePhaseName) -> TracePhase? {
        result.phases.first { $0.name == name }
    }

    private let tcpOverIPv6 = SecurityGroup(groupID: "sg-web", groupName: "web", egress: [
        IpPermission(ipProtocol: "tcp", fromPort: 0, toPort: 65535, ipv6Ranges: [.init(cidr: prefix("::/0"))]),
        IpPermission(ipProtocol: "-1", ipRanges: [.init(cidr: prefix("0.0.0.0/0"))]),
    ])

    private func aclEntry(_ number: Int, egress: Bool, _ action: NetworkAclEntry.Action, _ protocolText: String,
                          _ cidr: String, ports: ClosedRange<Int>? = nil) -> NetworkAclEntry {
        NetworkAclEntry(ruleNumber: number, egress: egress, ruleAction: action, protocol: protocolText, cidr: prefix(cidr),
                        portRange: ports)
    }

    private var acl: [NetworkAclEntry] {
        [aclEntry(90, egress: true, .deny, "6", "::/0", ports: 22...22),
         aclEntry(100, egress: true, .allow, "-1", "0.0.0.0/0"),
         aclEntry(101, egress: true, .allow, "-1", "::/0"),
         aclEntry(100, egress: false, .allow, "-1", "0.0.0.0/0"),
         aclEntry(101, egress: false, .allow, "6", "::/0", ports: 1024...65535)]
    }

    @Test func anIPv6PacketLeavesWithThePodsOwnAddressThroughTheEgressOnlyGateway() throws {
        let result = try trace(scenario(groups: [tcpOverIPv6], acl: acl))
        #expect(result.verdict == .allow)
        let path = try #require(result.paths.first)
        #expect(path.sourceIP == ip(Self.podIPv6))
        #expect(path.publicIP == ip(Self.podIPv6))
        #expect(path.route?.target == RouteTarget("eigw-0a1b2c3d"))
        #expect(path.route?.destination == prefix("::/0"))
        #expect(path.subnet == "subnet-nodes")
        #expect(path.networkInterface == "eni-node-a")
        #expect(phase(result, .securityGroup)?.outcome == .ok)
        #expect(phase(result, .networkAcl)?.outcome == .ok)
        #expect(phase(result, .vpcRoute)?.outcome == .ok)
        #expect(phase(result, .vpcRoute)?.reason.contains("egress-only internet gateway") == true)
    }

    @Test func theSecurityGroupsIPv6RangesDecide() throws {
        // UDP over IPv6 is allowed by no rule (the IPv4 rule does not count).
        let result = try trace(scenario(groups: [tcpOverIPv6], acl: acl), port: 53, protocolNumber: 17)
        #expect(result.verdict == .drop)
        #expect(result.paths.first?.dropCode == .eniSecurityGroupRulesMismatch)
    }

    @Test func theNetworkAclsIPv6EntriesDecide() throws {
        let result = try trace(scenario(groups: [tcpOverIPv6], acl: acl), port: 22)
        #expect(result.verdict == .drop)
        #expect(result.paths.first?.dropCode == .subnetAclRestriction)
        #expect(result.paths.first?.networkAcl?.outboundRule == 90)
    }

    @Test func aPodWithoutAnIPv6AddressHasNoIPv6Path() throws {
        let result = try trace(scenario(clientHasIPv6: false))
        #expect(result.verdict == .drop)
        #expect(phase(result, .vpcRoute)?.outcome == .fail)
        #expect(phase(result, .vpcRoute)?.code == .noPath)
        #expect(result.paths.first?.dropCode == .noPath)
    }

    @Test func anInternetGatewayCarriesIPv6WithoutAnElasticIP() throws {
        let result = try trace(scenario(v6Target: "igw-0a1b2c3d"))
        #expect(result.verdict == .allow)
        #expect(result.paths.first?.publicIP == ip(Self.podIPv6))
    }

    @Test func anIPv4RouteToAnEgressOnlyGatewayCannotRoute() throws {
        let result = try trace(scenario(), to: "198.51.100.7")
        #expect(result.verdict == .drop)
        #expect(phase(result, .vpcRoute)?.code == .cannotRoute)
    }

    @Test func ipv4TracesAreUnchanged() throws {
        let before = try Tracer(snapshot: Scenario().snapshot).trace(TraceQuery(
            sender: .pod(namespace: "app", name: "client"), destination: ip("172.16.0.7"), destinationPort: 443))
        let after = try trace(scenario(), to: "172.16.0.7")
        #expect(after.verdict == before.verdict)
        #expect(after.paths.map(\.sourceIP) == before.paths.map(\.sourceIP))
    }
}
