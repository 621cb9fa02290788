import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// A described trace keeps its decision and each phase's outline (name, outcome, code) and builds
/// notes when they are read. Over random worlds: every outline is what reading the phase gives;
/// a per-path phase is shared exactly when every path's own phase reads the same, and merged
/// (its outcome and code as `Tracer.merge` gives them) otherwise; a path's drop code is that of
/// its first failing phase; phases and paths read from the decision equal the same values held as
/// plain arrays.
@Suite("Described traces: outlines, shared and merged phases, paths read from the decision")
struct DescribedTracePropertyTests {
    private static let columns: [TracePhaseName: DescribedTrace.Column] = [
        .source: .source, .securityGroup: .securityGroup, .networkAcl: .networkAcl, .vpcRoute: .route,
        .transitGateway: .transitGateway, .firewall: .firewall,
    ]

    @Test func outlinesAndMergesAgreeWithThePhasesOfEveryPath() throws {
        var traced = 0, merged = 0, shared = 0, dropped = 0
        try TraceCorpusGoldenTests.forEachQuery(worlds: 10, seed: 77) { tracer, _, _, query in
            let result = try tracer.trace(query)
            let paths = try tracer.decide(query).paths
            let packet = TracePacket(query)
            traced += 1

            for index in result.phases.indices {
                let phase = result.phases[index]
                let outline = result.phases.outline(at: index)
                #expect(outline == PhaseOutline(name: phase.name, outcome: phase.outcome, code: phase.code),
                        "\(phase.name.rawValue): \(phase.reason)")
                guard let column = Self.columns[phase.name], !paths.isEmpty else { continue }
                let own: [TracePhase] = paths.withUnsafeBufferPointer { buffer in
                    (0..<buffer.count).map {
                        Tracer.pathPhase(column, of: buffer.baseAddress! + $0, destination: query.destination,
                                         packet: packet)
                    }
                }
                if own.allSatisfy({ $0.note == own[0].note }) {
                    #expect(phase == own[0])
                    if own.count > 1 { shared += 1 }
                } else {
                    guard case .perPath(let notes) = phase.note else {
                        Issue.record("\(phase.name.rawValue) differs between paths but is not merged")
                        continue
                    }
                    #expect(notes.map(\.note) == own.map(\.note))
                    let reference = Tracer.merge(column, of: paths, destination: query.destination, packet: packet)
                    #expect(phase == reference)
                    merged += 1
                }
            }

            for (index, path) in result.paths.enumerated() where path.verdict == .drop {
                let aws: [DescribedTrace.Column] = [.securityGroup, .networkAcl, .route]
                    + (paths[index].leadsToTransitGateway ? [.transitGateway] : [])
                let failing = paths.withUnsafeBufferPointer { buffer in
                    aws.lazy.map { column -> TracePhase in
                        Tracer.pathPhase(column, of: buffer.baseAddress! + index, destination: query.destination,
                                         packet: packet)
                    }.first { $0.outcome == .fail }
                }
                #expect(path.dropCode == failing?.code)
                dropped += 1
            }

            #expect(TracePhaseList(Array(result.phases)) == result.phases)
            #expect(TracePhaseList(Array(result.phases)).hashValue == result.phases.hashValue)
            #expect(TracePathList(Array(result.paths)) == result.paths)
            #expect(TracePathList(Array(result.paths)).hashValue == result.paths.hashValue)
        }
        #expect(traced > 300)
        #expect(merged > 10)
        #expect(shared > 10)
        #expect(dropped > 10)
    }
}
