#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which API groups serve the kinds Gatewatch reads, found by discovery (docs/calico-egress.md §1.1):
/// Calico kinds from `projectcalico.org/v3` when served, else `crd.projectcalico.org/v1`; IPAM
/// blocks from v3 only in native-CRD mode (the aggregated API server does not serve them); the
/// operator's EgressGateway when `operator.tigera.io/v1` serves it.
public struct KubeAPIPlan: Sendable, Equatable, CustomStringConvertible {
    /// The group the Calico kinds come from, or nil when neither Calico group is served.
    public var calicoGroup: CalicoAPIGroup?
    /// The group IPAM blocks come from, or nil when no served group has them.
    public var ipamBlocksGroup: CalicoAPIGroup?
    /// Whether `operator.tigera.io/v1` serves `egressgateways`.
    public var operatorEgressGateways: Bool

    /// Creates a plan.
    public init(calicoGroup: CalicoAPIGroup?, ipamBlocksGroup: CalicoAPIGroup?, operatorEgressGateways: Bool) {
        self.calicoGroup = calicoGroup
        self.ipamBlocksGroup = ipamBlocksGroup
        self.operatorEgressGateways = operatorEgressGateways
    }

    /// For the console header: `projectcalico.org/v3 (IPAM blocks: crd.projectcalico.org/v1), operator EgressGateway`.
    public var description: String {
        guard let calicoGroup else { return "no Calico API served" }
        var text = calicoGroup.rawValue
        if let ipamBlocksGroup, ipamBlocksGroup != calicoGroup { text += " (IPAM blocks: \(ipamBlocksGroup.rawValue))" }
        if ipamBlocksGroup == nil { text += " (no IPAM blocks)" }
        if operatorEgressGateways { text += ", operator EgressGateway" }
        return text
    }

    /// Every resource to list and watch, in a fixed order.
    public var resources: [KubeResource] {
        var list: [KubeResource] = [.core("Namespace", "namespaces"), .core("Pod", "pods"), .core("Node", "nodes")]
        if let group = calicoGroup {
            list += [.calico("IPPool", "ippools", in: group), .calico("IPReservation", "ipreservations", in: group),
                     .calico("EgressGatewayPolicy", "egressgatewaypolicies", in: group),
                     .calico("BlockAffinity", "blockaffinities", in: group),
                     .calico("FelixConfiguration", "felixconfigurations", in: group)]
        }
        if let group = ipamBlocksGroup { list.append(.calico("IPAMBlock", "ipamblocks", in: group)) }
        if operatorEgressGateways {
            list.append(KubeResource(kind: "EgressGateway", group: "operator.tigera.io", version: "v1", plural: "egressgateways"))
        }
        return list
    }

    /// Asks the server which groups it serves.
    public static func discover(client: KubeClient) async throws(KubeError) -> KubeAPIPlan {
        let v3 = try await resourceNames(client, "/apis/projectcalico.org/v3")
        let v1 = try await resourceNames(client, "/apis/crd.projectcalico.org/v1")
        let operatorNames = try await resourceNames(client, "/apis/operator.tigera.io/v1")
        let calico: CalicoAPIGroup? = v3 != nil ? .projectcalicoV3 : (v1 != nil ? .crdV1 : nil)
        let blocks: CalicoAPIGroup?
        if v3?.contains("ipamblocks") == true {
            blocks = .projectcalicoV3
        } else if v1?.contains("ipamblocks") == true {
            blocks = .crdV1
        } else {
            blocks = nil
        }
        return KubeAPIPlan(calicoGroup: calico, ipamBlocksGroup: blocks,
                           operatorEgressGateways: operatorNames?.contains("egressgateways") == true)
    }

    private struct ResourceList: Decodable {
        var resources: [Resource]
        struct Resource: Decodable { var name: String }
    }

    private static func resourceNames(_ client: KubeClient, _ path: String) async throws(KubeError) -> Set<String>? {
        guard let body = try await client.getIfServed(path) else { return nil }
        do {
            let list = try JSONDecoder().decode(ResourceList.self, from: Data(body))
            return Set(list.resources.map(\.name).filter { !$0.contains("/") })
        } catch {
            throw KubeError.decode(kind: "APIResourceList \(path)", expected: "an object with resources[].name")
        }
    }
}
