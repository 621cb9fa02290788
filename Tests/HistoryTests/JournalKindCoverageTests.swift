import History
import Inventory
import Testing

/// The journal stores each list of `ClusterState` and `AWSState` as a kind of `BundleObject`: a
/// list added to either state must be added to the journal too (`BundleObjectKind`,
/// `BundleObject+Models`, `BundleWriter.objects(for:)`, `files(assembling:)`, History's
/// `Observation`), or a journal would silently drop it. This test names the lists it knows.
@Suite struct JournalKindCoverageTests {
    @Test func everyListOfTheClusterStateIsJournaled() {
        let lists = Set(Mirror(reflecting: ClusterState()).children.compactMap(\.label))
        #expect(lists == ["namespaces", "pods", "nodes", "ipPools", "ipReservations", "policies", "ipamBlocks",
                          "blockAffinities", "felixConfigurations", "egressGateways"])
    }

    @Test func everyListOfTheAWSStateIsJournaled() {
        let lists = Set(Mirror(reflecting: AWSState()).children.compactMap(\.label))
        #expect(lists == ["vpcs", "subnets", "subnetCidrReservations", "elasticIPs", "networkInterfaces", "instances",
                          "routeTables", "natGateways", "securityGroups", "networkAcls", "managedPrefixLists",
                          "prefixListEntries", "vpcEndpoints", "transitGatewayAttachments", "transitGatewayRouteTables",
                          "transitGatewayRouteTableAssociations", "transitGatewayRoutes", "egressOnlyInternetGateways",
                          "instanceTypes"])
    }

    @Test func everyKindHasADistinctStoredName() {
        #expect(Set(BundleObjectKind.allCases.map(\.rawValue)).count == BundleObjectKind.allCases.count)
        #expect(BundleObjectKind.allCases.count == 10 + 19 + 2)
    }
}
