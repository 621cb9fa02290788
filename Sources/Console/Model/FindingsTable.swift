import Inventory
import Simulator

/// The Findings view: what `gatewatch check` reports (the Simulator's `Linter`), errors first, then
/// warnings, then information; each row names its code and the objects involved, and Enter opens
/// the finding's page: the whole message and links to its objects.
internal enum FindingsTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "SEVERITY", priority: 0, maxWidth: 8),
        TableColumn(title: "CODE", priority: 0, maxWidth: 28),
        TableColumn(title: "MESSAGE", priority: 0, flexible: true, minWidth: 20, maxWidth: 90),
        TableColumn(title: "OBJECTS", priority: 2, flexible: true, minWidth: 16, maxWidth: 80),
    ]

    /// The role of a severity.
    internal static func role(_ severity: Finding.Severity) -> ThemeRole {
        switch severity {
        case .error: return .severityError
        case .warning: return .severityWarning
        case .info: return .severityInfo
        }
    }

    /// The findings sorted by severity, the Linter's order kept within a severity.
    internal static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// The page Enter opens for a finding: its first object that is a gateway, a pool, an Elastic IP
    /// or a policy (its first rule).
    internal static func target(_ objects: [String], in snapshot: Snapshot) -> DetailTarget? {
        for object in objects {
            guard let slash = object.firstIndex(of: "/") else { continue }
            let kind = object[..<slash]
            let name = String(object[object.index(after: slash)...])
            switch kind {
            case "pod" where snapshot.gatewaysByQualifiedName[name] != nil: return .gateway(name)
            case "pod" where snapshot.podsByQualifiedName[name] != nil: return .pod(name)
            case "gateway": return .gateway(name)
            case "ippool", "pool": return .pool(name)
            case "eip": return .elasticIP(name)
            case "policy" where snapshot.policiesByName[name] != nil: return .rule(policy: name, index: 0)
            default: continue
            }
        }
        return nil
    }

    /// Builds the table from `findings`.
    internal static func model(_ findings: [Finding], snapshot: Snapshot) -> TableModel {
        let rank: [Finding.Severity: Double] = [.error: 0, .warning: 1, .info: 2]
        var rows: [TableRow] = []
        for (index, finding) in sorted(findings).enumerated() {
            let objects = finding.objects.joined(separator: " ")
            let severity = role(finding.severity)
            rows.append(TableRow(
                key: "\(finding.code.rawValue)|\(objects)|\(index)",
                cells: [.number(rank[finding.severity] ?? 3, finding.severity.rawValue, role: severity),
                        TableCell(finding.code.rawValue, role: severity, sortKey: .text(finding.code.rawValue)),
                        TableCell(finding.message, sortKey: .text(finding.message.lowercased())),
                        TableCell(objects, role: .muted, sortKey: .text(of: objects))],
                target: .finding(severity: finding.severity.rawValue, code: finding.code.rawValue, message: finding.message,
                                 objects: finding.objects)))
        }
        return TableModel(columns: columns, rows: rows, emptyText: "No findings: `check` found nothing wrong.")
    }
}
