import LPM

/// Finds the egress gateway pods: Calico needs no special label, so a pod is a gateway when an
/// operator EgressGateway's template labels select it, when a policy rule or client annotation
/// selects it, or when it looks like a hand-deployed gateway (a `health` port and a
/// `cni.projectcalico.org/ipv4pools` annotation).
enum GatewayDiscovery {
    static func gateways(cluster: ClusterState, namespaces: [String: Namespace], nodes: [String: Node],
                         pools: PrefixTable<IPPool>, eniByIP: [IPAddress: String],
                         elasticIPsByPrivateIP: [IPAddress: ElasticIP],
                         matchers: Set<GatewayMatcher>) -> [EgressGatewayRecord] {
        let pods = cluster.pods
        let unfinished = pods.indices.filter { !pods[$0].isFinished }
        let positionsByNamespace = Dictionary(grouping: unfinished, by: { pods[$0].namespace })
        // Pod position -> its EgressGateway or Deployment name ("" when it has none).
        var groupOf: [Int: String] = [:]
        // Pod position -> the operator EgressGateway that selects it.
        var operatorOf: [Int: EgressGateway] = [:]

        for gateway in cluster.egressGateways {
            guard let namespace = gateway.metadata.namespace else { continue }
            for position in positionsByNamespace[namespace] ?? []
            where gateway.templateLabels.allSatisfy({ pods[position].metadata.labels[$0.key] == $0.value }) {
                groupOf[position] = gateway.metadata.name
                operatorOf[position] = gateway
            }
        }

        let candidates = NamespacedPods(pods, positions: unfinished, namespaces: namespaces)
        for matcher in matchers where !matcher.selectsWholeNamespaces {
            for position in candidates.selectedPositions(by: matcher) where groupOf[position] == nil {
                groupOf[position] = deploymentName(of: pods[position]) ?? ""
            }
        }

        for position in unfinished where groupOf[position] == nil {
            let pod = pods[position]
            if pod.containerPortNames.contains("health") && pod.metadata.annotations["cni.projectcalico.org/ipv4pools"] != nil {
                groupOf[position] = deploymentName(of: pod) ?? ""
            }
        }

        var records: [EgressGatewayRecord] = []
        records.reserveCapacity(groupOf.count)
        for (position, group) in groupOf {
            let pod = pods[position]
            let ip = pod.podIP
            records.append(EgressGatewayRecord(
                pod: pod,
                zone: pod.nodeName.flatMap { nodes[$0]?.zone },
                pool: ip.flatMap { pools.longestMatch($0)?.value.name },
                networkInterfaceID: ip.flatMap { eniByIP[$0] },
                elasticIP: ip.flatMap { elasticIPsByPrivateIP[$0]?.publicIP },
                annotatedElasticIPs: annotatedElasticIPs(pod),
                deployment: group.isEmpty ? nil : group,
                egressGateway: operatorOf[position]))
        }
        return records.sorted { $0.qualifiedName < $1.qualifiedName }
    }

    /// Every distinct gateway selection in use (policy rules, pod and namespace annotations), parsed.
    /// Selections that do not parse select nothing.
    static func selectionMatchers(cluster: ClusterState) -> Set<GatewayMatcher> {
        var matchers = Set<GatewayMatcher>()
        for policy in cluster.policies {
            for rule in policy.rules {
                if let selection = rule.gateway, let matcher = try? GatewayMatcher(selection) { matchers.insert(matcher) }
            }
        }
        let annotated = cluster.namespaces.map { ($0.metadata.annotations, $0.name) }
            + cluster.pods.map { ($0.metadata.annotations, $0.namespace) }
        for (annotations, namespace) in annotated {
            if case .selection(let selection) = EgressAnnotations(annotations),
               let matcher = try? GatewayMatcher(selection, clientNamespace: selection.namespaceSelector == nil ? namespace : nil) {
                matchers.insert(matcher)
            }
        }
        return matchers
    }

    /// The Deployment owning a pod through its ReplicaSet (`name-<hash>`), else the direct owner.
    static func deploymentName(of pod: Pod) -> String? {
        guard let owner = pod.metadata.ownerReferences.first else { return nil }
        if owner.kind == "ReplicaSet", let dash = owner.name.lastIndex(of: "-") {
            return String(owner.name[..<dash])
        }
        return owner.name
    }

    /// The Elastic IPs listed in `cni.projectcalico.org/awsElasticIPs` (a JSON list of strings).
    static func annotatedElasticIPs(_ pod: Pod) -> [IPAddress] {
        guard let text = pod.metadata.annotations["cni.projectcalico.org/awsElasticIPs"] else { return [] }
        return text.split(whereSeparator: { "[]\", ".contains($0) }).compactMap { IPAddress(parsing: $0) }
    }
}
