import Kube
import Testing

@Suite("Calico API groups")
struct CalicoAPIGroupTests {
    @Test("the aggregated v3 group is preferred over the CRDs")
    func aggregatedGroupIsPreferred() {
        #expect(CalicoAPIGroup.allCases.first == .projectcalicoV3)
        #expect(CalicoAPIGroup.projectcalicoV3.group == "projectcalico.org")
        #expect(CalicoAPIGroup.crdV1.version == "v1")
    }
}
