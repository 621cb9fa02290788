import Inventory

/// The Policies view: every EgressGatewayPolicy as a group, its rules as rows (destination,
/// description, gateway selection, ready/total gateways, maxNextHops, preference), and who uses it.
internal enum PoliciesTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "#", alignment: .right, priority: 0, maxWidth: 3),
        TableColumn(title: "DESTINATION", priority: 0, maxWidth: 43),
        TableColumn(title: "DESCRIPTION", priority: 1, flexible: true, minWidth: 14, maxWidth: 40),
        TableColumn(title: "GATEWAY SELECTOR", priority: 1, flexible: true, minWidth: 20, maxWidth: 100),
        TableColumn(title: "READY", alignment: .right, priority: 0, maxWidth: 7),
        TableColumn(title: "HOPS", alignment: .right, priority: 1, maxWidth: 5),
        TableColumn(title: "PREFERENCE", priority: 1, maxWidth: 16),
    ]

    /// Builds the table.
    internal static func model(_ snapshot: Snapshot) -> TableModel {
        var groups: [TableGroup] = []
        var rows: [TableRow] = []
        for summary in snapshot.policies {
            let users = summary.usedBy.isEmpty ? "used by nobody" : "used by " + summary.usedBy.joined(separator: ", ")
            let group = groups.count
            groups.append(TableGroup(title: summary.policy.name,
                                     detail: "\(users) (\(Formatting.count(summary.podCount, "pod")))"))
            for rule in summary.rules {
                let selection = rule.rule.gateway
                let ready: String
                var readyRole = ThemeRole.text
                var selectorRole = ThemeRole.text
                if selection == nil {
                    ready = "-"
                    selectorRole = .muted
                } else {
                    ready = "\(rule.readyCount)/\(rule.gateways.count)"
                    readyRole = rule.readyCount == 0 ? .error : rule.readyCount < rule.gateways.count ? .warn : .ok
                }
                if rule.selectorError != nil { selectorRole = .error }
                let hops = selection.map { $0.maxNextHops == 0 ? "all" : String($0.maxNextHops) } ?? "-"
                let selector = selection == nil ? "(no gateway)" : (rule.gatewayText ?? "-")
                rows.append(TableRow(
                    key: "\(summary.policy.name)#\(rule.index)",
                    cells: [.number(Double(rule.index), String(rule.index)),
                            TableCell(rule.cidr.description, sortKey: .address(rule.cidr.address)),
                            .text(rule.rule.description), .text(selector, role: selectorRole),
                            .number(Double(rule.readyCount), ready, role: readyRole),
                            .number(Double(selection?.maxNextHops ?? -1), hops),
                            .text(rule.rule.gatewayPreference.rawValue)],
                    group: group,
                    target: .rule(policy: summary.policy.name, index: rule.index),
                    extraSearch: rule.gateways + [summary.policy.name]))
            }
        }
        return TableModel(columns: columns, rows: rows, groups: groups, emptyText: "No EgressGatewayPolicy in this Snapshot.")
    }
}
