import LPM

/// `gatewatch get capacity`: room for gateway addresses per AWS-backed pool and zone, and for
/// `awsSecondaryIPSupport` the ENI/IP room of each node (calico-egress.md §5.2, aws-path.md §7).
public struct CapacityReport: Hashable, Sendable {
    /// FelixConfiguration `default` `awsSecondaryIPSupport` (`Disabled` when unset).
    public var secondaryIPSupport: AWSSecondaryIPSupport
    /// One row per AWS-backed pool, in pool-name order.
    public var pools: [PoolZoneCapacity]
    /// One row per node whose AWS-backed address room is known or needed, in zone then name order.
    public var nodes: [NodeAddressCapacity]
}

/// FelixConfiguration `awsSecondaryIPSupport`.
public enum AWSSecondaryIPSupport: String, Hashable, Sendable {
    /// No AWS-backed pod addresses.
    case disabled = "Disabled"
    /// Shared secondary ENIs; each Calico ENI's primary IP is a host IP, the rest are pod addresses.
    case enabled = "Enabled"
    /// One secondary ENI per AWS-backed pod.
    case enabledENIPerWorkload = "EnabledENIPerWorkload"
}

/// Room for gateway addresses in one AWS-backed pool (whose subnet sits in one zone).
public struct PoolZoneCapacity: Hashable, Sendable {
    /// The pool's name.
    public var pool: String
    /// The pool's CIDR.
    public var cidr: IPPrefix
    /// The zone of the pool's subnet, when AWS data has it.
    public var zone: String?
    /// `awsSubnetID`.
    public var subnetID: String
    /// Addresses IPAM can still hand out: capacity − reserved − allocated.
    public var ipamFree: UInt64
    /// Free addresses in the subnet, as EC2 reports them.
    public var subnetFree: Int?
    /// Replicas of the EgressGateways that name the pool (one naming pools in several zones counts in each).
    public var replicasWanted: Int
    /// Those EgressGateways, `namespace/name`.
    public var wantedBy: [String]
    /// Gateway pods holding an address of the pool that are not terminating.
    public var running: Int
    /// Pods still holding an address of the pool while they terminate (a rollout's old replicas), `namespace/name`.
    public var terminatingPods: [String]

    /// The smaller of the IPAM and subnet free counts: what a new replica can get.
    public var free: UInt64 {
        guard let subnetFree else { return ipamFree }
        return min(ipamFree, UInt64(max(0, subnetFree)))
    }

    /// Addresses still to be found for the replicas wanted (beyond those running).
    public var missingReplicas: Int { max(0, replicasWanted - running) }
}

/// How many AWS-backed pod addresses one node can hold.
public struct NodeAddressCapacity: Hashable, Sendable {
    /// Where the capacity figure comes from.
    public enum Source: String, Hashable, Sendable {
        /// The node's `projectcalico.org/aws-secondary-ipv4` allocatable, which Calico publishes.
        case node
        /// Computed from the instance type's ENI limits (DescribeInstanceTypes).
        case instanceType = "instance-type"
        /// Neither is known.
        case unknown
    }

    /// The node's name.
    public var node: String
    /// Its zone.
    public var zone: String?
    /// Its EC2 instance type (label, else the EC2 instance).
    public var instanceType: String?
    /// ENI slots as Calico counts them (card 0, at most 15), when the type is known.
    public var eniSlots: Int?
    /// IPv4 addresses per ENI, primary included, when the type is known.
    public var ipv4PerInterface: Int?
    /// ENIs attached that Calico did not create (at least the primary).
    public var otherENIs: Int
    /// The AWS-backed pod addresses it can hold.
    public var capacity: Int?
    /// Where `capacity` comes from.
    public var source: Source
    /// AWS-backed pods on it now (terminating ones included: they still hold their address).
    public var used: Int

    /// `capacity − used`, when the capacity is known.
    public var free: Int? { capacity.map { $0 - used } }
}

extension CapacityReport {
    /// The ENI room of an instance type as Calico computes it: slots (card 0, capped at 15) less the
    /// ENIs that are not Calico's, times the pod addresses per Calico ENI (`ipv4 − 1` when ENIs are
    /// shared, 1 with one ENI per workload).
    public static func eniCapacity(_ info: InstanceTypeInfo.NetworkInfo, otherENIs: Int, mode: AWSSecondaryIPSupport) -> Int? {
        guard let slots = info.calicoENISlots else { return nil }
        let calicoENIs = max(0, slots - otherENIs)
        switch mode {
        case .disabled: return nil
        case .enabledENIPerWorkload: return calicoENIs
        case .enabled:
            guard let perENI = info.ipv4AddressesPerInterface else { return nil }
            return calicoENIs * max(0, perENI - 1)
        }
    }
}

extension Snapshot {
    /// The capacity report of this Snapshot (computed on demand).
    public var capacity: CapacityReport {
        let modeText = cluster.felixConfigurations.first { $0.name == "default" }?.awsSecondaryIPSupport
        let mode = modeText.flatMap(AWSSecondaryIPSupport.init(rawValue:)) ?? .disabled
        // AWS-backed pools in name order, found by address (pools may share or nest CIDRs).
        let awsPools = cluster.ipPools.filter(\.isAWSBacked).sorted { $0.name < $1.name }
        var poolsByCIDR = PrefixTable<[Int]>()
        for (index, pool) in awsPools.enumerated() {
            if let earlier = poolsByCIDR.insert([index], for: pool.cidr) { poolsByCIDR.insert(earlier + [index], for: pool.cidr) }
        }

        // One pass over the pods: AWS-backed addresses per node, and per pool its running
        // gateways and the pods still terminating on its addresses.
        var usedByNode: [String: Int] = [:]
        var running = [Int](repeating: 0, count: awsPools.count)
        var terminating = [[String]](repeating: [], count: awsPools.count)
        for index in cluster.pods.indices where !cluster.pods[index].isFinished {
            guard let ip = cluster.pods[index].podIP else { continue }
            let holders = poolsByCIDR.matches(covering: ip)
            if holders.isEmpty { continue }
            let pod = cluster.pods[index]
            if !pod.hostNetwork, let node = pod.nodeName { usedByNode[node, default: 0] += 1 }
            let qualifiedName = pod.qualifiedName
            let isTerminating = pod.metadata.deletionTimestamp != nil
            let isGateway = !isTerminating && gatewaysByQualifiedName[qualifiedName] != nil
            for holder in holders {
                for pool in holder.value {
                    if isTerminating { terminating[pool].append(qualifiedName) } else if isGateway { running[pool] += 1 }
                }
            }
        }

        // One pass over the EgressGateways: the pools each asks for, by name or CIDR.
        var poolIndexByReference: [String: [Int]] = [:]
        for (index, pool) in awsPools.enumerated() {
            poolIndexByReference[pool.name, default: []].append(index)
            let cidr = pool.cidr.description
            if cidr != pool.name { poolIndexByReference[cidr, default: []].append(index) }
        }
        var wanting = [[EgressGateway]](repeating: [], count: awsPools.count)
        for gateway in cluster.egressGateways {
            var asked = Set<Int>()
            for reference in gateway.ipPools { asked.formUnion(poolIndexByReference[reference] ?? []) }
            for pool in asked.sorted() { wanting[pool].append(gateway) }
        }

        let usage = Dictionary(pools.map { ($0.pool.name, $0) }, uniquingKeysWith: { first, _ in first })
        var poolRows: [PoolZoneCapacity] = []
        for (index, pool) in awsPools.enumerated() {
            guard let subnetID = pool.awsSubnetID else { continue }
            let subnet = subnetsByID[subnetID]
            let utilization = usage[pool.name]
            let capacity = utilization?.capacity ?? pool.cidr.addressCount
            let taken = (utilization?.reserved ?? 0).addingReportingOverflow(utilization?.allocated ?? 0)
            let ipamFree = taken.overflow || taken.partialValue >= capacity ? 0 : capacity - taken.partialValue
            poolRows.append(PoolZoneCapacity(
                pool: pool.name, cidr: pool.cidr, zone: subnet?.availabilityZone, subnetID: subnetID, ipamFree: ipamFree,
                subnetFree: subnet?.availableIpAddressCount, replicasWanted: wanting[index].reduce(0) { $0 + $1.replicas },
                wantedBy: wanting[index].map(\.metadata.qualifiedName).sorted(), running: running[index],
                terminatingPods: terminating[index].sorted()))
        }

        // Nodes: every node when Calico manages secondary IPs, else those that publish a capacity.
        var nodeRows: [NodeAddressCapacity] = []
        var otherENIsByInstance: [String: Int] = [:]
        for eni in aws.networkInterfaces where !eni.isCalicoSecondary {
            if let instance = eni.attachedInstanceID { otherENIsByInstance[instance, default: 0] += 1 }
        }
        for node in cluster.nodes where mode != .disabled || node.awsSecondaryIPv4Capacity != nil {
            let instance = node.instanceID.flatMap { instancesByID[$0] }
            let typeName = node.instanceType ?? instance?.instanceType
            let info = typeName.flatMap { aws.instanceType(named: $0) }?.networkInfo
            let others = max(1, node.instanceID.flatMap { otherENIsByInstance[$0] } ?? 1)
            let computed = info.flatMap { CapacityReport.eniCapacity($0, otherENIs: others, mode: mode) }
            let capacity = node.awsSecondaryIPv4Capacity ?? computed
            let source: NodeAddressCapacity.Source = node.awsSecondaryIPv4Capacity != nil ? .node
                : (computed != nil ? .instanceType : .unknown)
            nodeRows.append(NodeAddressCapacity(
                node: node.name, zone: node.zone, instanceType: typeName, eniSlots: info?.calicoENISlots,
                ipv4PerInterface: info?.ipv4AddressesPerInterface, otherENIs: others, capacity: capacity, source: source,
                used: usedByNode[node.name] ?? 0))
        }
        nodeRows.sort { ($0.zone ?? "~", $0.node) < ($1.zone ?? "~", $1.node) }
        return CapacityReport(secondaryIPSupport: mode, pools: poolRows, nodes: nodeRows)
    }
}
