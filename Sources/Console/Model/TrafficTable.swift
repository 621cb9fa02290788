import Inventory
import LPM
import Traffic

/// The Traffic view: observed traffic (firewall syslog, flow logs) attributed to workloads, as
/// the intake publishes it — top workloads (namespaces), gateways and destinations by bytes,
/// each with a sparkline of bytes per window and the estimated cost (a row shared by several
/// namespaces says so and is never split), the newest firewall denies with the workloads they
/// belong to and the entry that denied them (Enter traces the flow), and what each source
/// delivered and dropped.
internal enum TrafficTable {
    /// Rows shown per ranking.
    internal static let topRows = 8

    internal static let columns: [TableColumn] = [
        TableColumn(title: "NAME", priority: 0, flexible: true, minWidth: 14, maxWidth: 44),
        TableColumn(title: "WORKLOADS", priority: 0, flexible: true, minWidth: 10, maxWidth: 36),
        TableColumn(title: "OUT", alignment: .right, priority: 0, maxWidth: 9),
        TableColumn(title: "IN", alignment: .right, priority: 1, maxWidth: 9),
        TableColumn(title: "COST", alignment: .right, priority: 1, maxWidth: 10),
        TableColumn(title: "TREND", kind: .sparkline, priority: 2, fixedWidth: 12),
        TableColumn(title: "DETAIL", priority: 2, flexible: true, minWidth: 16, maxWidth: 90),
    ]

    /// `3.0 GiB`, `224 MiB`, `180 B`.
    internal static func bytes(_ value: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 { return "\(value) B" }
        let tenths = Int((amount * 10).rounded())
        return amount >= 100 ? "\(Int(amount.rounded())) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// `$0.3125`: four decimals under a dollar, two above.
    internal static func dollars(_ value: Double) -> String {
        if value >= 1 {
            let cents = Int((value * 100).rounded())
            let rest = cents % 100
            return "$\(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
        }
        let units = Int((value * 10_000).rounded())
        let text = String(units)
        return "$0." + String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// `HH:MM:SS` (UTC).
    private static func clock(_ seconds: Int64) -> String {
        let time = Timestamp.utcComponents(secondsSince1970: Double(seconds))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(time.hour)):\(two(time.minute)):\(two(time.second))"
    }

    /// Builds the view from `traffic` (nil: nothing observed yet).
    internal static func model(_ traffic: ObservedTraffic?, snapshot: Snapshot) -> TableModel {
        guard let traffic else {
            return TableModel(columns: columns, rows: [], emptyText: "No observed traffic: give --syslog-listen "
                              + "udp://ADDR:PORT (firewall syslog), or open a bundle with logs/.")
        }
        var groups: [TableGroup] = []
        var rows: [TableRow] = []
        let window = Int(traffic.windowSeconds.rounded())
        let sections: [(TrafficGrouping, String)] = [(.namespace, "Workloads"), (.gateway, "Gateways"),
                                                     (.destination, "Destinations")]
        for (grouping, title) in sections {
            let ranked = traffic.rows[grouping] ?? []
            groups.append(TableGroup(title: title, detail: "top \(min(topRows, ranked.count)) of \(ranked.count) by bytes "
                                     + "since the start, trend \(window)s windows"))
            let group = groups.count - 1
            for entry in ranked.prefix(topRows) {
                rows.append(row(entry, grouping: grouping, group: group, snapshot: snapshot))
            }
        }
        groups.append(TableGroup(title: "Denies", detail: "newest first; Enter traces the flow"
                                 + (traffic.deniesOverwritten > 0 ? "; \(traffic.deniesOverwritten) older rolled off" : "")))
        let denyGroup = groups.count - 1
        for (index, deny) in traffic.denies.enumerated() {
            rows.append(row(deny, index: index, hits: deny.ace.flatMap { traffic.aceHits[$0.key] }, group: denyGroup))
        }
        let unattributed = traffic.unattributed
        groups.append(TableGroup(title: "Sources", detail: "\(traffic.dropped) dropped; unattributed "
                                 + "\(bytes(unattributed.bytesOut)) out, \(bytes(unattributed.bytesIn)) in, "
                                 + "\(unattributed.denied) denied"))
        let sourceGroup = groups.count - 1
        for source in traffic.sources {
            rows.append(TableRow(
                key: "source|\(source.source)",
                cells: [.text(source.source), .text(nil), .number(Double(source.received), "\(source.received)"),
                        .text(nil), .text(nil), .text(nil),
                        .text((source.failure.map { "FAILED \($0); " } ?? "")
                              + "dropped \(source.dropped) (intake \(source.droppedByIntake), source \(source.droppedBySource)); "
                              + "read \(source.read), refused \(source.refused), ignored \(source.ignored)",
                              role: source.failure != nil ? .error : source.dropped > 0 ? .warn : .muted)],
                group: sourceGroup))
        }
        return TableModel(columns: columns, rows: rows, groups: groups,
                          emptyText: "No observed traffic yet.")
    }

    private static func row(_ entry: ObservedTrafficRow, grouping: TrafficGrouping, group: Int,
                            snapshot: Snapshot) -> TableRow {
        let row = entry.row
        let workloads = row.namespaces.isEmpty ? "-" : row.namespaces.joined(separator: "+")
        var detail = "\(Formatting.count(Int(row.flows), "flow"))"
        if row.denied > 0 { detail += ", \(row.denied) denied" }
        let paths = row.bytesByPath.keys.sorted().map(\.rawValue)
        if !paths.isEmpty { detail += "; " + paths.joined(separator: ", ") }
        let target: DetailTarget?
        switch grouping {
        case .gateway where snapshot.gatewaysByQualifiedName[row.key] != nil: target = .gateway(row.key)
        default: target = nil
        }
        return TableRow(
            key: "\(grouping.rawValue)|\(row.key)",
            cells: [.text(row.key),
                    .text(row.shared ? "shared: \(workloads)" : workloads, role: row.shared ? .warn : .text),
                    .number(Double(row.bytesOut), bytes(row.bytesOut)),
                    .number(Double(row.bytesIn), bytes(row.bytesIn)),
                    .number(row.estimatedCostUSD, dollars(row.estimatedCostUSD)),
                    .number(Double(entry.history.last ?? 0), ""),
                    .text(detail, role: .muted)],
            group: group, target: target, history: entry.history.map(Double.init))
    }

    private static func row(_ deny: ObservedDeny, index: Int, hits: UInt64?, group: Int) -> TableRow {
        let port = deny.destinationPort.map { ":\($0)" } ?? ""
        let name = "\(clock(deny.time)) \(deny.sourceAddress) > \(deny.destination)\(port)/\(deny.protocolName)"
        let workloads = deny.namespaces.isEmpty ? "unattributed" : deny.namespaces.joined(separator: "+")
        let rule: String
        if let ace = deny.ace {
            let line = ace.line.map { "line \($0)" } ?? "implicit deny"
            let text = ace.line == nil ? "" : ": " + RulesTable.shortText(ace.text, accessList: ace.accessList)
            rule = "\(ace.firewall) \(ace.accessList) \(line) (\(hits ?? 1) hits)\(text)"
        } else {
            rule = (deny.accessList.map { "\($0): no entry of a placed firewall denies it" }
                    ?? "no placed firewall denies it")
        }
        let destination = "\(deny.destination)\(port)"
        return TableRow(
            key: "deny|\(index)|\(deny.time)|\(name)",
            cells: [.number(Double(deny.time), name, role: .error),
                    .text(workloads, role: deny.namespaces.count > 1 ? .warn : .text),
                    TableCell("deny", role: .error, sortKey: .none),
                    .text(nil),
                    TableCell(String(deny.messageID), role: .muted, sortKey: .number(Double(deny.messageID))),
                    .text(nil),
                    .text(rule, role: deny.ace == nil ? .muted : .text)],
            group: group,
            target: .observedFlow(sender: deny.sender, destination: destination, proto: deny.protocolName),
            extraSearch: deny.gateways + [deny.sender ?? ""])
    }
}
