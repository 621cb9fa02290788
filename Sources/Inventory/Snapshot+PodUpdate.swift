import LPM

extension Snapshot {
    /// This Snapshot with `cluster`, in which only the pods named `changedPods` differ from this
    /// Snapshot's cluster, each modified in place (same position, same name): the indexes and
    /// derived views are kept, with the new pods in them. Nil when the change reaches further and
    /// a whole new Snapshot must be built: a pod added, removed or moved, a changed host-network or
    /// finished state, changed annotations (egress selections, policies and drains), or a pod that
    /// is or becomes a gateway; also when anything but the pods changed.
    ///
    /// What a live cluster mostly reports, a label or readiness change, costs the check of the
    /// changed pods, not a pass over the cluster; a pod given its address (or a new one) costs one
    /// pass over the pods for the address index.
    public func updating(cluster newCluster: ClusterState, changedPods: Set<String>) -> Snapshot? {
        let old = cluster
        guard newCluster.pods.count == old.pods.count, podsByQualifiedName.count == old.pods.count,
              newCluster.namespaces == old.namespaces,
              newCluster.nodes == old.nodes, newCluster.ipPools == old.ipPools,
              newCluster.ipReservations == old.ipReservations, newCluster.policies == old.policies,
              newCluster.ipamBlocks == old.ipamBlocks, newCluster.blockAffinities == old.blockAffinities,
              newCluster.felixConfigurations == old.felixConfigurations,
              newCluster.egressGateways == old.egressGateways else { return nil }
        var positions: [Int] = []
        var readdressed: [Int] = []
        var previousAddresses: [IPAddress?] = []
        for name in changedPods {
            guard let position = podsByQualifiedName.position(of: name) else { return nil }
            let before = old.pods[position]
            let after = newCluster.pods[position]
            guard after.qualifiedName == name, keepsDerivedViews(before, after) else { return nil }
            positions.append(position)
            if before.podIP != after.podIP {
                readdressed.append(position)
                previousAddresses.append(before.podIP)
            }
        }
        guard readdressed.count <= Self.maximumReaddressedPods else { return nil }
        var updated = self
        updated.identity = .next()
        updated.derivation = SnapshotDerivation(base: identity, changedPodPositions: positions.sorted())
        updated.cluster = newCluster
        updated.podsByQualifiedName = podsByQualifiedName.replacing(pods: newCluster.pods)
        updated.podsByIP = readdressed.isEmpty
            ? podsByIP.replacing(pods: newCluster.pods)
            : podsByIP.readdressing(pods: newCluster.pods, readdressed: readdressed, previous: previousAddresses)
        return updated
    }

    /// Above this many pods with new addresses in one update, the Snapshot is built whole: each
    /// address is looked up again over every pod.
    private static let maximumReaddressedPods = 16

    /// True when changing `before` into `after` leaves every index and derived view as it is,
    /// apart from the pod values themselves and the address index.
    private func keepsDerivedViews(_ before: Pod, _ after: Pod) -> Bool {
        guard before.hostNetwork == after.hostNetwork,
              before.isFinished == after.isFinished, before.metadata.annotations == after.metadata.annotations,
              !gatewaysByQualifiedName.contains(before.qualifiedName), !isGateway(after) else { return false }
        // Same annotations in the same namespace: the same egress configuration.
        return true
    }

    /// True when one of the gateway selections in use (policy rules' and annotations', whole
    /// namespaces included) picks `pod`.
    public func anyGatewaySelectionPicks(_ pod: Pod) -> Bool {
        let namespace = namespacesByName[pod.namespace]
        return gatewayMatchers.contains { $0.matches(pod, in: namespace) }
    }

    /// True when gateway discovery, with this Snapshot's selections, finds `pod` to be a gateway.
    private func isGateway(_ pod: Pod) -> Bool {
        var alone = cluster
        alone.pods = [pod]
        return !GatewayDiscovery.gateways(
            cluster: alone, namespaces: namespacesByName, nodes: nodesByName, pools: poolsByCIDR,
            eniByIP: networkInterfaceByPrivateIP, elasticIPsByPrivateIP: elasticIPsByPrivateIP,
            matchers: gatewayMatchers).isEmpty
    }
}
