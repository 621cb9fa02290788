import Foundation
@testable import History
import Inventory
import TestSupport
import Testing

/// `importBundle(_:at:)` and `bundleFiles(at:)`: a bundle in, the same state out.
@Suite struct JournalImportTests {
    @Test func theDemoBundleImportedAtTRebuildsAtTToAnEqualState() throws {
        let journal = try Journal.inMemory()
        let (changes, diagnostics) = try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        #expect(diagnostics == [])
        #expect(changes.closed == 0)
        let original = DemoBundle.load().snapshot
        let rebuilt = BundleLoader.load(files: try journal.bundleFiles(at: Fixtures.time(0)), source: .demo)
        #expect(rebuilt.diagnostics == [])
        let (cluster, aws) = Fixtures.normalized(original)
        #expect(rebuilt.snapshot.cluster == cluster)
        #expect(rebuilt.snapshot.aws == aws)
        #expect(rebuilt.snapshot.config == original.config)
        #expect(rebuilt.snapshot.firewallConfigs == original.firewallConfigs)
        // The derived views do not depend on list order.
        #expect(rebuilt.snapshot.gateways == original.gateways)
        #expect(rebuilt.snapshot.pools == original.pools)
        #expect(rebuilt.snapshot.policies == original.policies)
    }

    @Test func thePacketPathKindsRoundTripIncludingTheOnesWrittenOneFilePerOwner() throws {
        func file(_ path: String, _ text: String) -> BundleFile { BundleFile(path: path, contents: Array(text.utf8)) }
        let others = [
            file("aws/describe-managed-prefix-lists.json", """
                {"PrefixLists": [{"PrefixListId": "pl-0a1b2c3d4e5f60789", "AddressFamily": "IPv4", "State": "create-complete",
                  "PrefixListName": "corp-admin", "MaxEntries": 10, "Version": 3, "OwnerId": "123456789012"}]}
                """),
            file("aws/get-managed-prefix-list-entries-pl-0a1b2c3d4e5f60789.json",
                 #"{"Entries": [{"Cidr": "198.51.100.0/24", "Description": "VPN"}, {"Cidr": "203.0.113.7/32"}]}"#),
            file("aws/get-managed-prefix-list-entries-pl-63a5400a.json", #"{"Entries": [{"Cidr": "52.216.0.0/15"}]}"#),
            file("aws/search-transit-gateway-routes-tgw-rtb-0fedcba9876543210.json", """
                {"Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "Type": "static", "State": "active"}]}
                """),
            file("aws/describe-vpc-endpoints.json", """
                {"VpcEndpoints": [{"VpcEndpointId": "vpce-0s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
                   "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-1"]}]}
                """),
            file("aws/describe-egress-only-internet-gateways.json", """
                {"EgressOnlyInternetGateways": [{"Attachments": [{"State": "attached", "VpcId": "vpc-1"}],
                  "EgressOnlyInternetGatewayId": "eigw-015e0e244e24dfe8a"}]}
                """),
            file("aws/describe-instance-types.json", """
                {"InstanceTypes": [{"InstanceType": "t3.large", "NetworkInfo": {"MaximumNetworkInterfaces": 3,
                  "Ipv4AddressesPerInterface": 12, "MaximumNetworkCards": 1, "DefaultNetworkCardIndex": 0,
                  "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}}]}
                """),
        ]
        let files = others + TransitGatewayBundleFiles.files.map { file($0.path, $0.text) }
        let original = BundleLoader.load(files: DemoBundle.files + files, source: .demo)
        #expect(original.diagnostics == [])
        let journal = try Journal.inMemory()
        try journal.importBundle(DemoBundle.files + files, at: Fixtures.time(0))
        let rebuilt = try journal.loadBundle(at: Fixtures.time(0))
        #expect(rebuilt.diagnostics == [])
        let aws = Fixtures.normalized(original.snapshot).1
        #expect(rebuilt.snapshot.aws == aws)
        #expect(rebuilt.snapshot.aws.prefixListEntries.count == 3)
        #expect(rebuilt.snapshot.aws.transitGatewayRoutes.count == 4)
    }

    @Test func betweenTwoImportsTheStateIsTheFirstBundles() throws {
        let journal = try Journal.inMemory()
        let first = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5"),
                                             Fixtures.pod("shop", "db-1", ip: "10.0.1.9")])
        let second = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-2", ip: "10.0.1.5", created: "2026-11-25T14:30:00Z"),
                                              Fixtures.pod("shop", "db-1", ip: "10.0.1.9")])
        try journal.importBundle(BundleWriter.files(for: first), at: Fixtures.time(0))
        try journal.importBundle(BundleWriter.files(for: second), at: Fixtures.time(3600))
        // An import is the state at exactly its time: web-2's creation time does not move it earlier.
        #expect(try Fixtures.state(journal, at: Fixtures.time(2400)).cluster == Fixtures.normalized(first).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(3599.999)).cluster == Fixtures.normalized(first).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(3600)).cluster == Fixtures.normalized(second).0)
        #expect(try Fixtures.state(journal, at: Fixtures.time(9000)).cluster == Fixtures.normalized(second).0)
    }

    @Test func theSameBundleImportedTwiceAtOneTimeChangesNothing() throws {
        let journal = try Journal.inMemory()
        try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        let versions = try journal.info().versions
        let again = try journal.importBundle(DemoBundle.files, at: Fixtures.time(0)).changes
        #expect(again.opened == 0 && again.closed == 0)
        #expect(try journal.info().versions == versions)
    }

    @Test func aStateBeforeTheFirstImportIsNotCovered() throws {
        let journal = try Journal.inMemory()
        try journal.importBundle(DemoBundle.files, at: Fixtures.time(0))
        #expect(throws: JournalError.notCovered(at: 1_795_615_199_000, from: 1_795_615_200_000, to: 1_795_615_200_000)) {
            try journal.loadBundle(at: Fixtures.time(-1))
        }
        #expect(try journal.loadBundle(at: Fixtures.time(5)).snapshot.cluster.pods.count
            == DemoBundle.load().snapshot.cluster.pods.count)
    }

    @Test func identicalContentsAreStoredOnce() throws {
        let journal = try Journal.inMemory()
        let state = Fixtures.snapshot(pods: [Fixtures.pod("shop", "web-1", ip: "10.0.1.5")])
        try journal.importBundle(BundleWriter.files(for: state), at: Fixtures.time(0))
        try journal.importBundle(BundleWriter.files(for: Fixtures.snapshot(pods: [])), at: Fixtures.time(10))
        // web-1 comes back exactly as it was: a new version, the same stored body.
        let back = try journal.importBundle(BundleWriter.files(for: state), at: Fixtures.time(20)).changes
        #expect(back.opened == 1)
        #expect(try journal.storedContents() == 3)
    }
}
