import Inventory
/// The Events view: the event log, newest first, with UTC timestamps.
internal enum EventsTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "TIME (UTC)", priority: 0, maxWidth: 19),
        TableColumn(title: "KIND", priority: 0, maxWidth: 7),
        TableColumn(title: "OBJECT", priority: 0, flexible: true, minWidth: 14, maxWidth: 60),
        TableColumn(title: "EVENT", priority: 0, flexible: true, minWidth: 20, maxWidth: 120),
    ]

    /// `2026-11-25 12:00:00` for seconds since 1970 (UTC).
    internal static func timestamp(_ seconds: Double) -> String {
        let time = Timestamp.utcComponents(secondsSince1970: seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(time.year)-\(two(time.month))-\(two(time.day)) \(two(time.hour)):\(two(time.minute)):\(two(time.second))"
    }

    /// Builds the table from `log`, newest first.
    internal static func model(_ log: EventLog) -> TableModel {
        var rows: [TableRow] = []
        rows.reserveCapacity(log.events.count)
        for event in log.events.reversed() {
            rows.append(TableRow(
                key: "\(event.time)|\(event.kind.rawValue)|\(event.subject)|\(event.message)",
                cells: [.number(event.time, timestamp(event.time), role: .muted),
                        TableCell(event.kind.rawValue, sortKey: .text(event.kind.rawValue)),
                        TableCell(event.subject, sortKey: .text(event.subject.lowercased())),
                        TableCell(event.message, role: event.role, sortKey: .text(event.message.lowercased()))],
                target: event.target))
        }
        return TableModel(columns: columns, rows: rows,
                          emptyText: "No events yet: changes appear here as new data arrives.")
    }
}
