import Inventory

/// `whatif --fail zone=Z|node=N|gateway=NS/NAME`: gateways treated as lost. A target names an
/// availability zone, a node, or a gateway — one pod `NS/NAME`, or every pod of the EgressGateway
/// or Deployment `NS/NAME`. The candidate Snapshot keeps the pods but marks them not ready, so
/// traces name them among the unready candidates and move traffic to the gateways left (or drop it).
public struct GatewayFailure: Hashable, Sendable {
    /// One thing lost.
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        /// Every gateway on a node in this availability zone.
        case zone(String)
        /// Every gateway on this node.
        case node(String)
        /// One gateway pod, or every pod of an EgressGateway/Deployment, `namespace/name`.
        case gateway(namespace: String, name: String)

        /// `zone=us-east-1a`, as typed.
        public var description: String {
            switch self {
            case .zone(let zone): return "zone=\(zone)"
            case .node(let node): return "node=\(node)"
            case .gateway(let namespace, let name): return "gateway=\(namespace)/\(name)"
            }
        }

        /// Parses `zone=Z`, `node=N` or `gateway=NS/NAME`.
        public static func parse(_ text: String) throws(WhatIfLoadError) -> Target {
            guard let equals = text.firstIndex(of: "=") else {
                throw WhatIfLoadError("--fail: expected zone=Z, node=N or gateway=NS/NAME, got '\(text)'")
            }
            let key = text[..<equals]
            let value = String(text[text.index(after: equals)...])
            guard !value.isEmpty else { throw WhatIfLoadError("--fail \(key)=: the value is empty") }
            switch key {
            case "zone", "az": return .zone(value)
            case "node": return .node(value)
            case "gateway", "gw":
                let parts = value.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw WhatIfLoadError("--fail gateway=: expected NAMESPACE/NAME, got '\(value)'")
                }
                return .gateway(namespace: String(parts[0]), name: String(parts[1]))
            default:
                throw WhatIfLoadError("--fail: expected zone=Z, node=N or gateway=NS/NAME, got '\(text)'")
            }
        }

        /// True when `gateway` is lost with this target.
        public func matches(_ gateway: EgressGatewayRecord) -> Bool {
            switch self {
            case .zone(let zone): return gateway.zone == zone
            case .node(let node): return gateway.node == node
            case .gateway(let namespace, let name):
                return gateway.namespace == namespace && (gateway.name == name || gateway.deployment == name)
            }
        }
    }

    /// What is lost.
    public var targets: [Target]

    /// A failure of `targets`.
    public init(targets: [Target]) {
        self.targets = targets
    }

    /// `fail zone=us-east-1a, node=ip-10-0-1-5`.
    public var label: String { "fail " + targets.map(\.description).joined(separator: ", ") }

    /// The gateways of `snapshot` lost, in `namespace/name` order.
    public func failedGateways(in snapshot: Snapshot) -> [EgressGatewayRecord] {
        snapshot.gateways.filter { gateway in targets.contains { $0.matches(gateway) } }
    }

    /// Refuses a target that names no gateway of `snapshot` (a typo would otherwise change nothing).
    public func validate(against snapshot: Snapshot) throws(WhatIfLoadError) {
        for target in targets where !snapshot.gateways.contains(where: target.matches) {
            let known: String
            switch target {
            case .zone: known = Set(snapshot.gateways.compactMap(\.zone)).sorted().joined(separator: ", ")
            case .node: known = Set(snapshot.gateways.compactMap(\.node)).sorted().prefix(10).joined(separator: ", ")
            case .gateway: known = Set(snapshot.gateways.map { "\($0.namespace)/\($0.deployment ?? $0.name)" }).sorted()
                .prefix(10).joined(separator: ", ")
            }
            throw WhatIfLoadError("--fail \(target): no egress gateway there (gateways are in: \(known.isEmpty ? "none" : known))")
        }
    }

    /// `snapshot` with the lost gateways' pods marked not ready (reason `what-if: zone=…`).
    public func apply(to snapshot: Snapshot) -> Snapshot {
        let lost = Dictionary(failedGateways(in: snapshot).map { gateway in
            (gateway.qualifiedName, targets.first { $0.matches(gateway) }?.description ?? "")
        }, uniquingKeysWith: { first, _ in first })
        guard !lost.isEmpty else { return snapshot }
        var cluster = snapshot.cluster
        for index in cluster.pods.indices {
            guard let reason = lost[cluster.pods[index].qualifiedName] else { continue }
            cluster.pods[index].ready = false
            cluster.pods[index].readinessReason = "what-if: \(reason)"
        }
        return Snapshot(source: snapshot.source, cluster: cluster, aws: snapshot.aws, config: snapshot.config,
                        firewallConfigs: snapshot.firewallConfigs)
    }
}
