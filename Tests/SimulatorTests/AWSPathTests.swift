import Inventory
import LPM
import Simulator
import Testing

/// The AWS packet path of a trace (docs/aws-path.md): security group egress rules, network ACL
/// entries both ways, prefix-list routes and transit gateway route tables, on small scenarios.
/// The client's rule #0 sends 172.16.0.0/24 through gateways 10.0.41.20 and 10.0.41.21 in
/// subnet-gw; the VPC routes 172.16.0.0/12 to tgw-1.
@Suite struct AWSPathTests {
    // MARK: - Building blocks

    /// The scenario with both gateways on one ENI carrying `groups`.
    private func withGroups(_ groups: [SecurityGroup], on ids: [String]? = nil) -> Scenario {
        var scenario = Scenario()
        scenario.networkInterfaces = [
            NetworkInterface(networkInterfaceID: "eni-gw", subnetID: "subnet-gw", vpcID: "vpc-1",
                             privateIPAddress: ip("10.0.41.250"),
                             privateIPAddresses: [.init(address: ip("10.0.41.250"), primary: true),
                                                  .init(address: ip("10.0.41.20"), primary: false),
                                                  .init(address: ip("10.0.41.21"), primary: false)],
                             groupIDs: ids ?? groups.map(\.groupID)),
        ]
        scenario.securityGroups = groups
        return scenario
    }

    private func group(_ id: String, _ egress: [IpPermission]) -> SecurityGroup {
        SecurityGroup(groupID: id, groupName: "name-\(id)", egress: egress)
    }

    private func cidr(_ protocolText: String, _ from: Int? = nil, _ to: Int? = nil, _ text: String) -> IpPermission {
        IpPermission(ipProtocol: protocolText, fromPort: from, toPort: to, ipRanges: [.init(cidr: prefix(text))])
    }

    private func trace(_ scenario: Scenario, to destination: String = "172.16.0.7", port: UInt16? = 443,
                       sourcePort: UInt16? = nil, protocolNumber: UInt8 = 6, icmpType: UInt8? = nil,
                       icmpCode: UInt8? = nil) throws -> TraceResult {
        try Tracer(snapshot: scenario.snapshot).trace(TraceQuery(
            sender: .pod(namespace: "app", name: "client"), destination: ip(destination), destinationPort: port,
            sourcePort: sourcePort, ipProtocol: protocolNumber, icmpType: icmpType, icmpCode: icmpCode))
    }

    private func phase(_ result: TraceResult, _ name: TracePhaseName) -> TracePhase? {
        result.phases.first { $0.name == name }
    }

    private func entry(_ number: Int, egress: Bool, _ action: NetworkAclEntry.Action, _ protocolText: String = "-1",
                       _ text: String = "0.0.0.0/0", ports: ClosedRange<Int>? = nil, icmp: (Int, Int)? = nil) -> NetworkAclEntry {
        NetworkAclEntry(ruleNumber: number, egress: egress, ruleAction: action, protocol: protocolText, cidr: prefix(text),
                        portRange: ports, icmpType: icmp?.0, icmpCode: icmp?.1)
    }

    /// The scenario with an ACL on subnet-gw made of `entries` plus the fixed `*` rules.
    private func withAcl(_ entries: [NetworkAclEntry], associated: Bool = true, isDefault: Bool = false) -> Scenario {
        var scenario = Scenario()
        scenario.networkAcls = [NetworkAcl(
            networkAclID: "acl-gw", vpcID: "vpc-1", isDefault: isDefault,
            associations: associated ? [.init(subnetID: "subnet-gw")] : [],
            entries: entries + [entry(32767, egress: true, .deny), entry(32767, egress: false, .deny)])]
        return scenario
    }

    private let allowAllOut = NetworkAclEntry(ruleNumber: 100, egress: true, ruleAction: .allow, protocol: "-1",
                                              cidr: prefix("0.0.0.0/0"))
    private let allowAllIn = NetworkAclEntry(ruleNumber: 100, egress: false, ruleAction: .allow, protocol: "-1",
                                             cidr: prefix("0.0.0.0/0"))

    // MARK: - SECURITY-GROUP

    @Test func withoutSecurityGroupsOrAclsInTheBundleBothPhasesAreSkippedAndNothingChanges() throws {
        let result = try trace(Scenario())
        #expect(result.verdict == .allow)
        #expect(phase(result, .securityGroup)?.outcome == .skip)
        #expect(phase(result, .networkAcl)?.outcome == .skip)
        #expect(result.paths.allSatisfy { $0.securityGroup == nil && $0.networkAcl == nil && $0.dropCode == nil })
    }

    @Test func anAddressOnNoKnownENIIsSkippedNeverDropped() throws {
        var scenario = Scenario()
        scenario.securityGroups = [group("sg-empty", [])]
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        #expect(phase(result, .securityGroup)?.outcome == .skip)
    }

    @Test func anEgressRuleCoveringTheDestinationAllowsAndIsNamed() throws {
        let scenario = withGroups([group("sg-a", [cidr("tcp", 22, 22, "0.0.0.0/0"), cidr("tcp", 443, 443, "172.16.0.0/12")])])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        #expect(phase(result, .securityGroup)?.outcome == .ok)
        let group = try #require(result.paths.first?.securityGroup)
        #expect(group.groupID == "sg-a" && group.ruleIndex == 1 && group.allowed)
        #expect(phase(result, .securityGroup)?.reason.contains("sg-a") == true)
    }

    @Test func noAllowingRuleDropsWithTheAnalyzerCodeAndStopsThePath() throws {
        let scenario = withGroups([group("sg-a", [cidr("tcp", 443, 443, "10.0.0.0/8")])])
        let result = try trace(scenario)
        #expect(result.verdict == .drop)
        let sg = try #require(phase(result, .securityGroup))
        #expect(sg.outcome == .fail && sg.code == .eniSecurityGroupRulesMismatch)
        #expect(phase(result, .vpcRoute)?.outcome == .skip)
        #expect(phase(result, .firewall)?.outcome == .skip)
        #expect(result.paths.allSatisfy { $0.dropCode == .eniSecurityGroupRulesMismatch && $0.route == nil })
    }

    @Test func aGroupWithoutEgressRulesIsSGHasNoRules() throws {
        let result = try trace(withGroups([group("sg-a", [])]))
        #expect(result.verdict == .drop)
        #expect(phase(result, .securityGroup)?.code == .securityGroupHasNoRules)
    }

    @Test func theRulesOfAllTheENIsGroupsAreUnited() throws {
        let scenario = withGroups([group("sg-a", [cidr("tcp", 22, 22, "0.0.0.0/0")]),
                                   group("sg-b", [cidr("-1", nil, nil, "172.16.0.0/24")])])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        #expect(result.paths.first?.securityGroup?.groupID == "sg-b")
    }

    @Test(arguments: [(UInt16(442), false), (443, true), (450, true), (451, false)])
    func tcpRulesMatchTheirPortRangeInclusive(port: UInt16, allowed: Bool) throws {
        let result = try trace(withGroups([group("sg-a", [cidr("tcp", 443, 450, "0.0.0.0/0")])]), port: port)
        #expect((result.verdict != .drop) == allowed)
    }

    @Test func protocolsMustMatchAndMinusOneOrTheNumberAlsoMatch() throws {
        #expect(try trace(withGroups([group("sg-a", [cidr("udp", 0, 65535, "0.0.0.0/0")])])).verdict == .drop)
        #expect(try trace(withGroups([group("sg-a", [cidr("6", 443, 443, "0.0.0.0/0")])])).verdict != .drop)
        #expect(try trace(withGroups([group("sg-a", [cidr("-1", 80, 80, "0.0.0.0/0")])])).verdict != .drop,
                "-1 ignores the ports")
    }

    @Test func icmpRulesMatchTypeAndCodeFromTheirPortFields() throws {
        let scenario = withGroups([group("sg-a", [cidr("icmp", 8, -1, "0.0.0.0/0")])])
        let echo = try trace(scenario, port: nil, protocolNumber: 1, icmpType: 8, icmpCode: 0)
        #expect(phase(echo, .securityGroup)?.outcome == .ok)
        let unreachable = try trace(scenario, port: nil, protocolNumber: 1, icmpType: 3, icmpCode: 4)
        #expect(phase(unreachable, .securityGroup)?.outcome == .fail)
        let exact = withGroups([group("sg-a", [cidr("icmp", 3, 4, "0.0.0.0/0")])])
        #expect(phase(try trace(exact, port: nil, protocolNumber: 1, icmpType: 3, icmpCode: 4), .securityGroup)?.outcome == .ok)
        #expect(phase(try trace(exact, port: nil, protocolNumber: 1, icmpType: 3, icmpCode: 1), .securityGroup)?.outcome == .fail)
    }

    @Test func prefixListRulesAllowTheListsEntries() throws {
        var scenario = withGroups([group("sg-a", [IpPermission(ipProtocol: "-1", prefixListIDs: [.init(prefixListID: "pl-corp")])])])
        scenario.prefixListEntries = [PrefixListEntry(prefixListID: "pl-corp", cidr: prefix("172.16.0.0/28"))]
        #expect(try trace(scenario, to: "172.16.0.7").verdict == .allow)
        #expect(try trace(scenario, to: "172.16.0.77").verdict == .drop)
    }

    @Test func aPrefixListWithoutEntriesLeavesThePhaseUndecidedNotDropped() throws {
        let scenario = withGroups([group("sg-a", [IpPermission(ipProtocol: "-1", prefixListIDs: [.init(prefixListID: "pl-corp")])])])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        let sg = try #require(phase(result, .securityGroup))
        #expect(sg.outcome == .skip && sg.reason.contains("pl-corp"))
    }

    @Test func aMissingGroupLeavesThePhaseUndecidedNotDropped() throws {
        let scenario = withGroups([group("sg-a", [cidr("tcp", 22, 22, "0.0.0.0/0")])], on: ["sg-a", "sg-gone"])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        #expect(phase(result, .securityGroup)?.reason.contains("sg-gone") == true)
    }

    @Test func aReferencedGroupAllowsThePrivateAddressesOfItsENIs() throws {
        var scenario = withGroups([group("sg-a", [IpPermission(ipProtocol: "-1", userIDGroupPairs: [.init(groupID: "sg-db")])]),
                                   group("sg-db", [])], on: ["sg-a"])
        scenario.networkInterfaces.append(NetworkInterface(
            networkInterfaceID: "eni-db", privateIPAddress: ip("172.16.0.7"),
            privateIPAddresses: [.init(address: ip("172.16.0.7"), primary: true)], groupIDs: ["sg-db"]))
        #expect(try trace(scenario, to: "172.16.0.7").verdict == .allow)
        #expect(try trace(scenario, to: "172.16.0.8").verdict == .drop)
    }

    @Test func ipv6RangesNeverMatchAnIPv4Destination() throws {
        let scenario = withGroups([group("sg-a", [IpPermission(ipProtocol: "-1", ipv6Ranges: [.init(cidr: prefix("::/0"))])])])
        #expect(try trace(scenario).verdict == .drop)
    }

    // MARK: - NETWORK-ACL

    @Test func aCustomAclWithoutEntriesDeniesEverythingThroughTheImplicitStar() throws {
        var scenario = Scenario()
        scenario.networkAcls = [NetworkAcl(networkAclID: "acl-new", vpcID: "vpc-1", associations: [.init(subnetID: "subnet-gw")])]
        let result = try trace(scenario)
        #expect(result.verdict == .drop)
        #expect(result.paths.first?.networkAcl?.outboundRule == 32767)
        #expect(phase(result, .networkAcl)?.reason.contains("rule * (32767)") == true)
    }

    @Test func theLowestNumberedMatchingOutboundEntryDecides() throws {
        let scenario = withAcl([entry(90, egress: true, .deny, "6", "172.16.0.0/24", ports: 443...443), allowAllOut,
                                allowAllIn])
        let result = try trace(scenario)
        #expect(result.verdict == .drop)
        let acl = try #require(phase(result, .networkAcl))
        #expect(acl.outcome == .fail && acl.code == .subnetAclRestriction)
        #expect(result.paths.first?.networkAcl?.outboundRule == 90)
        #expect(result.paths.first?.dropCode == .subnetAclRestriction)
        #expect(try trace(scenario, port: 444).verdict == .allow, "rule 90 covers port 443 only")
    }

    @Test func withoutAMatchingEntryTheStarRuleDenies() throws {
        let scenario = withAcl([entry(100, egress: true, .allow, "-1", "10.0.0.0/8"), allowAllIn])
        let result = try trace(scenario)
        #expect(result.verdict == .drop)
        #expect(result.paths.first?.networkAcl?.outboundRule == 32767)
    }

    @Test func aSubnetWithoutAssociationUsesTheVPCsDefaultAcl() throws {
        let denied = withAcl([allowAllIn], associated: false, isDefault: true)
        #expect(try trace(denied).paths.first?.networkAcl?.networkAclID == "acl-gw")
        #expect(try trace(denied).verdict == .drop)
        let notDefault = withAcl([allowAllIn], associated: false, isDefault: false)
        #expect(try trace(notDefault).verdict == .allow, "no ACL applies: skipped")
        #expect(phase(try trace(notDefault), .networkAcl)?.outcome == .skip)
    }

    @Test func aReturnDeniedForPartOfTheEphemeralRangeWarns() throws {
        let scenario = withAcl([allowAllOut, entry(90, egress: false, .deny, "6", "172.16.0.0/24", ports: 49152...65535),
                                entry(100, egress: false, .allow, "6", "0.0.0.0/0", ports: 1024...65535)])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        let acl = try #require(phase(result, .networkAcl))
        #expect(acl.outcome == .warn && acl.code == .subnetAclRestriction)
        let traced = try #require(result.paths.first?.networkAcl)
        #expect(traced.returnPorts == 32768...60999)
        #expect(traced.returnDenied == [49152...60999])
        #expect(traced.returnRule == 90 && !traced.returnBlocked)
    }

    @Test(arguments: [(UInt16(50000), TraceVerdict.drop), (40000, .allow), (49151, .allow), (49152, .drop)])
    func aGivenSourcePortIsCheckedAlone(sourcePort: UInt16, verdict: TraceVerdict) throws {
        let scenario = withAcl([allowAllOut, entry(90, egress: false, .deny, "6", "172.16.0.0/24", ports: 49152...65535),
                                entry(100, egress: false, .allow, "6", "0.0.0.0/0", ports: 1024...65535)])
        let result = try trace(scenario, sourcePort: sourcePort)
        #expect(result.verdict == verdict)
        #expect(phase(result, .networkAcl)?.outcome == (verdict == .drop ? .fail : .ok))
    }

    @Test func aReturnNoInboundEntryAllowsIsDeniedByTheStarRule() throws {
        let result = try trace(withAcl([allowAllOut, entry(100, egress: false, .allow, "6", "0.0.0.0/0", ports: 1...1023)]))
        #expect(result.verdict == .drop)
        let traced = try #require(result.paths.first?.networkAcl)
        #expect(traced.returnRule == 32767 && traced.returnBlocked)
    }

    @Test func inboundEntriesTestTheReturnsSourceNotItsDestination() throws {
        let scenario = withAcl([allowAllOut, entry(100, egress: false, .allow, "-1", "10.0.0.0/8")])
        #expect(try trace(scenario).verdict == .drop, "the return comes from 172.16.0.7")
    }

    @Test func anEchoRequestNeedsAnInboundEntryForTheEchoReply() throws {
        let reply = withAcl([allowAllOut, entry(100, egress: false, .allow, "1", icmp: (0, -1))])
        #expect(try trace(reply, port: nil, protocolNumber: 1, icmpType: 8, icmpCode: 0).verdict == .allow)
        let other = withAcl([allowAllOut, entry(100, egress: false, .allow, "1", icmp: (3, 4))])
        let dropped = try trace(other, port: nil, protocolNumber: 1, icmpType: 8, icmpCode: 0)
        #expect(dropped.verdict == .drop)
        let traced = try #require(dropped.paths.first?.networkAcl)
        #expect(traced.returnBlocked && traced.returnRule == 32767 && traced.returnPorts == nil)
        #expect(phase(dropped, .networkAcl)?.outcome == .fail)
    }

    // MARK: - VPC-ROUTE with prefix lists

    private func withRoutes(_ routes: [Route], entries: [String] = ["172.16.0.0/24"]) -> Scenario {
        var scenario = Scenario()
        scenario.routes = [Route(destination: prefix("10.0.0.0/16"), target: RouteTarget("local"))] + routes
        scenario.prefixListEntries = entries.map { PrefixListEntry(prefixListID: "pl-corp", cidr: prefix($0)) }
        return scenario
    }

    @Test func aPrefixListRouteTakesPartInTheLongestPrefixMatchThroughItsEntries() throws {
        let scenario = withRoutes([Route(destination: prefix("172.16.0.0/12"), target: RouteTarget("tgw-1")),
                                   Route(destination: nil, destinationPrefixListID: "pl-corp", target: RouteTarget("vpce-fw"))])
        let result = try trace(scenario)
        #expect(result.route?.target == .vpcEndpoint("vpce-fw"))
        #expect(result.route?.destination == prefix("172.16.0.0/24"))
        #expect(phase(result, .vpcRoute)?.reason.contains("pl-corp") == true)
        #expect(try trace(scenario, to: "172.16.5.5").route?.target == .transitGateway("tgw-1"))
    }

    @Test func forEqualPrefixesStaticBeatsPrefixListWhichBeatsPropagated() throws {
        let pl = Route(destination: nil, destinationPrefixListID: "pl-corp", target: RouteTarget("vpce-fw"))
        let fixed = Route(destination: prefix("172.16.0.0/24"), target: RouteTarget("tgw-1"), origin: "CreateRoute")
        let propagated = Route(destination: prefix("172.16.0.0/24"), target: RouteTarget("vgw-1"),
                               origin: "EnableVgwRoutePropagation")
        #expect(try trace(withRoutes([pl, fixed])).route?.target == .transitGateway("tgw-1"))
        #expect(try trace(withRoutes([fixed, pl])).route?.target == .transitGateway("tgw-1"))
        #expect(try trace(withRoutes([propagated, pl])).route?.target == .vpcEndpoint("vpce-fw"))
        #expect(try trace(withRoutes([pl, propagated])).route?.target == .vpcEndpoint("vpce-fw"))
    }

    @Test func aPropagatedRouteNeverBeatsLocal() throws {
        let scenario = withRoutes([Route(destination: prefix("10.0.99.0/24"), target: RouteTarget("vgw-1"),
                                         origin: "EnableVgwRoutePropagation")])
        var client = scenario
        client.policies[0].rules[1] = EgressGatewayRule(destination: prefix("10.0.0.0/8"), description: "local",
                                                       gateway: client.policies[0].rules[0].gateway)
        #expect(try trace(client, to: "10.0.99.5").route?.target == .local)
    }

    @Test func aRouteToAPrefixListWithoutEntriesIsNamedInOneLine() throws {
        let scenario = withRoutes([Route(destination: prefix("172.16.0.0/12"), target: RouteTarget("tgw-1")),
                                   Route(destination: nil, destinationPrefixListID: "pl-unread", target: RouteTarget("vpce-fw"))])
        let route = try #require(phase(try trace(scenario), .vpcRoute))
        #expect(route.details.filter { $0.contains("pl-unread") }.count == 1)
    }

    // MARK: - TRANSIT-GATEWAY

    private func withTransitGateway(_ routes: [TransitGatewayRoute], associated: Bool = true) -> Scenario {
        var scenario = Scenario()
        scenario.transitGatewayAttachments = [
            TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-vpc", transitGatewayID: "tgw-1",
                                     resourceType: "vpc", resourceID: "vpc-1", state: "available",
                                     association: associated ? .init(transitGatewayRouteTableID: "tgw-rtb-1") : nil),
        ]
        scenario.transitGatewayRouteTables = [TransitGatewayRouteTable(transitGatewayRouteTableID: "tgw-rtb-1",
                                                                       transitGatewayID: "tgw-1")]
        scenario.transitGatewayRoutes = routes
        return scenario
    }

    private func tgwRoute(_ text: String, to attachment: String, state: String = "active",
                          type: String = "static") -> TransitGatewayRoute {
        TransitGatewayRoute(transitGatewayRouteTableID: "tgw-rtb-1", destination: prefix(text), type: type, state: state,
                            attachments: [.init(transitGatewayAttachmentID: attachment, resourceType: "vpc")])
    }

    @Test func withoutTransitGatewayDataThePhaseIsSkipped() throws {
        let result = try trace(Scenario())
        #expect(result.verdict == .allow)
        #expect(phase(result, .transitGateway)?.outcome == .skip)
        #expect(result.paths.allSatisfy { $0.transitGateway == nil })
    }

    @Test func aRouteThroughTheTransitGatewayIsNotAPhaseWhenTheTargetIsNotOne() throws {
        let result = try trace(Scenario(), to: "203.0.113.9")
        #expect(phase(result, .transitGateway) == nil)
    }

    @Test func theAssociatedTableRoutesByLongestPrefixToTheNextAttachment() throws {
        let scenario = withTransitGateway([tgwRoute("172.16.0.0/12", to: "tgw-attach-dc"),
                                           tgwRoute("172.16.0.0/24", to: "tgw-attach-mainframe")])
        let result = try trace(scenario)
        #expect(result.verdict == .allow)
        let hop = try #require(result.paths.first?.transitGateway)
        #expect(hop.attachment == "tgw-attach-vpc" && hop.routeTable == "tgw-rtb-1")
        #expect(hop.nextAttachments == ["tgw-attach-mainframe"] && hop.destination == prefix("172.16.0.0/24"))
        #expect(phase(result, .transitGateway)?.outcome == .ok)
    }

    @Test func aStaticRouteBeatsAPropagatedOneOfEqualPrefix() throws {
        let scenario = withTransitGateway([tgwRoute("172.16.0.0/24", to: "tgw-attach-vpn", type: "propagated"),
                                           tgwRoute("172.16.0.0/24", to: "tgw-attach-dc")])
        #expect(try trace(scenario).paths.first?.transitGateway?.nextAttachments == ["tgw-attach-dc"])
    }

    @Test func aBlackholeDrops() throws {
        let result = try trace(withTransitGateway([tgwRoute("172.16.0.0/12", to: "tgw-attach-dc", state: "blackhole")]))
        #expect(result.verdict == .drop)
        #expect(phase(result, .transitGateway)?.code == .tgwBadStateRoute)
        #expect(result.paths.first?.dropCode == .tgwBadStateRoute)
        #expect(phase(result, .firewall)?.outcome == .skip)
    }

    @Test func noRouteInTheTableDrops() throws {
        let result = try trace(withTransitGateway([tgwRoute("192.0.2.0/24", to: "tgw-attach-dc")]))
        #expect(result.verdict == .drop)
        #expect(phase(result, .transitGateway)?.code == .tgwNoRouteToAttachment)
    }

    @Test func anAttachmentWithoutAssociatedTableDrops() throws {
        let result = try trace(withTransitGateway([tgwRoute("172.16.0.0/12", to: "tgw-attach-dc")], associated: false))
        #expect(result.verdict == .drop)
        #expect(phase(result, .transitGateway)?.code == .tgwAttachMissingRouteTableAssociation)
    }

    @Test func aFirewallListingTheNextAttachmentInspects() throws {
        var scenario = withTransitGateway([tgwRoute("172.16.0.0/12", to: "tgw-attach-fw")])
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside",
                                                targets: ["tgw-attach-fw"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        hostname fw
        interface GigabitEthernet0/0
         nameif inside
        access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
        access-group inside_in in interface inside
        """)]
        let result = try trace(scenario)
        #expect(result.firewall?.name == "fw")
        #expect(result.verdict == .allow)
        #expect(try trace(scenario, port: 22).verdict == .deny)
    }
}
