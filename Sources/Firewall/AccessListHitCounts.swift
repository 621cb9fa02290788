/// The hit counts of a `show access-list` dump (a `NAME.acl` file beside `NAME.cfg`), keyed by
/// access-list name and `show access-list` line number, with the count of every expanded element
/// (docs/cisco-firewall.md §6).
///
/// Build one with `AccessListHitCounts.parse(_:file:)`; join it to a parsed config with
/// `joined(to:)`.
public struct AccessListHitCounts: Hashable, Sendable {
    /// `access-list NAME; N elements; name hash: 0xH`.
    public struct Header: Hashable, Sendable {
        /// The access-list name.
        public let accessList: String
        /// The element count the device reports.
        public let elementCount: Int
        /// The name hash as printed (`0x…`), if present.
        public let nameHash: String?
        /// The dump line (1-based).
        public let fileLine: Int
    }

    /// One expanded element (an indented child line) and its count.
    public struct Element: Hashable, Sendable {
        /// The child as printed, without `(hitcnt=…)`, `(inactive)` and the hash.
        public let text: String
        /// `hitcnt=`; nil when the device printed none (e.g. an unresolved FQDN child).
        public let hitCount: Int?
        /// True when the line carries `(inactive)`.
        public let isInactive: Bool
        /// The element hash as printed, if present.
        public let hash: String?
        /// The dump line (1-based).
        public let fileLine: Int
    }

    /// One numbered line of an access list: a remark, or an entry with its own count and its
    /// elements' counts.
    public struct Line: Hashable, Sendable {
        /// What the line is.
        public enum Kind: Hashable, Sendable {
            /// `remark TEXT`.
            case remark(String)
            /// An entry of the given type keyword (`extended`, `advanced`, `standard`…).
            case entry(type: String)
        }

        /// The access-list name.
        public let accessList: String
        /// The `show access-list` line number.
        public let lineNumber: Int
        /// Remark or entry.
        public let kind: Kind
        /// The line as printed after `access-list NAME line N`, without `(hitcnt=…)`,
        /// `(inactive)` and the hash (e.g. `extended permit tcp any4 host 10.1.1.1 eq https`).
        public let text: String
        /// The entry's `hitcnt=`; nil for a remark or when none was printed.
        public let hitCount: Int?
        /// True when the line carries `(inactive)`.
        public let isInactive: Bool
        /// The hash as printed, if present.
        public let hash: String?
        /// The expanded elements, in dump order (empty for an entry without objects).
        public internal(set) var elements: [Element]
        /// The dump line (1-based).
        public let fileLine: Int
    }

    /// The file name the dump was read from, for locating diagnostics (nil when not given).
    public let file: String?
    /// The capture time, when the dump starts with one (an ISO-8601 line, or `show clock`
    /// output such as `14:03:22.123 UTC Wed Nov 25 2026`, read on the device clock).
    public internal(set) var capturedAt: EvaluationTime?
    /// The headers by access-list name.
    public internal(set) var headers: [String: Header] = [:]
    /// The numbered lines: access-list name → line number → line.
    public internal(set) var accessLists: [String: [Int: Line]] = [:]
    /// Access-list names in dump order.
    public internal(set) var accessListOrder: [String] = []
    /// Malformed lines: the dump line and what was expected there. Reading goes on after each.
    public internal(set) var diagnostics: [ConfigDiagnostic] = []

    /// An empty dump read from `file`.
    public init(file: String? = nil) {
        self.file = file
    }

    /// The line `lineNumber` of `accessList`, if the dump has it.
    public func line(_ lineNumber: Int, of accessList: String) -> Line? {
        accessLists[accessList]?[lineNumber]
    }

    /// The lines of `accessList` in line-number order.
    public func lines(of accessList: String) -> [Line] {
        (accessLists[accessList] ?? [:]).values.sorted { $0.lineNumber < $1.lineNumber }
    }

    /// A diagnostic located in the dump: `FILE:LINE: severity: message`.
    public func located(_ diagnostic: ConfigDiagnostic) -> String {
        "\(file ?? "<show access-list>"):\(diagnostic.line): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}
