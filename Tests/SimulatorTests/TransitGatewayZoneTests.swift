import Inventory
import LPM
import Simulator
import Testing

/// The availability zones of the TRANSIT-GATEWAY phase (docs/aws-path.md §5.1, §5.6), from the
/// VPC attachments' `SubnetIds` and `ApplianceModeSupport`: the VPC's attachment needs a subnet in
/// the source's zone, the flow leaves by the next attachment's subnet in the same zone (or
/// crosses), and a firewall behind a multi-zone attachment without appliance mode is an
/// asymmetric-path warning. Without that data every check is skipped and nothing changes.
/// The client's gateways sit in subnet-gw (us-east-1a); the VPC routes 172.16.0.0/12 to tgw-1.
@Suite struct TransitGatewayZoneTests {
    private func scenario(vpcSubnets: [String]?, next: (subnets: [String]?, applianceMode: String?) = (nil, nil),
                          firewall: Bool = false) -> Scenario {
        var scenario = Scenario()
        scenario.subnets = [
            Subnet(subnetID: "subnet-nodes", vpcID: "vpc-1", cidrBlock: prefix("10.0.0.0/20"), availabilityZone: "us-east-1a"),
            Subnet(subnetID: "subnet-gw", vpcID: "vpc-1", cidrBlock: prefix("10.0.41.0/24"), availabilityZone: "us-east-1a"),
            Subnet(subnetID: "subnet-tgw-a", vpcID: "vpc-1", cidrBlock: prefix("10.0.250.0/28"), availabilityZone: "us-east-1a"),
            Subnet(subnetID: "subnet-tgw-b", vpcID: "vpc-1", cidrBlock: prefix("10.0.250.16/28"), availabilityZone: "us-east-1b"),
            Subnet(subnetID: "subnet-insp-a", vpcID: "vpc-insp", cidrBlock: prefix("10.9.0.0/28"), availabilityZone: "us-east-1a"),
            Subnet(subnetID: "subnet-insp-b", vpcID: "vpc-insp", cidrBlock: prefix("10.9.0.16/28"), availabilityZone: "us-east-1b"),
        ]
        scenario.transitGatewayAttachments = [
            TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-vpc", transitGatewayID: "tgw-1",
                                     resourceType: "vpc", resourceID: "vpc-1", state: "available",
                                     association: .init(transitGatewayRouteTableID: "tgw-rtb-1"), subnetIDs: vpcSubnets,
                                     applianceModeSupport: vpcSubnets == nil ? nil : "disable"),
            TransitGatewayAttachment(transitGatewayAttachmentID: "tgw-attach-insp", transitGatewayID: "tgw-1",
                                     resourceType: "vpc", resourceID: "vpc-insp", state: "available",
                                     subnetIDs: next.subnets, applianceModeSupport: next.applianceMode),
        ]
        scenario.transitGatewayRouteTables = [TransitGatewayRouteTable(transitGatewayRouteTableID: "tgw-rtb-1",
                                                                       transitGatewayID: "tgw-1")]
        scenario.transitGatewayRoutes = [
            TransitGatewayRoute(transitGatewayRouteTableID: "tgw-rtb-1", destination: prefix("172.16.0.0/12"),
                                type: "static", state: "active",
                                attachments: [.init(transitGatewayAttachmentID: "tgw-attach-insp", resourceType: "vpc")]),
        ]
        if firewall {
            scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside",
                                                    targets: ["tgw-attach-insp"])]
            scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
            hostname fw
            interface GigabitEthernet0/0
             nameif inside
            access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
            access-group inside_in in interface inside
            """)]
        }
        return scenario
    }

    private func trace(_ scenario: Scenario) throws -> TraceResult {
        try Tracer(snapshot: scenario.snapshot).trace(TraceQuery(
            sender: .pod(namespace: "app", name: "client"), destination: ip("172.16.0.7"), destinationPort: 443))
    }

    private func phase(_ result: TraceResult) -> TracePhase? {
        result.phases.first { $0.name == .transitGateway }
    }

    @Test func withoutSubnetIdsTheZoneChecksAreSkipped() throws {
        let result = try trace(scenario(vpcSubnets: nil))
        #expect(result.verdict == .allow)
        #expect(phase(result)?.outcome == .ok)
        #expect(result.paths.allSatisfy { $0.transitGateway?.zones == nil })
    }

    @Test func theAttachmentENIInTheSourceZoneTakesThePacket() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-b", "subnet-tgw-a"]))
        #expect(result.verdict == .allow)
        let zones = try #require(result.paths.first?.transitGateway?.zones)
        #expect(zones.availabilityZone == "us-east-1a")
        #expect(zones.subnet == "subnet-tgw-a")
        #expect(zones.nextAttachment == nil)
        #expect(phase(result)?.outcome == .ok)
        #expect(phase(result)?.reason.contains("subnet-tgw-a") == true)
    }

    @Test func anAttachmentWithoutASubnetInTheSourceZoneDrops() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-b"]))
        #expect(result.verdict == .drop)
        #expect(phase(result)?.outcome == .fail)
        #expect(phase(result)?.code == .tgwRouteAZRestriction)
        #expect(result.paths.allSatisfy { $0.dropCode == .tgwRouteAZRestriction })
        #expect(result.paths.first?.transitGateway?.zones?.subnet == nil)
        #expect(result.phases.first { $0.name == .firewall }?.outcome == .skip)
    }

    @Test func theFlowLeavesByTheNextAttachmentInItsOwnZone() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-a"], next: (["subnet-insp-b", "subnet-insp-a"], "disable")))
        let zones = try #require(result.paths.first?.transitGateway?.zones)
        #expect(zones.nextAttachment == "tgw-attach-insp")
        #expect(zones.nextSubnet == "subnet-insp-a" && zones.nextAvailabilityZone == "us-east-1a")
        #expect(!zones.crossesAvailabilityZone && !zones.applianceModeRecommended)
        #expect(phase(result)?.outcome == .ok)
    }

    @Test func aNextAttachmentWithoutASubnetInTheZoneIsCrossed() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-a"], next: (["subnet-insp-b"], "disable")))
        #expect(result.verdict == .allow)
        let zones = try #require(result.paths.first?.transitGateway?.zones)
        #expect(zones.crossesAvailabilityZone)
        #expect(zones.nextSubnet == "subnet-insp-b" && zones.nextAvailabilityZone == "us-east-1b")
        #expect(phase(result)?.outcome == .warn)
        #expect(phase(result)?.code == .availabilityZoneCrossed)
    }

    @Test func aFirewallBehindAMultiZoneAttachmentWithoutApplianceModeIsAnAsymmetricPath() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-a"], next: (["subnet-insp-a", "subnet-insp-b"], "disable"),
                                        firewall: true))
        #expect(result.verdict == .allow)
        #expect(result.firewall?.name == "fw")
        #expect(result.paths.first?.transitGateway?.zones?.applianceModeRecommended == true)
        #expect(phase(result)?.outcome == .warn)
        #expect(phase(result)?.code == .applianceModeRecommended)
        #expect(phase(result)?.reason.contains("asymmetric") == true)
    }

    @Test func applianceModeKeepsBothDirectionsOnOneENI() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-a"], next: (["subnet-insp-a", "subnet-insp-b"], "enable"),
                                        firewall: true))
        let zones = try #require(result.paths.first?.transitGateway?.zones)
        #expect(zones.nextApplianceMode == true)
        #expect(zones.nextSubnet == nil && !zones.crossesAvailabilityZone && !zones.applianceModeRecommended)
        #expect(phase(result)?.outcome == .ok)
    }

    @Test func aSingleZoneFirewallAttachmentNeedsNoApplianceMode() throws {
        let result = try trace(scenario(vpcSubnets: ["subnet-tgw-a"], next: (["subnet-insp-a"], "disable"), firewall: true))
        #expect(result.paths.first?.transitGateway?.zones?.applianceModeRecommended == false)
        #expect(phase(result)?.outcome == .ok)
    }
}
