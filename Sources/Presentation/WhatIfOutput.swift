import Inventory
import Simulator

/// A what-if comparison as JSON or text.
public enum WhatIfOutput {
    /// The report as JSON (`whatif -o json`).
    public static func json(_ report: WhatIfReport) -> JSONValue {
        .object([
            ("classes", .integer(Int64(report.classes.count))),
            ("destinations", .array(report.destinations.map { .string($0.description) })),
            ("comparisons", .integer(Int64(report.comparisons))),
            ("changes", .array(report.changes.map { change in
                .object([
                    ("namespaces", .array(change.workloadClass.namespaces.map { .string($0) })),
                    ("pods", .integer(Int64(change.workloadClass.podCount))),
                    ("representative", .string(change.workloadClass.representative)),
                    ("node", .string(change.workloadClass.node)),
                    ("destination", .string(change.destination.description)),
                    ("probe", .string(change.probe.description)),
                    ("before", .string(change.before.rawValue)),
                    ("after", .string(change.after.rawValue)),
                    ("differences", .array(change.differences.map { .string($0) })),
                ])
            })),
        ])
    }

    /// The changed outcomes for people, grouped by workload class.
    public static func text(_ report: WhatIfReport) -> String {
        let summary = "compared \(report.classes.count) workload classes × \(report.destinations.count) destinations"
        guard !report.changes.isEmpty else { return "no outcome changes (\(summary))" }
        var lines: [String] = []
        var current: WorkloadClass?
        for change in report.changes {
            if change.workloadClass != current {
                current = change.workloadClass
                lines.append(change.workloadClass.label + ":")
            }
            lines.append("  → \(change.destination): " + change.differences.joined(separator: "; "))
        }
        lines.append("\(report.changes.count) changed outcome\(report.changes.count == 1 ? "" : "s") (\(summary))")
        return lines.joined(separator: "\n")
    }
}
