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
        let total = Int(seconds.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil date from days since 1970 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))"
    }

    /// Builds the table from `log`, newest first.
    internal static func model(_ log: EventLog) -> TableModel {
        var rows: [TableRow] = []
        rows.reserveCapacity(log.events.count)
        for event in log.events.reversed() {
            rows.append(TableRow(
                key: "\(event.time)|\(event.kind.rawValue)|\(event.subject)|\(event.message)",
                cells: [timestamp(event.time), event.kind.rawValue, event.subject, event.message],
                cellRoles: [.muted, .text, .text, event.role],
                sortKeys: [.number(event.time), .text(event.kind.rawValue), .text(event.subject.lowercased()),
                           .text(event.message.lowercased())],
                target: event.target))
        }
        return TableModel(columns: columns, rows: rows,
                          emptyText: "No events yet: changes appear here as new data arrives.")
    }
}
