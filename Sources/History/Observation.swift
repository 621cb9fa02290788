import Inventory
import LPM

/// A complete observed state split into journal objects: every object of the Snapshot (as
/// `BundleWriter.objects(for:)` encodes it), each with the addresses it owns in `whois`'s terms — a
/// gateway pod's IP is `egress-gateway`, another pod's `pod`, a node's addresses `node`, an Elastic
/// IP `elastic-ip`, a NAT gateway's addresses `nat-gateway`, an ENI's private addresses
/// `network-interface`.
enum Observation {
    /// The objects of `snapshot`, one per (kind, key): when a key appears twice, the later wins.
    static func objects(of snapshot: Snapshot) -> [ObservedObject] {
        changes(of: snapshot).objects
    }

    /// `snapshot` as the journal needs it. Without a `cache`, or when `delta` (the Live layer's
    /// change set) does not follow the cache's previous observation, every object, every kind
    /// complete (the cache still spares encoding a model equal to one it saw). When `delta`
    /// follows it, only what it says changed: objects of touched keys (removals for touched keys
    /// that are gone), and whole kinds it says anything of may have changed; kinds it says nothing
    /// about are neither listed nor complete, so their open versions hold. A pod's address role
    /// depends on the gateways too: when the set of gateway pods differs, every pod is listed.
    static func changes(of snapshot: Snapshot, cache: ObservationCache? = nil, delta: SnapshotDelta? = nil) -> ObservedChanges {
        let gatewayPods = Set(snapshot.gatewaysByQualifiedName.keys)
        let trusted = cache?.beginObservation(delta, gatewayPods: gatewayPods)
        let cluster = snapshot.cluster
        let aws = snapshot.aws
        var result: [ObservedObject] = []
        var removals: [ObjectIdentity] = []
        var completeKinds: Set<BundleObjectKind> = []
        result.reserveCapacity(trusted == nil ? cluster.pods.count + cluster.nodes.count + aws.networkInterfaces.count + 64 : 64)

        /// What to list of `kind`: every object, the objects of some keys, or nothing.
        enum Selection { case all, keys(Set<String>), none }
        func selection(_ kind: BundleObjectKind) -> Selection {
            guard let trusted, !(kind == .pod && trusted.gatewayPodsChanged) else { return .all }
            switch trusted[kind] {
            case nil: return .none
            case .any: return .all
            case .keys(let keys): return .keys(keys)
            }
        }
        func add(_ object: BundleObject, _ hash: Int64, _ addresses: [(IPAddress, AddressOwnerKind)], meta: ObjectMeta?) {
            let owned = Set(addresses.map { ObservedObject.OwnedAddress(ip: $0.0.description, role: $0.1) }).sorted()
            result.append(ObservedObject(
                object: object, contentHash: hash, addresses: owned,
                created: meta?.creationTimestamp.flatMap(milliseconds), deleted: meta?.deletionTimestamp.flatMap(milliseconds)))
        }
        /// A model listed whole: the cache spares encoding one equal to a model it saw.
        func addModel<Model: Hashable & Sendable>(_ model: Model, _ make: (Model) -> BundleObject,
                                                 _ addresses: [(IPAddress, AddressOwnerKind)] = [], meta: ObjectMeta? = nil) {
            let (object, hash) = cache?.object(for: model, make) ?? ObservationCache.encoding(model, make)
            add(object, hash, addresses, meta: meta)
        }
        /// A Kubernetes kind, whose keys the change set names. `lookup` finds a model by key
        /// (else the models are scanned for the touched keys).
        func addKind<Model: Hashable & Sendable & BundleIdentifiable>(
            _ models: [Model], _ make: (Model) -> BundleObject, lookup: ((String) -> Model?)? = nil,
            addresses: (Model) -> [(IPAddress, AddressOwnerKind)] = { _ in [] }, meta: (Model) -> ObjectMeta? = { _ in nil }) {
            switch selection(Model.bundleKind) {
            case .none:
                return
            case .all:
                completeKinds.insert(Model.bundleKind)
                for model in models { addModel(model, make, addresses(model), meta: meta(model)) }
            case .keys(let touched):
                var found = Set<String>()
                func addTouched(_ model: Model) {
                    found.insert(model.bundleKey)
                    let (object, hash) = cache?.encode(model, make) ?? ObservationCache.encoding(model, make)
                    add(object, hash, addresses(model), meta: meta(model))
                }
                if let lookup {
                    for key in touched { if let model = lookup(key) { addTouched(model) } }
                } else {
                    for model in models where touched.contains(model.bundleKey) { addTouched(model) }
                }
                for key in touched where !found.contains(key) { removals.append(ObjectIdentity(kind: Model.bundleKind, key: key)) }
            }
        }
        /// Whether a group of kinds the Live layer changes together is listed (then whole).
        func listsGroup(_ kinds: Set<BundleObjectKind>) -> Bool {
            guard let trusted else { return true }
            guard kinds.contains(where: { trusted[$0] != nil }) else { return false }
            completeKinds.formUnion(kinds)
            return true
        }

        addKind(cluster.namespaces, BundleObject.init, lookup: { snapshot.namespacesByName[$0] }, meta: \.metadata)
        addKind(cluster.nodes, BundleObject.init, lookup: { snapshot.nodesByName[$0] },
                addresses: { node in (node.internalIPs + node.externalIPs).map { ($0, .node) } }, meta: \.metadata)
        addKind(cluster.pods, BundleObject.init, lookup: { snapshot.podsByQualifiedName[$0] }, addresses: { pod in
            // As the Snapshot's pod index: a host-network pod's address is its node's, a finished pod's is free.
            guard let ip = pod.podIP, !pod.hostNetwork, !pod.isFinished else { return [] }
            return [(ip, gatewayPods.contains(pod.qualifiedName) ? .egressGateway : .pod)]
        }, meta: \.metadata)
        addKind(cluster.ipPools, BundleObject.init)
        addKind(cluster.ipReservations, BundleObject.init)
        addKind(cluster.policies, BundleObject.init)
        addKind(cluster.ipamBlocks, BundleObject.init)
        addKind(cluster.blockAffinities, BundleObject.init)
        addKind(cluster.felixConfigurations, BundleObject.init)
        addKind(cluster.egressGateways, BundleObject.init, meta: \.metadata)
        if listsGroup(ObservationScope.aws) {
            aws.vpcs.forEach { addModel($0, BundleObject.init) }
            aws.subnets.forEach { addModel($0, BundleObject.init) }
            aws.subnetCidrReservations.forEach { addModel($0, BundleObject.init) }
            for eip in aws.elasticIPs { addModel(eip, BundleObject.init, [(eip.publicIP, .elasticIP)]) }
            for eni in aws.networkInterfaces {
                let addresses = ([eni.privateIPAddress].compactMap { $0 } + eni.privateIPAddresses.map(\.address))
                addModel(eni, BundleObject.init, addresses.map { ($0, .networkInterface) })
            }
            aws.instances.forEach { addModel($0, BundleObject.init) }
            aws.routeTables.forEach { addModel($0, BundleObject.init) }
            for nat in aws.natGateways {
                let addresses = nat.addresses.flatMap { [$0.publicIP, $0.privateIP].compactMap { $0 } }
                addModel(nat, BundleObject.init, addresses.map { ($0, .natGateway) })
            }
            aws.securityGroups.forEach { addModel($0, BundleObject.init) }
            aws.networkAcls.forEach { addModel($0, BundleObject.init) }
            aws.managedPrefixLists.forEach { addModel($0, BundleObject.init) }
            aws.prefixListEntries.forEach { addModel($0, BundleObject.init) }
            aws.vpcEndpoints.forEach { addModel($0, BundleObject.init) }
            aws.transitGatewayAttachments.forEach { addModel($0, BundleObject.init) }
            aws.transitGatewayRouteTables.forEach { addModel($0, BundleObject.init) }
            aws.transitGatewayRouteTableAssociations.forEach { addModel($0, BundleObject.init) }
            aws.transitGatewayRoutes.forEach { addModel($0, BundleObject.init) }
            aws.egressOnlyInternetGateways.forEach { addModel($0, BundleObject.init) }
            aws.instanceTypes.forEach { addModel($0, BundleObject.init) }
        }
        if listsGroup(ObservationScope.settings) {
            for object in BundleWriter.settingsObjects(for: snapshot) {
                add(object, ContentHash.of(object.contents), [], meta: nil)
            }
        }
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
        return ObservedChanges(objects: unique, removals: removals, completeKinds: trusted == nil ? nil : completeKinds)
    }

    private static func milliseconds(_ text: String) -> Int64? {
        Timestamp.secondsSince1970(text).map { Int64(($0 * 1000).rounded(.down)) }
    }
}
