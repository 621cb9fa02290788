import Foundation
import Inventory
import LPM
import FleetMetrics
import Simulator
import Testing

/// The metrics model on the demo: what each family says, and that label sets stay bounded.
@Suite struct MetricsModelTests {
    /// A moment inside the demo's maintenance window (it ends 2026-11-25T14:00:30Z).
    static let duringDrain = Timestamp.secondsSince1970("2026-11-25T14:00:18Z") ?? 0

    static func demoModel(now: Double = duringDrain, health: SourceHealth = .ok, traffic: TrafficMetrics? = nil) -> MetricsModel {
        let snapshot = DemoBundle.load().snapshot
        let simulation = Simulation(snapshot: snapshot)
        return MetricsModel(snapshot: snapshot, findings: simulation.findings(), health: health, traffic: traffic,
                            idleSeconds: [:], now: now)
    }

    private func value(_ model: MetricsModel, _ name: String, _ labels: [String: String]) -> Double? {
        model[name]?.samples.first { sample in labels.allSatisfy { sample[label: $0.key] == $0.value } }?.value
    }

    @Test func gatewayGroupsCountReadyNotReadyAndDraining() {
        let model = Self.demoModel()
        let dlp = ["namespace": "dlp-service-egw", "gateway": "dlp-service-egw"]
        #expect(value(model, "gatewatch_gateway_pods", dlp.merging(["state": "ready"]) { $1 }) == 2)
        #expect(value(model, "gatewatch_gateway_pods", dlp.merging(["state": "not-ready"]) { $1 }) == 1)
        #expect(value(model, "gatewatch_gateway_draining_pods", dlp) == 1)
        #expect(value(model, "gatewatch_gateway_draining_clients", dlp) == 2)
        #expect(value(model, "gatewatch_gateway_drain_seconds_left", dlp) == 12)
        #expect(value(model, "gatewatch_gateway_pod_ready", ["pod": "dlp-service-egw-6d9f7c8b5-r8vtn"]) == 0)
        #expect(value(model, "gatewatch_gateway_pod_ready", ["pod": "dlp-service-egw-6d9f7c8b5-4xkqz", "zone": "us-east-1a"]) == 1)
        #expect(value(model, "gatewatch_egressgateway_replicas_desired", dlp) == 3)
    }

    @Test func afterTheWindowNothingIsDraining() {
        let model = Self.demoModel(now: Self.duringDrain + 60)
        #expect(value(model, "gatewatch_gateway_draining_pods", ["gateway": "dlp-service-egw"]) == 0)
        #expect(model["gatewatch_gateway_drain_seconds_left"]?.samples.isEmpty == true)
    }

    @Test func poolsReportUtilizationAndFreeAddressesPerZone() {
        let model = Self.demoModel()
        #expect(value(model, "gatewatch_pool_addresses", ["pool": "dlp-use1a", "kind": "capacity"]) == 256)
        #expect(value(model, "gatewatch_pool_addresses", ["pool": "dlp-use1a", "kind": "allocated"]) == 2)
        #expect(value(model, "gatewatch_pool_utilization_ratio", ["pool": "dlp-use1a"]) == 2.0 / 256)
        #expect(value(model, "gatewatch_pool_free_addresses", ["pool": "dlp-use1b", "zone": "us-east-1b", "source": "subnet"]) == 249)
        #expect(value(model, "gatewatch_pool_free_addresses", ["pool": "dlp-use1b", "source": "ipam"]) == 250)
        #expect(value(model, "gatewatch_pool_terminating_pods", ["pool": "dlp-use1a"]) == 1)
        #expect(value(model, "gatewatch_pool_terminating_pods", ["pool": "dlp-use1b"]) == 0)
        #expect(value(model, "gatewatch_pool_replicas_wanted", ["pool": "dlp-use1b"]) == 3)
    }

    @Test func elasticIPsAreCountedByStatusWithIdleHours() {
        let snapshot = DemoBundle.load().snapshot
        var tracker = ElasticIPIdleTracker()
        tracker.observe(snapshot.elasticIPBindings, now: 1000)
        tracker.observe(snapshot.elasticIPBindings, now: 1000 + 7200)
        let model = MetricsModel(snapshot: snapshot, findings: [], health: .ok, idleSeconds: tracker.idleSeconds(now: 1000 + 7200),
                                 now: 1000 + 7200)
        #expect(value(model, "gatewatch_elastic_ips", ["status": "bound"]) == 2)
        #expect(value(model, "gatewatch_elastic_ips", ["status": "idle"]) == 1)
        #expect(value(model, "gatewatch_elastic_ips", ["status": "mismatch"]) == 1)
        #expect(value(model, "gatewatch_elastic_ips", ["status": "not-gateway"]) == 2)
        #expect(value(model, "gatewatch_elastic_ip_idle_seconds", [:]) == 7200)
        #expect(value(model, "gatewatch_elastic_ip_idle_max_seconds", [:]) == 7200)
        // Associated again: the clock stops.
        tracker.observe([], now: 1000 + 9000)
        #expect(tracker.idleSeconds(now: 1000 + 9000).isEmpty)
    }

    @Test func findingsAreCountedForEveryCodeAndSeverity() {
        let model = Self.demoModel()
        let family = model["gatewatch_findings"]
        #expect(family?.samples.count == Finding.Code.allCases.count * Finding.Severity.allCases.count)
        #expect(value(model, "gatewatch_findings", ["code": "grace-period-zero", "severity": "warning"]) == 3)
        #expect(value(model, "gatewatch_findings", ["code": "probe-timeout", "severity": "warning"]) == 1)
        #expect(value(model, "gatewatch_findings", ["code": "missing-policy", "severity": "error"]) == 1)
        #expect(value(model, "gatewatch_findings", ["code": "az-loss-drop", "severity": "warning"]) == 0)
    }

    @Test func sourcesReportHealthAndStaleness() {
        let health = SourceHealth(sources: [
            .init(kind: .kube, phase: .live, lastSuccess: Date(timeIntervalSince1970: Self.duringDrain - 30)),
            .init(kind: .aws, phase: .stale, lastSuccess: Date(timeIntervalSince1970: Self.duringDrain - 600),
                  failure: "connection refused", stale: ["DescribeAddresses"]),
        ])
        let model = Self.demoModel(health: health)
        #expect(value(model, "gatewatch_source_up", ["source": "kube"]) == 1)
        #expect(value(model, "gatewatch_source_up", ["source": "aws"]) == 0)
        #expect(value(model, "gatewatch_source_stale", ["source": "aws"]) == 1)
        #expect(value(model, "gatewatch_source_stale_parts", ["source": "aws"]) == 1)
        #expect(value(model, "gatewatch_source_staleness_seconds", ["source": "aws"]) == 600)
        #expect(value(model, "gatewatch_source_last_success_timestamp_seconds", ["source": "kube"]) == Self.duringDrain - 30)
    }

    @Test func trafficIsExportedOnlyWhenHandedOverAndBounded() {
        #expect(Self.demoModel()["gatewatch_traffic_bytes"] == nil)
        let rows = (0..<(MetricsLimits.maxTrafficNamespaces + 10)).map {
            TrafficMetrics.Row(namespace: "ns-\($0)", bytesOut: UInt64(1000 + $0), bytesIn: 10, denied: 1)
        }
        let model = Self.demoModel(traffic: TrafficMetrics(rows: rows))
        let namespaces = Set(model["gatewatch_traffic_bytes"]?.samples.compactMap { $0[label: "namespace"] } ?? [])
        #expect(namespaces.count == MetricsLimits.maxTrafficNamespaces + 1)
        #expect(namespaces.contains(MetricsLimits.otherLabel))
        #expect(value(model, "gatewatch_traffic_denied", ["namespace": MetricsLimits.otherLabel]) == 10)
        #expect(value(model, "gatewatch_traffic_bytes", ["namespace": "ns-59", "direction": "out"]) == 1059)
    }

    @Test func gatewayGroupsPastTheBoundAreSummedAsOther() {
        var cluster = ClusterState()
        let groups = MetricsLimits.maxGatewayGroups + 5
        cluster.pods = (0..<groups).map { index in
            Pod(metadata: ObjectMeta(name: "gw-\(index)", namespace: "egw", labels: ["projectcalico.org/egw": "g\(index)"]),
                podIP: IPAddress(parsing: "10.1.\(index / 250).\(index % 250 + 1)"))
        }
        cluster.egressGateways = (0..<groups).map { EgressGateway(metadata: ObjectMeta(name: "g\($0)", namespace: "egw")) }
        let snapshot = Snapshot(source: .demo, cluster: cluster, aws: AWSState())
        let model = MetricsModel(snapshot: snapshot, findings: [], health: .ok, now: 0)
        let samples = model["gatewatch_gateway_pods"]?.samples ?? []
        #expect(samples.count == (MetricsLimits.maxGatewayGroups + 1) * 2)
        #expect(samples.first { $0[label: "gateway"] == MetricsLimits.otherLabel && $0[label: "state"] == "ready" }?.value == 5)
    }

    @Test func theTextHasOneHelpAndTypeLinePerFamily() {
        let text = PrometheusText.render(Self.demoModel())
        #expect(text.contains("# TYPE gatewatch_gateway_pods gauge"))
        #expect(text.contains("# HELP gatewatch_findings check findings by code and severity."))
        #expect(text.contains(#"gatewatch_findings{code="grace-period-zero",severity="warning"} 3"#))
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        #expect(types.count == Set(types).count)
    }
}
