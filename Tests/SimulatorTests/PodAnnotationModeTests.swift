import Inventory
import LPM
import Simulator
import Testing

/// With `egressIPSupport: EnabledPerNamespace`, Calico ignores a pod's own egress annotations;
/// the POD phase says so instead of a bare "none".
@Suite struct PodAnnotationModeTests {
    private func podPhase(_ scenario: Scenario) throws -> TracePhase {
        let result = try Tracer(snapshot: scenario.snapshot).trace(
            TraceQuery(sender: .pod(namespace: "other", name: "annotated"), destination: ip("172.16.0.7")))
        return try #require(result.phases.first { $0.name == .pod })
    }

    private func scenario(_ support: EgressIPSupport) -> Scenario {
        var scenario = Scenario()
        scenario.support = support
        scenario.namespaces.append(Namespace(metadata: ObjectMeta(name: "other")))
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "annotated", namespace: "other",
                                                      annotations: [EgressAnnotations.policyKey: "corp"]),
                                 nodeName: "node-a", podIP: ip("192.168.0.11")))
        return scenario
    }

    @Test func perNamespaceModeSaysThePodAnnotationIsIgnored() throws {
        let phase = try podPhase(scenario(.enabledPerNamespace))
        #expect(phase.reason.hasSuffix("egress config: none (the pod's own egress annotations are ignored: "
                                       + "egressIPSupport is EnabledPerNamespace)"))
    }

    @Test func perPodModeUsesThePodAnnotation() throws {
        let phase = try podPhase(scenario(.enabledPerNamespaceOrPerPod))
        #expect(phase.reason.hasSuffix("egress config: policy corp from the pod annotation"))
    }
}
