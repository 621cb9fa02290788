import LPM

extension Snapshot {
    /// This Snapshot with `cluster`, in which only the pods named `changedPods` differ from this
    /// Snapshot's cluster (changed, added or removed), the pods kept in stable positions as the
    /// live store keeps them (`PodPositionChanges`): the indexes and derived views are kept, with
    /// the touched positions and addresses recorded beside them. Nil when the change reaches
    /// further and a whole new Snapshot must be built: a changed host-network or finished state,
    /// changed annotations (egress selections, policies and drains), a pod that is or becomes a
    /// gateway, an added or removed pod with a drain annotation, pods in another order, more than
    /// `PodPositionChanges.maximumTouched` pods; also when anything but the pods changed.
    ///
    /// What a live cluster mostly reports, a label or readiness change, costs the check of the
    /// changed pods, not a pass over the cluster; a pod added, removed, or given its address
    /// costs one pass over the pods for the address index.
    public func updating(cluster newCluster: ClusterState, changedPods: Set<String>) -> Snapshot? {
        let old = cluster
        guard podsByQualifiedName.count == old.pods.count,
              newCluster.namespaces == old.namespaces,
              newCluster.nodes == old.nodes, newCluster.ipPools == old.ipPools,
              newCluster.ipReservations == old.ipReservations, newCluster.policies == old.policies,
              newCluster.ipamBlocks == old.ipamBlocks, newCluster.blockAffinities == old.blockAffinities,
              newCluster.felixConfigurations == old.felixConfigurations,
              newCluster.egressGateways == old.egressGateways,
              let changes = PodPositionChanges(before: old.pods, after: newCluster.pods, touched: changedPods,
                                               positionBefore: podsByQualifiedName.position(of:)) else { return nil }
        var touchedAddresses: [IPAddress] = []
        func touch(_ address: IPAddress?) {
            if let address, !touchedAddresses.contains(address) { touchedAddresses.append(address) }
        }
        for position in changes.changed {
            let before = old.pods[position]
            let after = newCluster.pods[position]
            guard keepsDerivedViews(before, after) else { return nil }
            if before.podIP != after.podIP {
                touch(before.podIP)
                touch(after.podIP)
            }
        }
        var policies = policies
        var names: [(name: String, position: Int?)] = []
        let removed = changes.removed.map { (pod: old.pods[$0], position: Int?.none) }
        for (pod, position) in removed + changes.added.map({ (newCluster.pods[$0], Optional($0)) }) {
            let added = position != nil
            guard keepsDerivedViews(adding: added, pod) else { return nil }
            touch(pod.podIP)
            names.append((pod.qualifiedName, position))
            policies = PolicySummarizer.counting(pod, added: added, in: policies, namespaces: namespacesByName,
                                                 support: old.egressIPSupport, policies: policiesByName)
        }
        for move in changes.moved {
            let pod = newCluster.pods[move.to]
            touch(pod.podIP)
            names.append((pod.qualifiedName, move.to))
        }
        var updated = self
        updated.identity = .next()
        updated.derivation = SnapshotDerivation(base: identity, pods: changes)
        updated.cluster = newCluster
        updated.policies = policies
        updated.podsByQualifiedName = names.isEmpty
            ? podsByQualifiedName.replacing(pods: newCluster.pods)
            : podsByQualifiedName.moving(pods: newCluster.pods, changes: names)
        updated.podsByIP = touchedAddresses.isEmpty
            ? podsByIP.replacing(pods: newCluster.pods)
            : podsByIP.rehoming(pods: newCluster.pods, touched: touchedAddresses)
        return updated
    }

    /// True when adding (or removing) `pod` changes no derived view but the policies' pod
    /// counts: it is not a gateway, names no gateway selection and no gateway it is being moved off.
    private func keepsDerivedViews(adding: Bool, _ pod: Pod) -> Bool {
        guard !selects(pod), !drains(pod) else { return false }
        return adding ? !isGateway(pod) : !gatewaysByQualifiedName.contains(pod.qualifiedName)
    }

    /// True when `pod`'s annotations name a gateway selection (one of `gatewayMatchers`).
    private func selects(_ pod: Pod) -> Bool {
        if case .selection = EgressAnnotations(pod.metadata.annotations) { return true }
        return false
    }

    /// True when `pod` is a client of a gateway drain (`GatewayDrain`).
    private func drains(_ pod: Pod) -> Bool {
        !pod.isFinished && pod.metadata.annotations[GatewayDrain.gatewayIPAnnotation] != nil
    }

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
