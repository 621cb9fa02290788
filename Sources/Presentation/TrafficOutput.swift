import Foundation
import Inventory
import Traffic

/// `gatewatch traffic` output as JSON or a table.
public enum TrafficOutput {
    /// The report as `{by, since, until, rows, unattributed, prices, sources}`.
    public static func json(_ report: TrafficReport) -> JSONValue {
        .object([
            ("by", .string(report.by.rawValue)),
            ("since", report.since.map { .string(iso($0)) } ?? .null),
            ("until", report.until.map { .string(iso($0)) } ?? .null),
            ("rows", .array(report.rows.map { row in
                .object([
                    ("key", .string(row.key)),
                    ("namespaces", .array(row.namespaces.map { .string($0) })),
                    ("shared", .bool(row.shared)),
                    ("bytesOut", .integer(Int64(clamping: row.bytesOut))),
                    ("bytesIn", .integer(Int64(clamping: row.bytesIn))),
                    ("packets", .integer(Int64(clamping: row.packets))),
                    ("flows", .integer(Int64(clamping: row.flows))),
                    ("denied", .integer(Int64(clamping: row.denied))),
                    ("bytesByPath", .object(row.bytesByPath.sorted { $0.key < $1.key }.map {
                        ($0.key.rawValue, .integer(Int64(clamping: $0.value)))
                    })),
                    ("estimatedCostUSD", .number(row.estimatedCostUSD)),
                ])
            })),
            ("unattributed", .object([
                ("bytesOut", .integer(Int64(clamping: report.unattributed.bytesOut))),
                ("bytesIn", .integer(Int64(clamping: report.unattributed.bytesIn))),
                ("packets", .integer(Int64(clamping: report.unattributed.packets))),
                ("flows", .integer(Int64(clamping: report.unattributed.flows))),
                ("denied", .integer(Int64(clamping: report.unattributed.denied))),
            ])),
            ("prices", .object([
                ("natGatewayPerGB", .number(report.prices.natGatewayPerGB)),
                ("internetEgressPerGB", .number(report.prices.internetEgressPerGB)),
                ("crossAZPerGB", .number(report.prices.crossAZPerGB)),
                ("transitGatewayPerGB", .number(report.prices.transitGatewayPerGB)),
                ("gatewayLoadBalancerEndpointPerGB", .number(report.prices.gatewayLoadBalancerEndpointPerGB)),
                ("publicIPv4PerHour", .number(report.prices.publicIPv4PerHour)),
            ])),
            ("sources", sources(report.sources)),
        ])
    }

    static func sources(_ sources: TrafficSources) -> JSONValue {
        .object([
            ("flowLogs", .array(sources.flowLogs.map { file in
                .object([
                    ("file", .string(file.file)), ("container", .string(file.container.rawValue)),
                    ("format", .string(file.format?.headerLine)),
                    ("records", .integer(Int64(file.statistics.records))),
                    ("noData", .integer(Int64(file.statistics.noData))),
                    ("skipData", .integer(Int64(file.statistics.skipData))),
                    ("malformed", .integer(Int64(file.statistics.malformed))),
                    ("problems", .array(file.problems.map { .string($0.description) })),
                ])
            })),
            ("syslog", .array(sources.syslog.map { file in
                .object([
                    ("file", .string(file.file)), ("lines", .integer(Int64(file.lines))),
                    ("messages", .integer(Int64(file.messages))), ("untagged", .integer(Int64(file.untagged))),
                    ("unsupported", .object(file.unsupported.sorted { $0.key < $1.key }.map {
                        (String($0.key), .integer(Int64($0.value)))
                    })),
                    ("refused", .integer(Int64(file.refused))), ("otherDevice", .integer(Int64(file.otherDevice))),
                    ("problems", .array(file.problems.map { .string($0.description) })),
                ])
            })),
            ("duplicates", .integer(Int64(sources.duplicates))),
            ("notEgress", .integer(Int64(sources.notEgress))),
            ("natTranslated", .integer(Int64(sources.natTranslated))),
            ("outsideWindow", .integer(Int64(sources.outsideWindow))),
        ])
    }

    /// The report for people: one row per key, then what was not attributed.
    public static func table(_ report: TrafficReport) -> String {
        var table = TextTable(report.by.rawValue.uppercased(), "NAMESPACES", "OUT", "IN", "PACKETS", "FLOWS", "DENIED",
                              "PATHS", "COST (USD)")
        for row in report.rows {
            table.add([row.key, row.namespaces.joined(separator: ",") + (row.shared ? " (shared)" : ""),
                       bytes(row.bytesOut), bytes(row.bytesIn), String(row.packets), String(row.flows),
                       String(row.denied), row.bytesByPath.keys.sorted().map(\.rawValue).joined(separator: ","),
                       String(format: "%.4f", row.estimatedCostUSD)])
        }
        let u = report.unattributed
        var lines = [table.rendered()]
        lines.append("unattributed: out \(bytes(u.bytesOut)), in \(bytes(u.bytesIn)), \(u.flows) flows, \(u.denied) denied")
        let records = report.sources.flowLogs.reduce(0) { $0 + $1.statistics.records }
        let messages = report.sources.syslog.reduce(0) { $0 + $1.messages }
        lines.append("read \(report.sources.flowLogs.count) flow-log files (\(records) records), "
            + "\(report.sources.syslog.count) syslog files (\(messages) messages); "
            + "\(report.sources.duplicates) duplicate records, \(report.sources.notEgress) not egress")
        lines.append("prices: us-east-1 list unless gatewatch.yaml sets prices:; hourly charges not included; GB = 2^30 bytes")
        return lines.joined(separator: "\n")
    }

    /// `1.5 GiB` for a byte count (binary units).
    public static func bytes(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    /// `2026-12-06T10:00:00Z` for seconds since 1970.
    public static func iso(_ seconds: Int64) -> String {
        let time = Timestamp.utcComponents(secondsSince1970: Double(seconds))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", time.year, time.month, time.day, time.hour, time.minute,
                      time.second)
    }
}
