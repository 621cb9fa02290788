import Inventory

extension PoolsTable {
    /// The Capacity columns of the Pools view, after the pool's own: for each AWS-backed pool (one
    /// subnet, one zone) its ZONE, FREE (what a new replica can get: IPAM free, capped by the
    /// subnet's free count; red when the replicas still wanted do not fit) and GATEWAYS (running of
    /// wanted by the EgressGateways naming it, and the terminating pods still holding addresses).
    /// The nodes' address room is on the pool's page (`PoolCapacityDetail`).
    internal static let capacityColumns: [TableColumn] = [
        TableColumn(title: "ZONE", priority: 5, maxWidth: 16),
        TableColumn(title: "FREE", alignment: .right, priority: 3, maxWidth: 12),
        TableColumn(title: "GATEWAYS", priority: 4, flexible: true, minWidth: 8, maxWidth: 24),
    ]

    /// `model` with the Capacity columns filled in for every row.
    internal static func withCapacity(_ model: TableModel, _ snapshot: Snapshot) -> TableModel {
        let report = Dictionary(snapshot.capacity.pools.map { ($0.pool, $0) }, uniquingKeysWith: { first, _ in first })
        // The sparkline, when present, stays last.
        let trendAt = model.columns.firstIndex { $0.kind == .sparkline } ?? model.columns.count
        var columns = model.columns
        columns.insert(contentsOf: capacityColumns, at: trendAt)
        let rows = model.rows.map { row -> TableRow in
            var copy = row
            let cells: [TableCell]
            if let capacity = report[row.key] {
                let short = capacity.free < UInt64(capacity.missingReplicas)
                let terminating = capacity.terminatingPods.isEmpty ? "" : " +\(capacity.terminatingPods.count) term."
                cells = [
                    .text(capacity.zone),
                    .number(Double(capacity.free), String(capacity.free), role: short ? .error : .text),
                    .number(Double(capacity.running), "\(capacity.running)/\(capacity.replicasWanted)\(terminating)",
                            role: capacity.terminatingPods.isEmpty ? .text : .warn),
                ]
            } else {
                cells = [.text(nil, role: .muted), .text(nil, role: .muted), .text(nil, role: .muted)]
            }
            copy.cells.insert(contentsOf: cells, at: min(trendAt, copy.cells.count))
            return copy
        }
        return TableModel(columns: columns, rows: rows, groups: model.groups, hasLabels: model.hasLabels,
                          emptyText: model.emptyText)
    }
}
