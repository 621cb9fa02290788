import Inventory
import LPM

/// A complete observed state split into journal objects: every object of the Snapshot (as
/// `BundleWriter.objects(for:)` encodes it), each with the addresses it owns in `whois`'s terms — a
/// gateway pod's IP is `egress-gateway`, another pod's `pod`, a node's addresses `node`, an Elastic
/// IP `elastic-ip`, a NAT gateway's addresses `nat-gateway`, an ENI's private addresses
/// `network-interface`.
enum Observation {
    /// The objects of `snapshot`, one per (kind, key): when a key appears twice, the later wins.
    /// With a `cache`, an object the previous observation encoded is not encoded again: found by
    /// key when `delta` (the Live layer's change set since that observation) says no event
    /// touched it, else by model.
    static func objects(of snapshot: Snapshot, cache: ObservationCache? = nil, delta: SnapshotDelta? = nil) -> [ObservedObject] {
        cache?.beginObservation(delta)
        let cluster = snapshot.cluster
        let aws = snapshot.aws
        var result: [ObservedObject] = []
        result.reserveCapacity(cluster.pods.count + cluster.nodes.count + aws.networkInterfaces.count + 64)
        func add(_ object: BundleObject, _ addresses: [(IPAddress, AddressOwnerKind)] = [], meta: ObjectMeta? = nil) {
            add(object, ContentHash.of(object.contents), addresses, meta: meta)
        }
        func add(_ object: BundleObject, _ hash: Int64, _ addresses: [(IPAddress, AddressOwnerKind)] = [],
                 meta: ObjectMeta? = nil) {
            let owned = Set(addresses.map { ObservedObject.OwnedAddress(ip: $0.0.description, role: $0.1) }).sorted()
            result.append(ObservedObject(
                object: object, contentHash: hash, addresses: owned,
                created: meta?.creationTimestamp.flatMap(milliseconds), deleted: meta?.deletionTimestamp.flatMap(milliseconds)))
        }
        func encode<Model: Hashable & Sendable>(_ model: Model, _ make: (Model) -> BundleObject) -> (BundleObject, Int64) {
            if let cache { return cache.object(for: model, make) }
            let object = make(model)
            return (object, ContentHash.of(object.contents))
        }
        func add<Model: Hashable & Sendable>(_ model: Model, _ make: (Model) -> BundleObject,
                                            _ addresses: [(IPAddress, AddressOwnerKind)] = [], meta: ObjectMeta? = nil) {
            let (object, hash) = encode(model, make)
            add(object, hash, addresses, meta: meta)
        }
        // The Kubernetes kinds, whose keys the Live layer's change set names.
        func addIdentified<Model: Hashable & Sendable & BundleIdentifiable>(
            _ model: Model, _ make: (Model) -> BundleObject, _ addresses: [(IPAddress, AddressOwnerKind)] = [],
            meta: ObjectMeta? = nil) {
            if let cache {
                let (object, hash) = cache.object(identified: model, make)
                add(object, hash, addresses, meta: meta)
            } else {
                let object = make(model)
                add(object, ContentHash.of(object.contents), addresses, meta: meta)
            }
        }
        for namespace in cluster.namespaces { addIdentified(namespace, BundleObject.init, meta: namespace.metadata) }
        for node in cluster.nodes {
            addIdentified(node, BundleObject.init, (node.internalIPs + node.externalIPs).map { ($0, .node) }, meta: node.metadata)
        }
        for pod in cluster.pods {
            var addresses: [(IPAddress, AddressOwnerKind)] = []
            // As the Snapshot's pod index: a host-network pod's address is its node's, a finished pod's is free.
            if let ip = pod.podIP, !pod.hostNetwork, !pod.isFinished {
                addresses.append((ip, snapshot.gatewaysByQualifiedName[pod.qualifiedName] != nil ? .egressGateway : .pod))
            }
            addIdentified(pod, BundleObject.init, addresses, meta: pod.metadata)
        }
        cluster.ipPools.forEach { addIdentified($0, BundleObject.init) }
        cluster.ipReservations.forEach { addIdentified($0, BundleObject.init) }
        cluster.policies.forEach { addIdentified($0, BundleObject.init) }
        cluster.ipamBlocks.forEach { addIdentified($0, BundleObject.init) }
        cluster.blockAffinities.forEach { addIdentified($0, BundleObject.init) }
        cluster.felixConfigurations.forEach { addIdentified($0, BundleObject.init) }
        for gateway in cluster.egressGateways { addIdentified(gateway, BundleObject.init, meta: gateway.metadata) }
        aws.vpcs.forEach { add($0, BundleObject.init) }
        aws.subnets.forEach { add($0, BundleObject.init) }
        aws.subnetCidrReservations.forEach { add($0, BundleObject.init) }
        for eip in aws.elasticIPs { add(eip, BundleObject.init, [(eip.publicIP, .elasticIP)]) }
        for eni in aws.networkInterfaces {
            let addresses = ([eni.privateIPAddress].compactMap { $0 } + eni.privateIPAddresses.map(\.address))
            add(eni, BundleObject.init, addresses.map { ($0, .networkInterface) })
        }
        aws.instances.forEach { add($0, BundleObject.init) }
        aws.routeTables.forEach { add($0, BundleObject.init) }
        for nat in aws.natGateways {
            let addresses = nat.addresses.flatMap { [$0.publicIP, $0.privateIP].compactMap { $0 } }
            add(nat, BundleObject.init, addresses.map { ($0, .natGateway) })
        }
        aws.securityGroups.forEach { add($0, BundleObject.init) }
        aws.networkAcls.forEach { add($0, BundleObject.init) }
        aws.managedPrefixLists.forEach { add($0, BundleObject.init) }
        aws.prefixListEntries.forEach { add($0, BundleObject.init) }
        aws.vpcEndpoints.forEach { add($0, BundleObject.init) }
        aws.transitGatewayAttachments.forEach { add($0, BundleObject.init) }
        aws.transitGatewayRouteTables.forEach { add($0, BundleObject.init) }
        aws.transitGatewayRouteTableAssociations.forEach { add($0, BundleObject.init) }
        aws.transitGatewayRoutes.forEach { add($0, BundleObject.init) }
        aws.egressOnlyInternetGateways.forEach { add($0, BundleObject.init) }
        aws.instanceTypes.forEach { add($0, BundleObject.init) }
        for object in BundleWriter.settingsObjects(for: snapshot) { add(object) }
        cache?.endObservation()

        // One object per (kind, key): the later one wins.
        var seen: [ObjectIdentity: Int] = [:]
        var unique: [ObservedObject] = []
        unique.reserveCapacity(result.count)
        for object in result {
            let identity = ObjectIdentity(kind: object.object.kind, key: object.object.key)
            if let index = seen[identity] {
                unique[index] = object
            } else {
                seen[identity] = unique.count
                unique.append(object)
            }
        }
        return unique
    }

    private static func milliseconds(_ text: String) -> Int64? {
        Timestamp.secondsSince1970(text).map { Int64(($0 * 1000).rounded(.down)) }
    }
}
