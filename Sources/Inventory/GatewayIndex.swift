/// The Snapshot's egress gateways by `namespace/name`: positions into `Snapshot.gateways`, so the
/// records (each holding its pod) are not held twice.
public struct GatewayIndex: Sendable {
    private let gateways: [EgressGatewayRecord]
    private let positions: [String: Int32]

    init(_ gateways: [EgressGatewayRecord]) {
        self.gateways = gateways
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(gateways.count)
        // The first record of a repeated name wins, as the dictionary this index replaced kept it.
        for (position, gateway) in gateways.enumerated() where positions[gateway.qualifiedName] == nil {
            positions[gateway.qualifiedName] = Int32(position)
        }
        self.positions = positions
    }

    /// The gateway named `namespace/name`.
    public subscript(_ qualifiedName: String) -> EgressGatewayRecord? {
        positions[qualifiedName].map { gateways[Int($0)] }
    }

    /// True when `qualifiedName` names a gateway.
    public func contains(_ qualifiedName: String) -> Bool {
        positions[qualifiedName] != nil
    }

    /// The gateways' names, in no particular order.
    public var keys: Dictionary<String, Int32>.Keys { positions.keys }

    /// How many distinct gateway names there are.
    public var count: Int { positions.count }

    /// True when there is no gateway.
    public var isEmpty: Bool { positions.isEmpty }
}
