import Inventory
import LPM

extension Linter {
    /// The gateway-operations codes: `grace-period-zero`, `probe-timeout`,
    /// `missing-ip-reservation`, `gateway-capacity`, `az-loss-drop` (all warnings).
    func gatewayOperationsFindings() -> [Finding] {
        let snapshot = context.snapshot
        return Linter.gracePeriodFindings(snapshot) + Linter.probeTimeoutFindings(snapshot)
            + Linter.reservationFindings(snapshot) + Linter.capacityFindings(snapshot) + azLossFindings()
    }

    // MARK: - grace-period-zero

    static func gracePeriodFindings(_ snapshot: Snapshot) -> [Finding] {
        var findings: [Finding] = []
        var reported = Set<String>()
        for gateway in snapshot.cluster.egressGateways where gateway.terminationGracePeriodSeconds == 0 {
            let name = gateway.metadata.qualifiedName
            reported.insert(name)
            findings.append(Finding(.warning, .gracePeriodZero,
                "EgressGateway \(name) sets terminationGracePeriodSeconds 0: its clients lose their flows on every rollout",
                objects: ["egressgateway/\(name)"]))
        }
        // Gateways without such an EgressGateway, by their group (Deployment), else one by one.
        let zero = snapshot.gateways.filter { $0.pod.terminationGracePeriodSeconds == 0 }
        let groups = Dictionary(grouping: zero) { "\($0.namespace)/\($0.deployment ?? $0.name)" }
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) where !reported.contains(group) {
            findings.append(Finding(.warning, .gracePeriodZero,
                "gateway \(group): \(members.count) pod\(members.count == 1 ? "" : "s") with terminationGracePeriodSeconds 0: "
                    + "clients lose their flows on every rollout",
                objects: members.map { "pod/\($0.qualifiedName)" }))
        }
        return findings
    }

    // MARK: - probe-timeout

    static func probeTimeoutFindings(_ snapshot: Snapshot) -> [Finding] {
        var findings: [Finding] = []
        for gateway in snapshot.cluster.egressGateways {
            for probe in gateway.failureDetection?.probes ?? [] where probe.timeoutSeconds <= probe.intervalSeconds {
                let name = gateway.metadata.qualifiedName
                findings.append(Finding(.warning, .probeTimeout,
                    "EgressGateway \(name) \(probe.kind.rawValue)Probe timeoutSeconds \(probe.timeoutSeconds) is not above "
                        + "intervalSeconds \(probe.intervalSeconds): one lost probe makes the gateway not ready",
                    objects: ["egressgateway/\(name)"]))
            }
        }
        return findings
    }

    // MARK: - missing-ip-reservation

    /// The subnet addresses AWS keeps (the first four and the last) that lie inside `pool`.
    static func awsReservedAddresses(of subnet: IPPrefix, inside pool: IPPrefix) -> [IPAddress] {
        guard case .v4(let network) = subnet.address, subnet.addressCount >= 8 else { return [] }
        let first = UInt64(network.value)
        let last = first + subnet.addressCount - 1
        return ([first, first + 1, first + 2, first + 3, last])
            .map { IPAddress.v4(IPv4Address(UInt32(truncatingIfNeeded: $0))) }
            .filter { pool.contains($0) }
    }

    static func reservationFindings(_ snapshot: Snapshot) -> [Finding] {
        var reserved = PrefixTable<Bool>()
        for reservation in snapshot.cluster.ipReservations {
            for cidr in reservation.reservedCIDRs { reserved.insert(true, for: cidr) }
        }
        var findings: [Finding] = []
        for pool in snapshot.cluster.ipPools where pool.isAWSBacked {
            guard let subnetID = pool.awsSubnetID, let subnet = snapshot.subnetsByID[subnetID] else { continue }
            let missing = awsReservedAddresses(of: subnet.cidrBlock, inside: pool.cidr).filter { reserved.longestMatch($0) == nil }
            guard !missing.isEmpty else { continue }
            findings.append(Finding(.warning, .missingIPReservation,
                "pool \(pool.name) (\(pool.cidr)) in subnet \(subnetID) (\(subnet.cidrBlock)): no IPReservation holds "
                    + missing.map(\.description).joined(separator: ", ")
                    + ", which AWS keeps; Calico may hand them to a gateway that then never comes up",
                objects: ["ippool/\(pool.name)", "subnet/\(subnetID)"]))
        }
        return findings
    }

    // MARK: - gateway-capacity

    static func capacityFindings(_ snapshot: Snapshot) -> [Finding] {
        let report = snapshot.capacity
        var findings: [Finding] = []
        for node in report.nodes {
            guard let capacity = node.capacity, node.used > capacity else { continue }
            findings.append(Finding(.warning, .gatewayCapacity,
                "node \(node.node) holds \(node.used) AWS-backed addresses but its \(node.source == .node ? "published capacity" : "instance type \(node.instanceType ?? "?")") allows \(capacity)",
                objects: ["node/\(node.node)"]))
        }
        guard report.secondaryIPSupport != .disabled else { return findings }
        let nodesByZone = Dictionary(grouping: report.nodes) { $0.zone ?? "" }
        let poolsByName = Dictionary(snapshot.cluster.ipPools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for gateway in snapshot.cluster.egressGateways {
            let pools = gateway.ipPools.compactMap { reference in
                poolsByName[reference] ?? snapshot.cluster.ipPools.first { $0.cidr.description == reference }
            }.filter(\.isAWSBacked)
            guard !pools.isEmpty else { continue }
            let poolZones = pools.map { $0.awsSubnetID.flatMap { snapshot.subnetsByID[$0]?.availabilityZone } }
            // Without every pool's zone the room is unknown.
            guard poolZones.allSatisfy({ $0 != nil }) else { continue }
            let zones = Set(poolZones.compactMap { $0 })
            let nodes = zones.flatMap { nodesByZone[$0] ?? [] }
            // Room is unknown when a node's capacity is.
            guard nodes.allSatisfy({ $0.capacity != nil }) else { continue }
            let name = gateway.metadata.qualifiedName
            var ownByNode: [String: Int] = [:]
            for record in snapshot.gateways where record.egressGateway?.metadata.qualifiedName == name {
                if let node = record.node, record.pool.flatMap({ poolsByName[$0]?.isAWSBacked }) == true { ownByNode[node, default: 0] += 1 }
            }
            let room = nodes.reduce(0) { total, node in
                total + max(0, (node.capacity ?? 0) - (node.used - (ownByNode[node.node] ?? 0)))
            }
            if room < gateway.replicas {
                findings.append(Finding(.warning, .gatewayCapacity,
                    "EgressGateway \(name) wants \(gateway.replicas) replicas but the nodes in \(zones.sorted().joined(separator: ", ")) "
                        + "can hold \(room) more gateway addresses (ENI limits, \(report.secondaryIPSupport.rawValue))",
                    objects: ["egressgateway/\(name)"] + nodes.map { "node/\($0.node)" }))
            }
        }
        return findings
    }

    // MARK: - az-loss-drop

    func azLossFindings() -> [Finding] {
        var sets: [(label: String, objects: [String], pods: [Pod])] = []
        for name in context.policies.keys.sorted() {
            guard let prepared = context.policies[name] else { continue }
            for (index, rule) in prepared.policy.rules.enumerated() where rule.gateway != nil {
                sets.append(("policy \(name) rule #\(index) (\(rule.effectiveDestination))", ["policy/\(name)", "rule/\(index)"],
                             context.ruleGateways(name, index)))
            }
        }
        for (key, pods) in context.selectionGateways.sorted(by: { $0.key.clientNamespace < $1.key.clientNamespace }) {
            sets.append(("selector annotations used in namespace \(key.clientNamespace)", ["namespace/\(key.clientNamespace)"], pods))
        }
        let zoneOf = { (pod: Pod) -> String? in pod.nodeName.flatMap { self.context.snapshot.nodesByName[$0]?.zone } }
        var findings: [Finding] = []
        for set in sets {
            let ready = set.pods.filter(\.isActive)
            guard !ready.isEmpty else { continue }
            let readyZones = ready.map(zoneOf)
            guard readyZones.allSatisfy({ $0 != nil }) else { continue }
            let zones = Set(readyZones.compactMap { $0 })
            guard zones.count == 1, let zone = zones.first else { continue }
            // All gateways placed in one zone is `single-az`'s finding.
            let allZones = set.pods.map(zoneOf)
            if allZones.allSatisfy({ $0 == zone }) { continue }
            let elsewhere = set.pods.filter { zoneOf($0) != zone }
            findings.append(Finding(.warning, .azLossDrop,
                "\(set.label): all \(ready.count) ready gateways sit in \(zone) (the \(elsewhere.count) elsewhere are not ready); "
                    + "losing \(zone) drops its traffic",
                objects: set.objects + ready.map { "pod/\($0.qualifiedName)" }))
        }
        return findings
    }
}
