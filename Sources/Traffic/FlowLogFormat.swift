import Foundation

/// The columns of a flow-log text record, in order: from an S3 file's header line, from a flow
/// log's `LogFormat` (`${version} ${srcaddr} …`), or the default format. Columns come from
/// here, never from the `version` field (docs/traffic.md §1.2).
public struct FlowLogFormat: Hashable, Sendable {
    /// One column: a field Gatewatch reads, or another field kept by name and skipped.
    public enum Column: Hashable, Sendable {
        /// A field Gatewatch reads.
        case field(FlowLogField)
        /// Any other field (ecs-*, next-hop-*, tags…), by name.
        case other(String)

        /// The column's name as the header writes it.
        public var name: String {
            switch self {
            case .field(let field): return field.rawValue
            case .other(let name): return name
            }
        }
    }

    /// The columns in order.
    public let columns: [Column]

    /// A format with `columns`.
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// A format from field names in order (hyphenated, as the header line writes them; Athena's
    /// underscored spellings are read as the hyphenated ones).
    public init(names: [String]) {
        columns = names.map { name in
            let hyphenated = name.contains("_") ? name.replacingOccurrences(of: "_", with: "-") : name
            return FlowLogField(rawValue: hyphenated).map(Column.field) ?? .other(name)
        }
    }

    /// The default format: the 14 version-2 fields.
    public static let `default` = FlowLogFormat(names: [
        "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets",
        "bytes", "start", "end", "action", "log-status",
    ])

    /// Parses a `LogFormat` as `describe-flow-logs` returns it: `${field}` tokens separated by
    /// spaces. Nil when a token is not `${…}` or the list is empty.
    public init?(logFormat: String) {
        var names: [String] = []
        for token in logFormat.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard token.hasPrefix("${"), token.hasSuffix("}"), token.count > 3 else { return nil }
            names.append(String(token.dropFirst(2).dropLast()))
        }
        guard !names.isEmpty else { return nil }
        self.init(names: names)
    }

    /// True when the format carries `pkt-srcaddr` and `pkt-dstaddr`.
    public var hasPacketAddresses: Bool {
        columns.contains(.field(.packetSourceAddress)) && columns.contains(.field(.packetDestinationAddress))
    }

    /// The header line for this format.
    public var headerLine: String { columns.map(\.name).joined(separator: " ") }

    /// True when `names` reads as a header line: every word a field name (lowercase letters,
    /// digits and hyphens, starting with a letter) and at least one a known field.
    static func isHeader(_ names: [Substring]) -> Bool {
        guard !names.isEmpty else { return false }
        var known = false
        for name in names {
            guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
            for byte in name.utf8 {
                let ok = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
                if !ok { return false }
            }
            if FlowLogField(rawValue: String(name).replacingOccurrences(of: "_", with: "-")) != nil { known = true }
        }
        return known
    }
}
