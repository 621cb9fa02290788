import Foundation
import Inventory
import LPM
import TestSupport
import Testing

/// A network ACL entry keeps its numbers in compact storage: what is set reads back unchanged
/// over AWS's ranges, and the decoders refuse numbers outside them instead of storing them.
@Suite struct NetworkAclEntryTests {
    @Test func everyFieldReadsBackAsGivenOverAWSRanges() throws {
        var rng = SplitMix64(seed: 0xAC1E)
        let cidr = try IPPrefix("10.0.0.0/8")
        for _ in 0..<2_000 {
            let ruleNumber = 1 + Int(rng.next() % 32767)
            let from = Int(rng.next() % 65536)
            let portRange: ClosedRange<Int>? = rng.next() % 3 == 0 ? nil : from...(from + Int(rng.next() % UInt64(65536 - from)))
            let icmpType: Int? = rng.next() % 3 == 0 ? nil : Int(rng.next() % 257) - 1
            let icmpCode: Int? = rng.next() % 3 == 0 ? nil : Int(rng.next() % 257) - 1
            let egress = rng.next() % 2 == 0
            var entry = NetworkAclEntry(ruleNumber: ruleNumber, egress: egress, ruleAction: .allow, protocol: "6",
                                        cidr: cidr, portRange: portRange, icmpType: icmpType, icmpCode: icmpCode)
            #expect(entry.ruleNumber == ruleNumber)
            #expect(entry.egress == egress)
            #expect(entry.portRange == portRange)
            #expect(entry.icmpType == icmpType)
            #expect(entry.icmpCode == icmpCode)
            #expect(entry.cidr == cidr)

            let changed = NetworkAclEntry(ruleNumber: 32767, egress: !egress, ruleAction: .deny, protocol: "-1",
                                          cidr: nil, portRange: icmpType.map { 0...$0 + 1 }, icmpType: icmpCode)
            entry.ruleNumber = 32767
            entry.egress.toggle()
            entry.ruleAction = .deny
            entry.protocol = "-1"
            entry.cidr = nil
            entry.portRange = icmpType.map { 0...$0 + 1 }
            entry.icmpType = icmpCode
            entry.icmpCode = nil
            #expect(entry == changed)
            #expect(entry.hashValue == changed.hashValue)
        }
    }

    @Test(arguments: [
        (#""RuleNumber": 0"#, "rule number 1-32767"),
        (#""RuleNumber": 40000"#, "rule number 1-32767"),
        (#""RuleNumber": 100, "PortRange": {"From": 0, "To": 70000}"#, "ports 0-65535"),
        (#""RuleNumber": 100, "PortRange": {"From": -5, "To": 80}"#, "ports 0-65535"),
        (#""RuleNumber": 100, "IcmpTypeCode": {"Type": 300, "Code": 0}"#, "ICMP type and code -1-255"),
        (#""RuleNumber": 100, "IcmpTypeCode": {"Type": 8, "Code": -2}"#, "ICMP type and code -1-255"),
    ])
    func numbersOutsideAWSRangesAreReportedAndTheOtherACLsLoad(fields: String, expected: String) {
        let text = """
        {"NetworkAcls": [
          {"NetworkAclId": "acl-good", "VpcId": "vpc-1",
           "Entries": [{"RuleNumber": 32767, "Egress": true, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}]},
          {"NetworkAclId": "acl-bad", "VpcId": "vpc-1",
           "Entries": [{\(fields), "Egress": true, "RuleAction": "allow", "Protocol": "6", "CidrBlock": "0.0.0.0/0"}]}
        ]}
        """
        let bundle = BundleLoader.load(files: [BundleFile(path: "aws/describe-network-acls.json", contents: Array(text.utf8))],
                                       source: .demo)
        #expect(bundle.snapshot.aws.networkAcls.map(\.networkAclID) == ["acl-good"])
        let diagnostic = bundle.diagnostics.first { $0.file == "aws/describe-network-acls.json" }
        #expect(diagnostic?.severity == .error)
        #expect(diagnostic?.line == 5)
        #expect(diagnostic?.message.contains(expected) == true)
    }
}
