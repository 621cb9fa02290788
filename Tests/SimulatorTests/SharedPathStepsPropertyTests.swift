import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// The ECMP paths of one decision share the steps up to the transit gateway
/// (`PathDecision.Steps`) when their sources have equal keys: over the random worlds of the trace
/// corpus, every path of every decision reads exactly as the same path followed alone (a fresh
/// memo, nothing shared), phase by phase, with the same public address and verdict; and two
/// paths are said to read alike in a column exactly when their notes are equal.
@Suite("Shared path steps: a shared path reads as the path followed alone")
struct SharedPathStepsPropertyTests {
    @Test func everyPathReadsAsWhenFollowedAlone() throws {
        var paths = 0, shared = 0, alike = 0
        try TraceCorpusGoldenTests.forEachQuery(worlds: 8, seed: 57) { tracer, pod, probe, query in
            let decided = try tracer.decide(query).paths
            for (index, path) in decided.enumerated() {
                var fresh = Tracer.PathMemo()
                let alone = tracer.follow(path.source, query: query, memo: &fresh)
                #expect(path.verdict == alone.verdict)
                #expect(path.publicIP == alone.publicIP)
                for column in DescribedTrace.Column.allCases {
                    let left: TracePhase = withUnsafePointer(to: path) {
                        Tracer.pathPhase(column, of: $0, destination: query.destination, packet: TracePacket(query))
                    }
                    let right: TracePhase = withUnsafePointer(to: alone) {
                        Tracer.pathPhase(column, of: $0, destination: query.destination, packet: TracePacket(query))
                    }
                    #expect(left == right, "\(pod.namespace)/\(pod.name) → \(probe), path \(index), \(column)")
                }
                paths += 1
                if index > 0, decided[0].steps === path.steps { shared += 1 }
            }
            // Whether two paths read alike in a column is decided without building the
            // notes where the paths share what settles it: always as building them would.
            decided.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for index in buffer.indices.dropFirst() {
                    for column in DescribedTrace.Column.allCases {
                        let packet = TracePacket(query)
                        let left: TracePhase = Tracer.pathPhase(column, of: base, destination: query.destination, packet: packet)
                        let right: TracePhase = Tracer.pathPhase(column, of: base + index, destination: query.destination,
                                                                 packet: packet)
                        let same = Tracer.sameNote(column, base, base + index, destination: query.destination, packet: packet)
                        #expect(same == (left.note == right.note), "\(pod.namespace)/\(pod.name) → \(probe), path \(index), \(column)")
                        if same { alike += 1 }
                    }
                }
            }
        }
        #expect(paths > 300)
        // The worlds have ECMP gateways in one subnet: sharing is exercised.
        #expect(shared > 20)
        #expect(alike > 100)
    }

    /// Sources that differ in anything the shared steps read have different keys.
    @Test func keysDifferWhereTheStepsCould() {
        // Two tables alike in every field but identity.
        let table = PreparedRouteTable(RouteTable(routeTableID: "rtb-1", vpcID: "vpc-1"), firewallByTarget: [:],
                                       natGatewayAddresses: [:])
        let other = PreparedRouteTable(RouteTable(routeTableID: "rtb-1", vpcID: "vpc-1"), firewallByTarget: [:],
                                       natGatewayAddresses: [:])
        func key(_ ip: String?, _ subnet: String?, _ table: PreparedRouteTable?) -> PathDecision.Steps.Key {
            PathDecision.Steps.Key(sourceIP: ip.map { address($0) }, subnet: subnet, securityGroups: .notRead,
                                   networkAcl: .notRead, routeTable: table)
        }
        let base = key("10.0.0.1", "subnet-a", table)
        #expect(base == key("10.0.0.2", "subnet-a", table))
        #expect(base != key("2001:db8::1", "subnet-a", table))
        #expect(base != key(nil, "subnet-a", table))
        #expect(base != key("10.0.0.1", "subnet-b", table))
        #expect(base != key("10.0.0.1", nil, table))
        #expect(base != key("10.0.0.1", "subnet-a", other))
        #expect(base != key("10.0.0.1", "subnet-a", nil))
        let unknown = PathDecision.Steps.Key(sourceIP: address("10.0.0.1"), subnet: "subnet-a", securityGroups: .unknown,
                                             networkAcl: .notRead, routeTable: table)
        #expect(base != unknown)
    }
}

private func address(_ text: String) -> IPAddress { ip(text) }
