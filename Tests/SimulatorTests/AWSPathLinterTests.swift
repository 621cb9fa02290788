import Inventory
import LPM
import Simulator
import Testing

/// `check`'s `sg-blocks-gateway` and `nacl-blocks-return`: what fires and the near misses.
/// Rule #0 of the scenario's policy sends 172.16.0.0/24 through gateways 10.0.41.20/.21.
@Suite struct AWSPathLinterTests {
    private func findings(_ scenario: Scenario, _ code: Finding.Code) -> [Finding] {
        Linter(snapshot: scenario.snapshot).findings().filter { $0.code == code }
    }

    private func withGroup(_ egress: [IpPermission]) -> Scenario {
        var scenario = Scenario()
        scenario.networkInterfaces = [NetworkInterface(
            networkInterfaceID: "eni-gw", subnetID: "subnet-gw", vpcID: "vpc-1",
            privateIPAddresses: [.init(address: ip("10.0.41.20"), primary: true),
                                 .init(address: ip("10.0.41.21"), primary: false)],
            groupIDs: ["sg-gw"])]
        scenario.securityGroups = [SecurityGroup(groupID: "sg-gw", egress: egress)]
        return scenario
    }

    private func withAcl(_ entries: [NetworkAclEntry]) -> Scenario {
        var scenario = Scenario()
        scenario.networkAcls = [NetworkAcl(networkAclID: "acl-gw", vpcID: "vpc-1", associations: [.init(subnetID: "subnet-gw")],
                                           entries: entries)]
        return scenario
    }

    private func entry(_ number: Int, egress: Bool, _ action: NetworkAclEntry.Action, _ protocolText: String = "-1",
                       _ text: String = "0.0.0.0/0", ports: ClosedRange<Int>? = nil) -> NetworkAclEntry {
        NetworkAclEntry(ruleNumber: number, egress: egress, ruleAction: action, protocol: protocolText, cidr: prefix(text),
                        portRange: ports)
    }

    @Test func securityGroupsThatAllowNothingToTheRulesDestinationAreAnError() throws {
        let found = findings(withGroup([IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443,
                                                     ipRanges: [.init(cidr: prefix("10.0.0.0/8"))])]), .sgBlocksGateway)
        #expect(found.count == 2, "one per gateway")
        #expect(found.allSatisfy { $0.severity == .error && $0.objects.contains("security-group/sg-gw") })
    }

    @Test func securityGroupsThatAllowSomePortToTheDestinationAreNotReported() {
        let scenario = withGroup([IpPermission(ipProtocol: "tcp", fromPort: 23, toPort: 23,
                                               ipRanges: [.init(cidr: prefix("172.16.0.0/12"))])])
        #expect(findings(scenario, .sgBlocksGateway).isEmpty)
    }

    @Test func anAclDenyingAllOutboundTrafficToTheDestinationIsAnError() {
        let scenario = withAcl([entry(90, egress: true, .deny, "-1", "172.16.0.0/16"), entry(100, egress: true, .allow),
                                entry(100, egress: false, .allow)])
        let found = findings(scenario, .sgBlocksGateway)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.objects.contains("network-acl/acl-gw") })
    }

    @Test func anAclDenyingOnlySomePortsOutboundIsNotReported() {
        let scenario = withAcl([entry(90, egress: true, .deny, "6", "172.16.0.0/16", ports: 25...25),
                                entry(100, egress: true, .allow), entry(100, egress: false, .allow)])
        #expect(findings(scenario, .sgBlocksGateway).isEmpty)
    }

    @Test func aReturnDeniedForPartOfTheEphemeralRangeIsAWarning() throws {
        let scenario = withAcl([entry(100, egress: true, .allow),
                                entry(90, egress: false, .deny, "6", "172.16.0.0/24", ports: 49152...65535),
                                entry(100, egress: false, .allow, "6", "0.0.0.0/0", ports: 1024...65535)])
        let found = findings(scenario, .naclBlocksReturn)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .warning && $0.message.contains("49152-60999") })
        #expect(findings(scenario, .sgBlocksGateway).isEmpty)
    }

    @Test func aReturnAllowedOverTheWholeEphemeralRangeIsNotReported() {
        let scenario = withAcl([entry(100, egress: true, .allow),
                                entry(90, egress: false, .deny, "6", "172.16.0.0/24", ports: 61000...65535),
                                entry(100, egress: false, .allow, "6", "0.0.0.0/0", ports: 1024...65535)])
        #expect(findings(scenario, .naclBlocksReturn).isEmpty)
    }

    @Test func withoutSecurityGroupsOrAclsNothingIsReported() {
        #expect(findings(Scenario(), .sgBlocksGateway).isEmpty)
        #expect(findings(Scenario(), .naclBlocksReturn).isEmpty)
    }
}
