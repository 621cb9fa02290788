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
        let cluster = snapshot.cluster
        let aws = snapshot.aws
        var result: [ObservedObject] = []
        result.reserveCapacity(cluster.pods.count + cluster.nodes.count + aws.networkInterfaces.count + 64)
        func add(_ object: BundleObject, _ addresses: [(IPAddress, AddressOwnerKind)] = [], meta: ObjectMeta? = nil) {
            let owned = Set(addresses.map { ObservedObject.OwnedAddress(ip: $0.0.description, role: $0.1) }).sorted()
            result.append(ObservedObject(
                object: object, addresses: owned,
                created: meta?.creationTimestamp.flatMap(milliseconds), deleted: meta?.deletionTimestamp.flatMap(milliseconds)))
        }
        for namespace in cluster.namespaces { add(BundleObject(namespace), meta: namespace.metadata) }
        for node in cluster.nodes {
            add(BundleObject(node), (node.internalIPs + node.externalIPs).map { ($0, .node) }, meta: node.metadata)
        }
        for pod in cluster.pods {
            var addresses: [(IPAddress, AddressOwnerKind)] = []
            if let ip = pod.podIP, !pod.hostNetwork {
                addresses.append((ip, snapshot.gatewaysByQualifiedName[pod.qualifiedName] != nil ? .egressGateway : .pod))
            }
            add(BundleObject(pod), addresses, meta: pod.metadata)
        }
        cluster.ipPools.forEach { add(BundleObject($0)) }
        cluster.ipReservations.forEach { add(BundleObject($0)) }
        cluster.policies.forEach { add(BundleObject($0)) }
        cluster.ipamBlocks.forEach { add(BundleObject($0)) }
        cluster.blockAffinities.forEach { add(BundleObject($0)) }
        cluster.felixConfigurations.forEach { add(BundleObject($0)) }
        for gateway in cluster.egressGateways { add(BundleObject(gateway), meta: gateway.metadata) }
        aws.vpcs.forEach { add(BundleObject($0)) }
        aws.subnets.forEach { add(BundleObject($0)) }
        aws.subnetCidrReservations.forEach { add(BundleObject($0)) }
        for eip in aws.elasticIPs { add(BundleObject(eip), [(eip.publicIP, .elasticIP)]) }
        for eni in aws.networkInterfaces {
            let addresses = ([eni.privateIPAddress].compactMap { $0 } + eni.privateIPAddresses.map(\.address))
            add(BundleObject(eni), addresses.map { ($0, .networkInterface) })
        }
        aws.instances.forEach { add(BundleObject($0)) }
        aws.routeTables.forEach { add(BundleObject($0)) }
        for nat in aws.natGateways {
            let addresses = nat.addresses.flatMap { [$0.publicIP, $0.privateIP].compactMap { $0 } }
            add(BundleObject(nat), addresses.map { ($0, .natGateway) })
        }
        for object in BundleWriter.settingsObjects(for: snapshot) { add(object) }

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
