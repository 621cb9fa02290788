/// A named access list: its remark and entry lines in order (docs/cisco-firewall.md §6).
///
/// Line order is the meaning. `show access-list` numbers every line, remarks included, from 1,
/// separately per access list; an inactive or time-ranged entry keeps its number.
public struct AccessList: Hashable, Sendable {
    /// One configured line.
    public enum Line: Hashable, Sendable {
        /// A remark.
        case remark(AccessListRemark)
        /// An entry.
        case entry(AccessControlEntry)
        /// An entry line the parser could not read (reported as an error diagnostic). It keeps
        /// its line number so later lines are numbered as on the device, and it never matches.
        case unparsed(UnparsedAccessListLine)

        /// The line as configured.
        public var text: String {
            switch self {
            case .remark(let remark): return remark.text
            case .entry(let entry): return entry.text
            case .unparsed(let line): return line.text
            }
        }

        /// The config-file line it came from.
        public var configLine: Int {
            switch self {
            case .remark(let remark): return remark.line
            case .entry(let entry): return entry.line
            case .unparsed(let line): return line.line
            }
        }
    }

    /// The access list name (case-sensitive).
    public let name: String
    /// The lines in `show access-list` order; line number N is `lines[N - 1]`.
    public internal(set) var lines: [Line]

    /// Creates an access list.
    public init(name: String, lines: [Line] = []) {
        self.name = name
        self.lines = lines
    }

    /// The entries with their `show access-list` line numbers, in order.
    public var entries: [(lineNumber: Int, entry: AccessControlEntry)] {
        lines.enumerated().compactMap { index, line in
            if case .entry(let entry) = line { return (index + 1, entry) }
            return nil
        }
    }

    /// The line with `show access-list` number `number`, if any.
    public func line(numbered number: Int) -> Line? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}
