import History
import Inventory

/// `journal info` output: `{path, from, to, objects, versions, bytes}` (times ISO-8601 UTC, or null
/// for an empty journal), or the same as aligned text.
enum JournalInfoJSON {
    static func value(_ info: JournalInfo) -> JSONValue {
        .object([
            ("path", .string(info.path)),
            ("from", .string(info.from.map(JournalTime.format))),
            ("to", .string(info.to.map(JournalTime.format))),
            ("objects", .integer(Int64(info.objects))),
            ("versions", .integer(Int64(info.versions))),
            ("bytes", .integer(info.bytes)),
        ])
    }

    static func text(_ info: JournalInfo) -> String {
        let rows: [(String, String)] = [
            ("path", info.path),
            ("from", info.from.map { JournalTime.format($0) } ?? "-"),
            ("to", info.to.map { JournalTime.format($0) } ?? "-"),
            ("objects", String(info.objects)),
            ("versions", String(info.versions)),
            ("bytes", String(info.bytes)),
        ]
        return rows.map { row in row.0 + ":" + String(repeating: " ", count: 10 - row.0.count) + row.1 }
            .joined(separator: "\n")
    }
}
