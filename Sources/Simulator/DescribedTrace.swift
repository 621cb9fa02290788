import LPM

/// What a described trace keeps for its phases, in one allocation: the decision (references into
/// the prepared Snapshot), the packet as numbers, and one outline per phase (name, outcome, code,
/// and where its note comes from). A phase's note is built from the decision when it is read.
/// Appended to only while its trace is described; read-only afterwards.
final class DescribedTrace: ManagedBuffer<DescribedTrace.Header, DescribedTrace.Entry> {
    /// The most phases a trace has: POD through FIREWALL and RESULT.
    static let capacity = TracePhaseName.allCases.count

    /// The per-path phases, in the order a trace shows them.
    enum Column: Int, CaseIterable, Sendable {
        case source, securityGroup, networkAcl, route, transitGateway, firewall
    }

    /// Where a phase's note comes from.
    enum Source: Hashable, Sendable {
        case pod
        case egress
        case gateway
        /// GATEWAY skipped: the packet bypasses the gateways.
        case noGateway
        /// The phase of one path (the only one, or one every path shares).
        case path(Column, Int)
        /// The column's phases of every path, which differ.
        case merged(Column)
        /// RESULT; `lostAt` is the phase (EGRESS-POLICY or GATEWAY) that lost the packet.
        case result(lostAt: Int?)
    }

    /// One phase: its outline and where its note comes from.
    struct Entry: Sendable {
        let outline: PhaseOutline
        let source: Source
    }

    /// The decision and the packet the notes are built from.
    struct Header {
        let context: SimulationContext
        /// The decision, its paths moved to `paths`.
        let decision: TraceDecision
        /// Every path, first one first.
        let paths: [PathDecision]
        let destination: IPAddress
        let packet: TracePacket
        var count = 0
    }

    /// The phases are deinitialized here (a `ManagedBuffer` leaves its elements to its subclass).
    deinit {
        _ = withUnsafeMutablePointers { header, entries in entries.deinitialize(count: header.pointee.count) }
    }

    /// Storage for up to `capacity` phases of the trace `header` holds.
    static func make(_ header: Header) -> DescribedTrace {
        unsafeDowncast(create(minimumCapacity: capacity) { _ in header }, to: DescribedTrace.self)
    }

    /// Appends a phase; at most `capacity`.
    func append(_ outline: PhaseOutline, _ source: Source) {
        withUnsafeMutablePointers { header, entries in
            precondition(header.pointee.count < Self.capacity, "a trace has at most \(Self.capacity) phases")
            (entries + header.pointee.count).initialize(to: Entry(outline: outline, source: source))
            header.pointee.count += 1
        }
    }

    /// How many phases.
    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// What `body` reads from the decision the trace describes.
    func decision<Value>(_ body: (TraceDecision) -> Value) -> Value {
        withUnsafeMutablePointerToHeader { body($0.pointee.decision) }
    }

    /// How many paths.
    var pathCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.paths.count } }

    /// Path `index`, with the code of the phase that dropped it.
    func path(at index: Int) -> TracePath {
        withUnsafeMutablePointerToHeader { header in
            let paths = header.pointee.paths
            var path = TracePath(paths[index], index, of: paths)
            if path.verdict == .drop {
                path.dropCode = paths.withUnsafeBufferPointer { buffer in
                    Tracer.dropCode(buffer.baseAddress! + index, destination: header.pointee.destination,
                                    packet: header.pointee.packet)
                }
            }
            return path
        }
    }

    /// The outline of phase `index`.
    func outline(at index: Int) -> PhaseOutline { entry(at: index).outline }

    private func entry(at index: Int) -> Entry {
        withUnsafeMutablePointers { header, entries in
            precondition(index >= 0 && index < header.pointee.count, "phase index out of range")
            return entries[index]
        }
    }

    /// Phase `index`, its note built from the decision.
    func phase(at index: Int) -> TracePhase {
        let source = entry(at: index).source
        return withUnsafeMutablePointerToHeader { pointer in
            let header = pointer.pointee
            let decision = header.decision
            switch source {
            case .pod:
                return decision.sender.phase
            case .egress:
                return Tracer.egressPhase(decision.egress, context: header.context, destination: header.destination,
                                          senderNamespace: decision.sender.namespace)
            case .gateway:
                guard let gateway = decision.gateway, let selection = decision.egress.selection else {
                    preconditionFailure("a GATEWAY phase without a gateway step")
                }
                return Tracer.gatewayPhase(gateway, selection: selection,
                                           dropped: decision.egress.ruleDestination)
            case .noGateway:
                return TracePhase(.gateway, .skip, .noGatewayOnPath)
            case .path(let column, let path):
                precondition(path >= 0 && path < header.paths.count, "path index out of range")
                return header.paths.withUnsafeBufferPointer { paths in
                    Tracer.pathPhase(column, of: paths.baseAddress! + path, destination: header.destination,
                                     packet: header.packet)
                }
            case .merged(let column):
                return Tracer.merge(column, of: header.paths, destination: header.destination, packet: header.packet)
            case .result(let lostAt):
                let summary = lostAt.map { TraceNote.VerdictSummary.lostAt(phase(at: $0).note) }
                    ?? Tracer.summary(header.paths, verdict: decision.verdict)
                return TracePhase(.result, decision.verdict == .allow ? .ok : .fail,
                                  .verdict(decision.verdict, summary: summary))
            }
        }
    }
}
