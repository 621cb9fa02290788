import Inventory
import LPM
import Testing
import TestSupport

/// The capacity report counts each pool's gateways, terminating pods and wanting EgressGateways in
/// one pass over the pods and one over the EgressGateways; on random clusters (pools sharing and
/// nesting CIDRs, EgressGateways naming pools by name or CIDR, twice or not at all) it equals the
/// straightforward count of every pool against every pod and every EgressGateway.
@Suite struct CapacityReportPropertyTests {
    private static let cidrs = ["10.0.0.0/24", "10.0.0.0/25", "10.0.0.128/26", "10.0.1.0/24", "10.0.0.0/16"]

    private func randomSnapshot(_ rng: inout SplitMix64) throws -> Snapshot {
        var pools: [IPPool] = []
        for index in 0..<Int.random(in: 1...5, using: &rng) {
            let cidr = try IPPrefix(Self.cidrs.randomElement(using: &rng) ?? "10.0.0.0/24")
            pools.append(IPPool(name: "pool-\(index)", cidr: cidr,
                                awsSubnetID: Bool.random(using: &rng) || index == 0 ? "subnet-\(index)" : nil))
        }
        var gateways: [EgressGateway] = []
        for index in 0..<Int.random(in: 0...4, using: &rng) {
            var references: [String] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                guard let pool = pools.randomElement(using: &rng) else { continue }
                references.append(Bool.random(using: &rng) ? pool.name : pool.cidr.description)
            }
            gateways.append(EgressGateway(metadata: ObjectMeta(name: "egw-\(index)", namespace: "egw"),
                                          replicas: Int.random(in: 1...3, using: &rng), ipPools: references))
        }
        var pods: [Pod] = []
        for index in 0..<Int.random(in: 0...40, using: &rng) {
            var labels: [String: String] = [:]
            if let gateway = gateways.randomElement(using: &rng), Bool.random(using: &rng) {
                labels["projectcalico.org/egw"] = gateway.metadata.name
            }
            let deleting = Int.random(in: 0..<5, using: &rng) == 0 ? "2026-12-07T10:00:00Z" : nil
            let address = IPAddress.v4(IPv4Address(0x0A00_0000 | UInt32.random(in: 0..<512, using: &rng)))
            pods.append(Pod(metadata: ObjectMeta(name: "pod-\(index)", namespace: "egw", labels: labels,
                                                 deletionTimestamp: deleting),
                            nodeName: "node-\(index % 3)",
                            phase: Int.random(in: 0..<8, using: &rng) == 0 ? "Succeeded" : "Running",
                            podIP: Int.random(in: 0..<10, using: &rng) == 0 ? nil : address,
                            hostNetwork: Int.random(in: 0..<10, using: &rng) == 0))
        }
        return Snapshot(source: .demo, cluster: ClusterState(pods: pods, ipPools: pools, egressGateways: gateways),
                        aws: AWSState())
    }

    /// What the test compares of a pool's row.
    private struct Row: Equatable {
        var pool: String
        var replicasWanted: Int
        var wantedBy: [String]
        var running = 0
        var terminatingPods: [String] = []
    }

    /// Every pool against every pod and every EgressGateway.
    private func straightforwardRows(_ snapshot: Snapshot) -> [Row] {
        snapshot.cluster.ipPools.filter(\.isAWSBacked).sorted { $0.name < $1.name }.compactMap { pool in
            guard pool.awsSubnetID != nil else { return nil }
            let wanting = snapshot.cluster.egressGateways.filter { gateway in
                gateway.ipPools.contains { $0 == pool.name || $0 == pool.cidr.description }
            }
            var row = Row(pool: pool.name, replicasWanted: wanting.reduce(0) { $0 + $1.replicas },
                          wantedBy: wanting.map(\.metadata.qualifiedName).sorted())
            for pod in snapshot.cluster.pods where !pod.isFinished {
                guard let ip = pod.podIP, pool.cidr.contains(ip) else { continue }
                if pod.metadata.deletionTimestamp != nil {
                    row.terminatingPods.append(pod.qualifiedName)
                } else if snapshot.gatewaysByQualifiedName[pod.qualifiedName] != nil {
                    row.running += 1
                }
            }
            row.terminatingPods.sort()
            return row
        }
    }

    @Test func poolRowsEqualTheStraightforwardCountOnRandomClusters() throws {
        var rng = SplitMix64(seed: 0xCAFA)
        var gatewaysSeen = 0
        for _ in 0..<200 {
            let snapshot = try randomSnapshot(&rng)
            let rows = snapshot.capacity.pools.map {
                Row(pool: $0.pool, replicasWanted: $0.replicasWanted, wantedBy: $0.wantedBy, running: $0.running,
                    terminatingPods: $0.terminatingPods)
            }
            #expect(rows == straightforwardRows(snapshot))
            gatewaysSeen += rows.reduce(0) { $0 + $1.running }
        }
        #expect(gatewaysSeen > 0, "the random clusters must have running gateways for the test to mean anything")
    }
}
