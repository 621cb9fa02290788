import Inventory
import LPM
import Testing

/// Calico's precedence between pod and namespace annotations, policies and selectors (§3.3).
@Suite struct EffectiveEgressConfigTests {
    let existing = EgressGatewayPolicy(name: "corp", rules: [EgressGatewayRule(destination: nil)])
    var policies: [String: EgressGatewayPolicy] { ["corp": existing] }

    private func pod(_ annotations: [String: String] = [:]) -> Pod {
        Pod(metadata: ObjectMeta(name: "p", namespace: "ns", annotations: annotations))
    }

    private func namespace(_ annotations: [String: String] = [:]) -> Namespace {
        Namespace(metadata: ObjectMeta(name: "ns", annotations: annotations))
    }

    private let policyKey = EgressAnnotations.policyKey
    private let selectorKey = EgressAnnotations.selectorKey

    private func resolve(pod: Pod, namespace: Namespace, _ support: EgressIPSupport = .enabledPerNamespaceOrPerPod) -> EffectiveEgressConfig {
        EffectiveEgressConfig.resolve(pod: pod, namespace: namespace, support: support, policies: policies)
    }

    @Test func disabledSupportMeansNoGatewayWhateverTheAnnotations() {
        #expect(resolve(pod: pod([policyKey: "corp"]), namespace: namespace(), .disabled) == .none)
    }

    @Test func podPolicyAnnotationWinsInPerPodMode() {
        #expect(resolve(pod: pod([policyKey: "corp"]), namespace: namespace()) == .policy(existing, origin: .pod))
    }

    @Test func podAnnotationsAreIgnoredInPerNamespaceMode() {
        #expect(resolve(pod: pod([policyKey: "corp"]), namespace: namespace(), .enabledPerNamespace) == .none)
    }

    @Test func aNamespacePolicyBeatsAPodSelector() {
        let result = resolve(pod: pod([selectorKey: "app == 'gw'"]), namespace: namespace([policyKey: "corp"]))
        #expect(result == .policy(existing, origin: .namespace))
    }

    @Test func aMissingPodPolicyFallsBackToAnExistingNamespacePolicy() {
        let result = resolve(pod: pod([policyKey: "gone"]), namespace: namespace([policyKey: "corp"]))
        #expect(result == .policy(existing, origin: .namespace))
    }

    @Test func aMissingNamespacePolicyBlocksEvenAPodWithItsOwnSelector() {
        let result = resolve(pod: pod([selectorKey: "app == 'gw'"]), namespace: namespace([policyKey: "gone"]))
        #expect(result == .missingPolicy(name: "gone", origin: .namespace))
    }

    @Test func aPodSelectorBeatsANamespaceSelector() {
        let result = resolve(pod: pod([selectorKey: "app == 'mine'"]), namespace: namespace([selectorKey: "app == 'ns'"]))
        #expect(result == .selection(EgressGatewaySelection(namespaceSelector: nil, selector: "app == 'mine'"), origin: .pod))
    }

    @Test func aBrokenPodSelectorFallsBackToTheNamespace() {
        let result = resolve(pod: pod([selectorKey: "app == "]), namespace: namespace([selectorKey: "app == 'ns'"]))
        #expect(result == .selection(EgressGatewaySelection(namespaceSelector: nil, selector: "app == 'ns'"), origin: .namespace))
    }

    @Test func maxNextHopsCountsOnlyBesideASelectorAndIgnoresGarbage() {
        #expect(EgressAnnotations([EgressAnnotations.maxNextHopsKey: "2"]) == .none)
        #expect(EgressAnnotations([selectorKey: "a == 'b'", EgressAnnotations.maxNextHopsKey: "x"])
            == .selection(EgressGatewaySelection(namespaceSelector: nil, selector: "a == 'b'", maxNextHops: 0)))
        #expect(EgressAnnotations([selectorKey: "a == 'b'", EgressAnnotations.maxNextHopsKey: "3"])
            == .selection(EgressGatewaySelection(namespaceSelector: nil, selector: "a == 'b'", maxNextHops: 3)))
    }

    @Test func noAnnotationsMeanNormalRouting() {
        #expect(resolve(pod: pod(), namespace: namespace()) == .none)
    }
}
