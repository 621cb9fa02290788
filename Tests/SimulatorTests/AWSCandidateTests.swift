import Inventory
import LPM
import Simulator
import Testing

/// `whatif --aws FILE`: candidate describe-* JSON replaces the AWS objects of the same id.
@Suite struct AWSCandidateTests {
    private func scenario() -> Scenario {
        var scenario = Scenario()
        scenario.networkInterfaces = [NetworkInterface(
            networkInterfaceID: "eni-gw", subnetID: "subnet-gw", vpcID: "vpc-1",
            privateIPAddresses: [.init(address: ip("10.0.41.20"), primary: true),
                                 .init(address: ip("10.0.41.21"), primary: false)],
            groupIDs: ["sg-gw"])]
        scenario.securityGroups = [
            SecurityGroup(groupID: "sg-gw", egress: [IpPermission(ipProtocol: "-1", ipRanges: [.init(cidr: prefix("0.0.0.0/0"))])]),
            SecurityGroup(groupID: "sg-other", egress: []),
        ]
        return scenario
    }

    private let candidateJSON = """
    {"SecurityGroups": [{"GroupId": "sg-gw", "GroupName": "gw", "IpPermissions": [],
      "IpPermissionsEgress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]}]}
    """

    @Test func aCandidateGroupReplacesTheGroupOfTheSameIDOnly() throws {
        let (aws, diagnostics) = Snapshot.candidateAWSObjects(
            BundleFile(path: "/tmp/describe-security-groups.json", contents: Array(candidateJSON.utf8)))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(aws.securityGroups.map(\.groupID) == ["sg-gw"])
        let after = scenario().snapshot.replacing(awsObjects: aws)
        #expect(Set(after.aws.securityGroups.map(\.groupID)) == ["sg-gw", "sg-other"])
        #expect(after.aws.securityGroups.first { $0.groupID == "sg-gw" }?.egress.count == 1)
    }

    @Test func whatIfReportsTheTrafficTheCandidateGroupStops() throws {
        let before = scenario().snapshot
        let (aws, _) = Snapshot.candidateAWSObjects(
            BundleFile(path: "describe-security-groups.json", contents: Array(candidateJSON.utf8)))
        let report = WhatIf(before: before, after: before.replacing(awsObjects: aws)).compare(port: 443)
        let change = try #require(report.changes.first { $0.destination == prefix("172.16.0.0/24") })
        #expect(change.before == .allow && change.after == .drop)
    }

    @Test func aCandidateWithoutChangesReportsNothing() {
        let before = scenario().snapshot
        let (aws, _) = Snapshot.candidateAWSObjects(BundleFile(path: "aws/describe-security-groups.json", contents: Array("""
        {"SecurityGroups": [{"GroupId": "sg-gw", "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
        """.utf8)))
        #expect(WhatIf(before: before, after: before.replacing(awsObjects: aws)).compare(port: 443).changes.isEmpty)
    }
}
