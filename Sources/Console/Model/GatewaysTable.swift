import Inventory
import LPM

/// The Gateways view: every egress gateway pod, grouped by its deployment (the operator
/// EgressGateway or Deployment that owns it) within its namespace.
internal enum GatewaysTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "NAMESPACE", priority: 5, flexible: true, minWidth: 10, maxWidth: 30),
        TableColumn(title: "NAME", priority: 0, flexible: true, minWidth: 24, maxWidth: 63),
        TableColumn(title: "IP", priority: 0, maxWidth: 39),
        TableColumn(title: "NODE", priority: 4, flexible: true, minWidth: 12, maxWidth: 40),
        TableColumn(title: "ZONE", priority: 3, maxWidth: 16),
        TableColumn(title: "READY", priority: 0, maxWidth: 6),
        TableColumn(title: "POOL", priority: 2, flexible: true, minWidth: 10, maxWidth: 30),
        TableColumn(title: "ENI", priority: 6, maxWidth: 21),
        TableColumn(title: "ELASTIC IP", priority: 1, maxWidth: 39),
        TableColumn(title: "AGE", kind: .age, alignment: .right, priority: 3, maxWidth: 5),
        TableColumn(title: "REASON", priority: 5, flexible: true, minWidth: 8, maxWidth: 30),
        TableColumn(title: "OPERATOR", priority: 7, flexible: true, minWidth: 8, maxWidth: 40),
        TableColumn(title: "PROBES", priority: 8, flexible: true, minWidth: 10, maxWidth: 60),
        TableColumn(title: "DRAIN", kind: .countdown, priority: 5, flexible: true, minWidth: 10, maxWidth: 34),
    ]

    /// Builds the table; `now` (seconds since 1970) gives the ages the filter searches and sorts
    /// by (the AGE column counts up as frames are drawn). The rows depend on the Snapshot's
    /// gateways and drains only (`reusable(from:for:)`).
    internal static func model(_ snapshot: Snapshot, now: Double) -> TableModel {
        // Positions, not copies: a record holds its pod, and 10,000 copies would double the table's
        // memory while it is built.
        let gateways = snapshot.gateways
        let keys = gateways.map(groupKey)
        let ordered = gateways.indices.sorted { lhs, rhs in
            keys[lhs] != keys[rhs] ? keys[lhs] < keys[rhs] : gateways[lhs].name < gateways[rhs].name
        }
        var groups: [TableGroup] = []
        var groupIndex: [String: Int] = [:]
        var members: [String: (total: Int, ready: Int)] = [:]
        for position in ordered {
            let gateway = gateways[position]
            let key = keys[position]
            var count = members[key] ?? (0, 0)
            count.total += 1
            if gateway.ready { count.ready += 1 }
            members[key] = count
        }
        // Open windows, and ended ones whose gateway pod is still there (its deletion is late).
        let drains = Dictionary(snapshot.gatewayDrains.filter { $0.isActive(now: now) || $0.gateway != nil }
                                    .map { ($0.gatewayIP, $0) },
                                uniquingKeysWith: { first, _ in first })
        var rows: [TableRow] = []
        rows.reserveCapacity(ordered.count)
        for position in ordered {
            let gateway = gateways[position]
            let key = keys[position]
            let group: Int
            if let existing = groupIndex[key] {
                group = existing
            } else {
                let count = members[key] ?? (0, 0)
                group = groups.count
                groupIndex[key] = group
                groups.append(TableGroup(
                    title: "\(gateway.namespace) / \(gateway.deployment ?? "(no deployment)")",
                    detail: "\(Formatting.count(count.total, "pod")), \(count.ready) ready"))
            }
            let drain = gateway.ip.flatMap { drains[$0] }
            let started = gateway.pod.startTime.flatMap(Timestamp.secondsSince1970)
            let age = started.map { now - $0 }
            var row = TableRow(
                key: gateway.qualifiedName,
                cells: [.text(gateway.namespace), .text(gateway.name), .address(gateway.ip), .text(gateway.node),
                        .text(gateway.zone),
                        .number(gateway.ready ? 1 : 0, gateway.ready ? "yes" : "NO", role: gateway.ready ? .ok : .error),
                        .text(gateway.pool), .text(gateway.networkInterfaceID),
                        .address(gateway.elasticIP, role: gateway.elasticIP == nil ? .muted : .text),
                        TableCell(Formatting.age(seconds: age), sortKey: age.map { .number($0) } ?? .none),
                        .text(gateway.notReadyReason, role: gateway.ready ? .muted : .warn),
                        .text(gateway.egressGateway?.conditionSummary,
                              role: gateway.egressGateway?.conditions.contains { $0.type == "Degraded" && $0.isTrue } == true
                                  ? .error : .text),
                        .text(gateway.probeSummary),
                        .text(drain.map { drain in
                                  (drain.finished.map { Formatting.countdown(seconds: $0 - now) } ?? "draining")
                                      + " · \(Formatting.count(drain.clients.count, "client")) moving"
                              }, role: drain == nil ? .muted : .warn)],
                labels: gateway.pod.metadata.labels,
                group: group,
                target: .gateway(gateway.qualifiedName),
                extraSearch: [gateway.deployment ?? ""] + gateway.annotatedElasticIPs.map(\.description)
                    + (drain == nil ? [] : ["draining"]))
            row.since = started
            if let drain, let finished = drain.finished {
                row.deadline = (finished, " · \(Formatting.count(drain.clients.count, "client")) moving")
            }
            rows.append(row)
        }
        return TableModel(columns: columns, rows: rows, groups: groups, hasLabels: true,
                          emptyText: "No egress gateway pods in this Snapshot.")
    }

    /// True when the table built from `old` is the table of `new`: the same gateways and drains
    /// (lists a derived Snapshot shares compare by identity).
    internal static func reusable(from old: ModelInputs, for new: ModelInputs) -> Bool {
        old.snapshot.gateways == new.snapshot.gateways && old.snapshot.gatewayDrains == new.snapshot.gatewayDrains
    }

    private static func groupKey(_ gateway: EgressGatewayRecord) -> String {
        gateway.namespace + "\u{1}" + (gateway.deployment ?? "")
    }
}
