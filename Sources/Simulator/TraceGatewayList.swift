/// The gateways a traced packet can take, in ECMP order: a view over the prepared candidates the
/// trace chose (shared with the prepared Snapshot), so a trace holds one reference rather than a
/// copy of every gateway's names.
public struct TraceGatewayList: RandomAccessCollection, Hashable, Sendable {
    private let candidates: [GatewayCandidate]

    /// No gateways.
    public init() { candidates = [] }

    init(_ candidates: [GatewayCandidate]) { self.candidates = candidates }

    /// The first position, 0.
    public var startIndex: Int { 0 }
    /// One past the last gateway.
    public var endIndex: Int { candidates.count }
    /// The gateway at `position`.
    public subscript(position: Int) -> TraceGateway { candidates[position].trace }

    /// Equal when they list the same gateways in the same order.
    public static func == (lhs: TraceGatewayList, rhs: TraceGatewayList) -> Bool { lhs.elementsEqual(rhs) }

    /// Hashes every gateway.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for gateway in self { hasher.combine(gateway) }
    }
}
