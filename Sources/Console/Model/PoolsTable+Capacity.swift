import Inventory

extension PoolsTable {
    /// `model` with the Capacity section added when there is something to show: the pools as one
    /// group, then each AWS-backed pool's zone (free addresses per IPAM and subnet, replicas wanted,
    /// terminating pods still holding addresses), then each node's AWS-backed address room.
    /// Capacity rows use the pool columns as: NAME, CIDR → zone, AWS SUBNET → subnet or instance
    /// type, USED → running/wanted or used/capacity, UTILIZATION → how much of the room is taken,
    /// SUBNET FREE → free now, RESERVATION → who wants it or where the figure comes from.
    internal static func withCapacity(_ model: TableModel, _ snapshot: Snapshot) -> TableModel {
        let report = snapshot.capacity
        guard !report.pools.isEmpty || !report.nodes.isEmpty else { return model }
        let width = model.columns.count
        func padded(_ cells: [TableCell]) -> [TableCell] {
            Array((cells + Array(repeating: TableCell.text(nil, role: .muted), count: max(0, width - cells.count))).prefix(width))
        }
        var groups = [TableGroup(title: "IP pools", detail: Formatting.count(model.rows.count, "pool"))]
        var rows = model.rows.map { row -> TableRow in
            var copy = row
            copy.group = 0
            return copy
        }
        if !report.pools.isEmpty {
            let group = groups.count
            groups.append(TableGroup(title: "Capacity · AWS-backed pools by zone",
                                     detail: "free = IPAM free, capped by the subnet; terminating pods still hold addresses"))
            for row in report.pools {
                let free = row.free
                let taken = row.replicasWanted == 0 ? 0.0 : min(1, Double(row.running) / Double(row.replicasWanted))
                let short = free < UInt64(row.missingReplicas)
                let terminating = row.terminatingPods.isEmpty ? "" : ", \(row.terminatingPods.count) terminating"
                rows.append(TableRow(
                    key: "capacity/pool/\(row.pool)",
                    cells: padded([
                        .text(row.pool), .text(row.zone), .text(row.subnetID),
                        .number(Double(row.running), "\(row.running)/\(row.replicasWanted) wanted\(terminating)",
                                role: row.terminatingPods.isEmpty ? .text : .warn),
                        .number(taken, Formatting.percent(taken)),
                        .number(Double(free), "\(free)", role: short ? .error : .text),
                        .text(row.wantedBy.isEmpty ? nil : row.wantedBy.joined(separator: ",")),
                    ]),
                    group: group, target: .pool(row.pool), gauge: taken,
                    extraSearch: row.terminatingPods + ["capacity"]))
            }
        }
        if !report.nodes.isEmpty {
            let group = groups.count
            groups.append(TableGroup(title: "Capacity · node address room",
                                     detail: "awsSecondaryIPSupport \(report.secondaryIPSupport.rawValue)"))
            for node in report.nodes {
                let fill = node.capacity.map { $0 == 0 ? 1 : min(1, Double(node.used) / Double($0)) }
                let over = (node.free ?? 0) < 0
                rows.append(TableRow(
                    key: "capacity/node/\(node.node)",
                    cells: padded([
                        .text(node.node), .text(node.zone), .text(node.instanceType),
                        .number(Double(node.used), "\(node.used)/\(node.capacity.map(String.init) ?? "?") used",
                                role: over ? .error : .text),
                        .number(fill ?? 0, fill.map(Formatting.percent) ?? "-"),
                        .number(Double(node.free ?? 0), node.free.map(String.init) ?? "-", role: over ? .error : .text),
                        .text(node.source == .instanceType
                              ? "\(node.eniSlots ?? 0) ENIs × \(node.ipv4PerInterface ?? 0) IPs"
                              : node.source.rawValue),
                    ]),
                    group: group, gauge: fill, extraSearch: ["capacity", "node"]))
            }
        }
        return TableModel(columns: model.columns, rows: rows, groups: groups, hasLabels: model.hasLabels,
                          emptyText: model.emptyText)
    }
}
