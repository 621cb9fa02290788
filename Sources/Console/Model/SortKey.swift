import LPM

/// A cell's value for sorting: numbers and addresses compare as such, text case-insensitively;
/// empty values sort last.
internal enum SortKey: Hashable, Sendable, Comparable {
    /// A number (counts, percentages, ages in seconds).
    case number(Double)
    /// An IP address.
    case address(IPAddress)
    /// Text, lowercased.
    case text(String)
    /// No value (`-`).
    case none

    private var rank: Int {
        switch self {
        case .number: return 0
        case .address: return 1
        case .text: return 2
        case .none: return 3
        }
    }

    internal static func < (lhs: SortKey, rhs: SortKey) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a < b
        case (.address(let a), .address(let b)): return a < b
        case (.text(let a), .text(let b)): return a < b
        default: return lhs.rank < rhs.rank
        }
    }

    /// A text key, or `.none` for an empty or `-` cell.
    internal static func text(of value: String?) -> SortKey {
        guard let value, !value.isEmpty, value != "-" else { return .none }
        return .text(value.lowercased())
    }
}
