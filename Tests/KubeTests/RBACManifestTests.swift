import Foundation
import Kube
import TestSupport
import Testing
import Yams

@Suite("deploy/rbac.yaml")
struct RBACManifestTests {
    private struct Document: Decodable {
        var kind: String
        var rules: [Rule]?
    }

    private struct Rule: Decodable, Hashable {
        var apiGroups: [String]
        var resources: [String]
        var verbs: [String]
    }

    private func rules() throws -> [Rule] {
        let path = PeerProcess.repositoryRoot.appendingPathComponent("deploy/rbac.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rules: [Rule] = []
        for node in try Yams.compose_all(yaml: text) {
            let document = try YAMLDecoder().decode(Document.self, from: node)
            if document.kind == "ClusterRole" { rules += document.rules ?? [] }
        }
        return rules
    }

    private func granted(_ rules: [Rule]) -> Set<String> {
        Set(rules.flatMap { rule in rule.apiGroups.flatMap { group in rule.resources.map { "\($0).\(group)" } } })
    }

    private var everyPlan: [KubeAPIPlan] {
        [KubeAPIPlan(calicoGroup: .projectcalicoV3, ipamBlocksGroup: .crdV1, operatorEgressGateways: true),
         KubeAPIPlan(calicoGroup: .projectcalicoV3, ipamBlocksGroup: .projectcalicoV3, operatorEgressGateways: true),
         KubeAPIPlan(calicoGroup: .crdV1, ipamBlocksGroup: .crdV1, operatorEgressGateways: true)]
    }

    @Test("the ClusterRole grants only get, list and watch")
    func onlyReadVerbs() throws {
        let rules = try rules()
        #expect(!rules.isEmpty)
        for rule in rules { #expect(Set(rule.verbs) == ["get", "list", "watch"]) }
    }

    @Test("the ClusterRole covers exactly the resources Gatewatch reads in every Calico mode")
    func exactlyTheResourcesRead() throws {
        let read = Set(everyPlan.flatMap(\.resources).map { "\($0.plural).\($0.group)" })
        #expect(granted(try rules()) == read)
    }
}
