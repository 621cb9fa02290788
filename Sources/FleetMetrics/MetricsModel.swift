import Inventory
import LPM
import Simulator

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What Gatewatch knows, as Prometheus gauges: gateway readiness and draining, pool and zone
/// use, Elastic IP statuses and idle time, `check` findings by code and severity, source health
/// and staleness, and (when the traffic side hands it over) bytes and denies by namespace.
/// Pure: computed from its inputs only; `PrometheusText` renders it.
public struct MetricsModel: Hashable, Sendable {
    /// Every family, in a fixed order.
    public var families: [MetricFamily]

    /// The family named `name`.
    public subscript(name: String) -> MetricFamily? { families.first { $0.name == name } }

    /// The metrics of `snapshot` with its `findings`, the sources' `health`, optional `traffic`,
    /// the Elastic IPs' idle seconds and the time `now` (seconds since 1970).
    public init(snapshot: Snapshot, findings: [Finding], health: SourceHealth, traffic: TrafficMetrics? = nil,
                idleSeconds: [IPAddress: Double] = [:], now: Double) {
        var families: [MetricFamily] = []
        families += Self.gatewayFamilies(snapshot, now: now)
        families += Self.poolFamilies(snapshot)
        families += Self.elasticIPFamilies(snapshot, idleSeconds: idleSeconds)
        families.append(Self.findingFamily(findings))
        families += Self.sourceFamilies(health, now: now)
        if let traffic { families += Self.trafficFamilies(traffic) }
        families.append(MetricFamily(name: "gatewatch_snapshot_timestamp_seconds",
                                     help: "When the metrics were last computed from a Snapshot (seconds since 1970).",
                                     samples: [.init([], now)]))
        self.families = families
    }

    // MARK: - Gateways

    private static func groupName(_ gateway: EgressGatewayRecord) -> String { gateway.deployment ?? gateway.name }

    static func gatewayFamilies(_ snapshot: Snapshot, now: Double) -> [MetricFamily] {
        typealias L = MetricFamily.Label
        let drains = snapshot.gatewayDrains
        let drainingIPs = Dictionary(drains.filter { $0.isActive(now: now) }.map { ($0.gatewayIP, $0) },
                                     uniquingKeysWith: { first, _ in first })

        // Groups, bounded: the first `maxGatewayGroups` in name order, the rest as `_other`.
        let groupKeys = Set(snapshot.gateways.map { "\($0.namespace)/\(groupName($0))" }).sorted()
        let kept = Set(groupKeys.prefix(MetricsLimits.maxGatewayGroups))
        func labels(_ gateway: EgressGatewayRecord) -> (String, String) {
            let key = "\(gateway.namespace)/\(groupName(gateway))"
            return kept.contains(key) ? (gateway.namespace, groupName(gateway)) : (MetricsLimits.otherLabel, MetricsLimits.otherLabel)
        }
        struct Count { var ready = 0.0, notReady = 0.0, draining = 0.0, clients = 0.0, secondsLeft: Double? }
        var counts: [String: (namespace: String, gateway: String, count: Count)] = [:]
        for gateway in snapshot.gateways {
            let (namespace, group) = labels(gateway)
            var entry = counts["\(namespace)/\(group)"] ?? (namespace, group, Count())
            if gateway.ready { entry.count.ready += 1 } else { entry.count.notReady += 1 }
            if let ip = gateway.ip, let drain = drainingIPs[ip] {
                entry.count.draining += 1
                entry.count.clients += Double(drain.clients.count)
                if let left = drain.secondsLeft(now: now) { entry.count.secondsLeft = min(entry.count.secondsLeft ?? left, left) }
            }
            counts["\(namespace)/\(group)"] = entry
        }
        let ordered = counts.keys.sorted().compactMap { counts[$0] }
        var pods: [MetricFamily.Sample] = []
        var readyPods: [MetricFamily.Sample] = []
        var draining: [MetricFamily.Sample] = []
        var clients: [MetricFamily.Sample] = []
        var left: [MetricFamily.Sample] = []
        for entry in ordered {
            let base = [L("namespace", entry.namespace), L("gateway", entry.gateway)]
            pods.append(.init(base + [L("state", "ready")], entry.count.ready))
            pods.append(.init(base + [L("state", "not-ready")], entry.count.notReady))
            draining.append(.init(base, entry.count.draining))
            clients.append(.init(base, entry.count.clients))
            if let seconds = entry.count.secondsLeft { left.append(.init(base, max(0, seconds))) }
        }
        for gateway in snapshot.gateways.prefix(MetricsLimits.maxGatewayPods) {
            readyPods.append(.init([L("namespace", gateway.namespace), L("pod", gateway.name),
                                    L("gateway", groupName(gateway)), L("zone", gateway.zone ?? "")], gateway.ready ? 1 : 0))
        }
        var desired: [MetricFamily.Sample] = []
        for gateway in snapshot.cluster.egressGateways.sorted(by: { $0.metadata.qualifiedName < $1.metadata.qualifiedName })
            .prefix(MetricsLimits.maxGatewayGroups) {
            desired.append(.init([L("namespace", gateway.metadata.namespace ?? ""), L("gateway", gateway.metadata.name)],
                                 Double(gateway.replicas)))
        }
        return [
            MetricFamily(name: "gatewatch_gateway_pods", help: "Egress gateway pods per gateway group and readiness.", samples: pods),
            MetricFamily(name: "gatewatch_gateway_pod_ready",
                         help: "1 when the egress gateway pod can carry traffic (first \(MetricsLimits.maxGatewayPods) pods).",
                         samples: readyPods),
            MetricFamily(name: "gatewatch_gateway_draining_pods",
                         help: "Gateway pods in a maintenance window (terminating, clients being moved).", samples: draining),
            MetricFamily(name: "gatewatch_gateway_draining_clients",
                         help: "Client pods Calico is moving off the group's draining gateways.", samples: clients),
            MetricFamily(name: "gatewatch_gateway_drain_seconds_left",
                         help: "Seconds until the group's earliest open maintenance window ends.", samples: left),
            MetricFamily(name: "gatewatch_egressgateway_replicas_desired",
                         help: "spec.replicas of each operator EgressGateway.", samples: desired),
        ]
    }

    // MARK: - Pools

    static func poolFamilies(_ snapshot: Snapshot) -> [MetricFamily] {
        typealias L = MetricFamily.Label
        var utilization: [MetricFamily.Sample] = []
        var addresses: [MetricFamily.Sample] = []
        for usage in snapshot.pools.prefix(MetricsLimits.maxPools) {
            let pool = [L("pool", usage.pool.name)]
            utilization.append(.init(pool, usage.utilization))
            addresses.append(.init(pool + [L("kind", "capacity")], usage.exactCapacity.doubleValue))
            addresses.append(.init(pool + [L("kind", "allocated")], Double(usage.allocated)))
            addresses.append(.init(pool + [L("kind", "reserved")], Double(usage.reserved)))
        }
        var free: [MetricFamily.Sample] = []
        var wanted: [MetricFamily.Sample] = []
        var terminating: [MetricFamily.Sample] = []
        for row in snapshot.capacity.pools.prefix(MetricsLimits.maxPools) {
            let base = [L("pool", row.pool), L("zone", row.zone ?? "")]
            free.append(.init(base + [L("source", "ipam")], Double(row.ipamFree)))
            if let subnetFree = row.subnetFree { free.append(.init(base + [L("source", "subnet")], Double(subnetFree))) }
            wanted.append(.init(base, Double(row.replicasWanted)))
            terminating.append(.init(base, Double(row.terminatingPods.count)))
        }
        return [
            MetricFamily(name: "gatewatch_pool_utilization_ratio", help: "Allocated share of each IP pool, 0 to 1.",
                         samples: utilization),
            MetricFamily(name: "gatewatch_pool_addresses", help: "Addresses of each IP pool by kind (capacity, allocated, reserved).",
                         samples: addresses),
            MetricFamily(name: "gatewatch_pool_free_addresses",
                         help: "Free addresses of each AWS-backed pool and its zone, per Calico IPAM and per the VPC subnet.",
                         samples: free),
            MetricFamily(name: "gatewatch_pool_replicas_wanted",
                         help: "Replicas the EgressGateways naming an AWS-backed pool want.", samples: wanted),
            MetricFamily(name: "gatewatch_pool_terminating_pods",
                         help: "Terminating pods still holding an address of an AWS-backed pool.", samples: terminating),
        ]
    }

    // MARK: - Elastic IPs

    static func elasticIPFamilies(_ snapshot: Snapshot, idleSeconds: [IPAddress: Double]) -> [MetricFamily] {
        typealias L = MetricFamily.Label
        var byStatus: [ElasticIPBinding.Status: Double] = [:]
        for binding in snapshot.elasticIPBindings { byStatus[binding.status, default: 0] += 1 }
        let statuses = ElasticIPBinding.Status.allCases.map { MetricFamily.Sample([L("status", $0.rawValue)], byStatus[$0] ?? 0) }
        let idle = snapshot.elasticIPBindings.filter { $0.status == .idle }.map { idleSeconds[$0.elasticIP.publicIP] ?? 0 }
        return [
            MetricFamily(name: "gatewatch_elastic_ips", help: "Elastic IPs by binding status.", samples: statuses),
            MetricFamily(name: "gatewatch_elastic_ip_idle_seconds",
                         help: "Seconds the idle Elastic IPs have been seen idle by this Gatewatch, summed.",
                         samples: [.init([], idle.reduce(0, +))]),
            MetricFamily(name: "gatewatch_elastic_ip_idle_max_seconds",
                         help: "Seconds the longest-idle Elastic IP has been seen idle by this Gatewatch.",
                         samples: [.init([], idle.max() ?? 0)]),
        ]
    }

    // MARK: - Findings

    static func findingFamily(_ findings: [Finding]) -> MetricFamily {
        typealias L = MetricFamily.Label
        var counts: [Finding.Code: [Finding.Severity: Double]] = [:]
        for finding in findings { counts[finding.code, default: [:]][finding.severity, default: 0] += 1 }
        var samples: [MetricFamily.Sample] = []
        for code in Finding.Code.allCases.sorted() {
            for severity in Finding.Severity.allCases {
                samples.append(.init([L("code", code.rawValue), L("severity", severity.rawValue)], counts[code]?[severity] ?? 0))
            }
        }
        return MetricFamily(name: "gatewatch_findings", help: "check findings by code and severity.", samples: samples)
    }

    // MARK: - Sources

    static func sourceFamilies(_ health: SourceHealth, now: Double) -> [MetricFamily] {
        typealias L = MetricFamily.Label
        var up: [MetricFamily.Sample] = []
        var stale: [MetricFamily.Sample] = []
        var last: [MetricFamily.Sample] = []
        var age: [MetricFamily.Sample] = []
        var parts: [MetricFamily.Sample] = []
        for source in health.sources {
            let label = [L("source", source.kind.rawValue)]
            up.append(.init(label, source.phase == .live && source.failure == nil ? 1 : 0))
            stale.append(.init(label, source.isStale ? 1 : 0))
            parts.append(.init(label, Double(source.stale.count)))
            if let success = source.lastSuccess?.timeIntervalSince1970 {
                last.append(.init(label, success))
                age.append(.init(label, max(0, now - success)))
            }
        }
        return [
            MetricFamily(name: "gatewatch_source_up", help: "1 when the source delivers current data.", samples: up),
            MetricFamily(name: "gatewatch_source_stale", help: "1 when the data shown from the source may be out of date.",
                         samples: stale),
            MetricFamily(name: "gatewatch_source_stale_parts",
                         help: "Resources or operations of the source whose data is old or missing.", samples: parts),
            MetricFamily(name: "gatewatch_source_last_success_timestamp_seconds",
                         help: "When the source last delivered (seconds since 1970).", samples: last),
            MetricFamily(name: "gatewatch_source_staleness_seconds", help: "Seconds since the source last delivered.",
                         samples: age),
        ]
    }

    // MARK: - Traffic

    static func trafficFamilies(_ traffic: TrafficMetrics) -> [MetricFamily] {
        typealias L = MetricFamily.Label
        let ordered = traffic.rows.sorted { ($0.bytesOut + $0.bytesIn, $1.namespace) > ($1.bytesOut + $1.bytesIn, $0.namespace) }
        var rows = Array(ordered.prefix(MetricsLimits.maxTrafficNamespaces))
        let rest = ordered.dropFirst(MetricsLimits.maxTrafficNamespaces)
        if !rest.isEmpty {
            rows.append(TrafficMetrics.Row(namespace: MetricsLimits.otherLabel, bytesOut: rest.reduce(0) { $0 + $1.bytesOut },
                                           bytesIn: rest.reduce(0) { $0 + $1.bytesIn }, denied: rest.reduce(0) { $0 + $1.denied }))
        }
        var bytes: [MetricFamily.Sample] = []
        var denied: [MetricFamily.Sample] = []
        for row in rows {
            bytes.append(.init([L("namespace", row.namespace), L("direction", "out")], Double(row.bytesOut)))
            bytes.append(.init([L("namespace", row.namespace), L("direction", "in")], Double(row.bytesIn)))
            denied.append(.init([L("namespace", row.namespace)], Double(row.denied)))
        }
        return [
            MetricFamily(name: "gatewatch_traffic_bytes", help: "Observed egress bytes by namespace and direction.", samples: bytes),
            MetricFamily(name: "gatewatch_traffic_denied", help: "Observed firewall denies and flow-log rejects by namespace.",
                         samples: denied),
        ]
    }
}
