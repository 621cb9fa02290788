import Inventory

/// The Elastic IPs view: every address, where it is associated, the gateway it serves and its
/// status; idle addresses (billed, serving nothing) are highlighted.
internal enum ElasticIPsTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "ALLOCATION", priority: 3, maxWidth: 26),
        TableColumn(title: "PUBLIC IP", priority: 0, maxWidth: 39),
        TableColumn(title: "PRIVATE IP", priority: 1, maxWidth: 39),
        TableColumn(title: "ENI", priority: 4, maxWidth: 21),
        TableColumn(title: "INSTANCE", priority: 5, maxWidth: 19),
        TableColumn(title: "GATEWAY", priority: 0, flexible: true, minWidth: 16, maxWidth: 70),
        TableColumn(title: "STATUS", priority: 0, maxWidth: 11),
    ]

    /// The role of a status cell.
    internal static func statusRole(_ status: ElasticIPBinding.Status) -> ThemeRole {
        switch status {
        case .bound: return .ok
        case .mismatch: return .error
        case .notGateway: return .muted
        case .idle: return .idle
        }
    }

    /// Builds the table.
    internal static func model(_ snapshot: Snapshot) -> TableModel {
        var rows: [TableRow] = []
        rows.reserveCapacity(snapshot.elasticIPBindings.count)
        for binding in snapshot.elasticIPBindings {
            let eip = binding.elasticIP
            rows.append(TableRow(
                key: eip.publicIP.description,
                cells: [.text(eip.allocationID), .address(eip.publicIP), .address(eip.privateIPAddress),
                        .text(eip.networkInterfaceID), .text(eip.instanceID), .text(binding.gateway),
                        .text(binding.status.rawValue, role: statusRole(binding.status))],
                rowRole: binding.status == .idle ? .idle : nil,
                target: .elasticIP(eip.publicIP.description),
                extraSearch: [binding.reason]))
        }
        return TableModel(columns: columns, rows: rows, emptyText: "No Elastic IPs in this Snapshot.")
    }
}
