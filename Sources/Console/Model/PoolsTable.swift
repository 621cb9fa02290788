import Inventory

/// The Pools view: every Calico IP pool with its utilization gauge, the VPC subnet behind it and
/// its free addresses, the subnet CIDR reservation, and a sparkline when history exists.
internal enum PoolsTable {
    /// The gauge role for a utilization fraction (the bands of `PoolPressure`).
    internal static func gaugeRole(_ fraction: Double) -> ThemeRole {
        switch PoolPressure(utilization: fraction) {
        case .normal: return .gaugeOK
        case .high: return .gaugeWarn
        case .critical: return .gaugeCritical
        }
    }

    internal static func columns(withTrend: Bool) -> [TableColumn] {
        var columns = [
            TableColumn(title: "NAME", priority: 0, flexible: true, minWidth: 12, maxWidth: 40),
            TableColumn(title: "CIDR", priority: 0, maxWidth: 43),
            TableColumn(title: "AWS SUBNET", priority: 3, maxWidth: 24),
            TableColumn(title: "USED", alignment: .right, priority: 1, maxWidth: 24),
            TableColumn(title: "UTILIZATION", kind: .gauge, priority: 0, fixedWidth: 17),
            TableColumn(title: "SUBNET FREE", alignment: .right, priority: 1, maxWidth: 12),
            TableColumn(title: "RESERVATION", priority: 4, flexible: true, minWidth: 12, maxWidth: 40),
        ]
        if withTrend {
            columns.append(TableColumn(title: "TREND", kind: .sparkline, priority: 2, fixedWidth: 12))
        }
        return columns
    }

    /// Builds the table; `history` maps pool names to utilization samples, oldest first.
    internal static func model(_ snapshot: Snapshot, history: [String: [Double]]) -> TableModel {
        let withTrend = snapshot.pools.contains { (history[$0.pool.name]?.count ?? 0) >= 2 }
        let columns = columns(withTrend: withTrend)
        var rows: [TableRow] = []
        rows.reserveCapacity(snapshot.pools.count)
        for usage in snapshot.pools {
            let pool = usage.pool
            let reservation = usage.subnetReservations.map { $0.cidr.description }.joined(separator: ",")
            var cells: [TableCell] = [
                .text(pool.name), TableCell(pool.cidr.description, sortKey: .address(pool.cidr.address)),
                .text(pool.awsSubnetID, role: pool.awsSubnetID == nil ? .muted : .text),
                .number(Double(usage.allocated), "\(usage.allocated)/\(usage.exactCapacity)"),
                .number(usage.utilization, Formatting.percent(usage.utilization)),
                TableCell(usage.subnetAvailable.map(String.init) ?? "-",
                          role: usage.subnetUtilization.map(subnetRole) ?? .text,
                          sortKey: usage.subnetAvailable.map { .number(Double($0)) } ?? .none),
                .text(reservation.isEmpty ? nil : reservation),
            ]
            let samples = history[pool.name] ?? []
            if withTrend {
                cells.append(TableCell(samples.last.map(Formatting.percent) ?? "-",
                                       sortKey: samples.last.map { .number($0) } ?? .none))
            }
            rows.append(TableRow(
                key: pool.name, cells: cells, target: .pool(pool.name),
                gauge: usage.utilization, history: samples,
                extraSearch: usage.gateways + [pool.isAWSBacked ? "aws" : ""]))
        }
        return withCapacity(TableModel(columns: columns, rows: rows, emptyText: "No IP pools in this Snapshot."), snapshot)
    }

    /// The role of the subnet-free cell: by how full the subnet is.
    internal static func subnetRole(_ fraction: Double) -> ThemeRole {
        switch PoolPressure(utilization: fraction) {
        case .normal: return .text
        case .high: return .warn
        case .critical: return .error
        }
    }
}
