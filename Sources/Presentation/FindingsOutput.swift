import Inventory
import Simulator

/// `check`'s findings as JSON (`{severity, code, message, objects}`) or as a table.
public enum FindingsOutput {
    /// The findings as a JSON array.
    public static func json(_ findings: [Finding]) -> JSONValue {
        .array(findings.map { finding in
            .object([("severity", .string(finding.severity.rawValue)), ("code", .string(finding.code.rawValue)),
                     ("message", .string(finding.message)), ("objects", .array(finding.objects.map { .string($0) }))])
        })
    }

    /// The findings for people: a table, or `no findings`.
    public static func text(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "no findings" }
        var table = TextTable("SEVERITY", "CODE", "MESSAGE")
        for finding in findings { table.add([finding.severity.rawValue, finding.code.rawValue, finding.message]) }
        return table.rendered()
    }
}
