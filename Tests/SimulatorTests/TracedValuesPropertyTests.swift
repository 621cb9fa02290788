import Inventory
import LPM
@testable import Simulator
import Testing
import TestSupport

/// The small values a described trace now holds instead of text and copies: the packet as
/// numbers (`TracePacket`), the ECMP gateways as a view over the prepared candidates
/// (`TraceGatewayList`), and paths that read their route, firewall, security group, network ACL
/// and transit gateway from the decision when asked.
@Suite("Described traces: packets, gateway lists and paths as small values")
struct TracedValuesPropertyTests {
    /// The packet's name as the notes wrote it before it was kept as numbers.
    private static func reference(_ query: TraceQuery) -> String {
        switch query.ipProtocol {
        case 6: return query.destinationPort.map { "tcp/\($0)" } ?? "tcp"
        case 17: return query.destinationPort.map { "udp/\($0)" } ?? "udp"
        case 1, 58:
            let name = query.ipProtocol == 1 ? "icmp" : "icmpv6"
            guard let type = query.icmpType else { return name }
            return "\(name) type \(type)" + (query.icmpCode.map { " code \($0)" } ?? "")
        default: return "protocol \(query.ipProtocol)"
        }
    }

    private static func randomQuery(_ rng: inout SplitMix64) -> TraceQuery {
        let protocols: [UInt8] = [1, 6, 17, 58, 47, 50, 0, 255]
        return TraceQuery(sender: .pod(namespace: "a", name: "b"), destination: ip("192.0.2.1"),
                          destinationPort: rng.below(3) == 0 ? nil : UInt16(rng.below(4) == 0 ? 65535 : rng.below(1024)),
                          ipProtocol: protocols[rng.below(protocols.count)],
                          icmpType: rng.below(3) == 0 ? nil : UInt8(rng.below(256)),
                          icmpCode: rng.below(3) == 0 ? nil : UInt8(rng.below(4)))
    }

    @Test func aPacketReadsAsItsQueryDidAndIsEqualExactlyWhenItReadsTheSame() {
        var rng = SplitMix64(seed: 41)
        var distinct = 0
        for _ in 0..<3_000 {
            let a = Self.randomQuery(&rng), b = Self.randomQuery(&rng)
            #expect(TracePacket(a).description == Self.reference(a))
            #expect(Tracer.packet(a) == Self.reference(a))
            let sameText = Self.reference(a) == Self.reference(b)
            #expect((TracePacket(a) == TracePacket(b)) == sameText, "\(Self.reference(a)) vs \(Self.reference(b))")
            if !sameText { distinct += 1 }
        }
        #expect(distinct > 1_000)
    }

    /// Over random worlds: the gateway list shows the gateways the GATEWAY phase lists; a trace's
    /// paths are equal (and hash alike) to the paths of the same trace made again; a dropped
    /// single path's code is that of its first failing phase.
    @Test func gatewayListsAndPathsAgreeWithThePhasesTheyCameWith() throws {
        var ecmp = 0, dropped = 0, compared = 0
        try TraceCorpusGoldenTests.forEachQuery(worlds: 8, seed: 23) { tracer, _, _, query in
            let result = try tracer.trace(query)
            let again = try tracer.trace(query)
            #expect(result == again)
            #expect(result.paths.map(\.hashValue) == again.paths.map(\.hashValue))
            compared += 1

            // A policy named but missing ends the trace before GATEWAY.
            if let gatewayPhase = result.phases.first(where: { $0.name == .gateway }),
               gatewayPhase.outcome != .fail, gatewayPhase.outcome != .skip {
                #expect(gatewayPhase.details == result.gateways.map {
                    "\($0.namespace)/\($0.name) \($0.ip?.description ?? "-") on \($0.node ?? "-")"
                })
                #expect(Array(result.gateways) == result.paths.compactMap(\.gateway))
                if result.gateways.count > 1 { ecmp += 1 }
            } else {
                #expect(result.gateways.isEmpty)
            }

            if result.paths.count == 1, let path = result.paths.first, path.verdict == .drop {
                let aws: [TracePhaseName] = [.securityGroup, .networkAcl, .vpcRoute, .transitGateway]
                let failing = result.phases.first { aws.contains($0.name) && $0.outcome == .fail }
                #expect(path.dropCode == failing?.code)
                dropped += 1
            }
        }
        #expect(compared > 300)
        #expect(ecmp > 10)
        #expect(dropped > 10)
    }
}
