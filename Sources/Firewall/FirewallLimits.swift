/// Size limits of what the firewall parser accepts, so a hostile or corrupted config cannot
/// exhaust the stack, memory or time of Gatewatch.
///
/// Each limit is far above what a real ASA or FTD config needs. Input beyond a limit is not
/// used, and a `ConfigDiagnostic` with `.limitExceeded` names the line and the limit.
public enum FirewallLimits {
    /// The largest `show running-config` text `FirewallConfig.parse` reads, in bytes (64 MiB).
    /// Readers of config files should refuse larger files before loading them.
    public static let maxConfigBytes = 64 << 20

    /// The longest config line read, in bytes; longer lines are reported and skipped.
    public static let maxLineLength = 16_384

    /// The deepest `group-object` nesting resolved: a group with more levels of groups below it
    /// (itself counted) is reported and resolves to nothing, as do the groups that contain it.
    public static let maxGroupDepth = 64

    /// The most distinct members one object-group may expand to, nesting included; a larger
    /// group is reported and resolves to nothing.
    public static let maxExpandedMembers = 100_000

    /// One of the limits, as a value a diagnostic can carry.
    public enum Limit: String, Hashable, Sendable, CaseIterable {
        /// `maxConfigBytes`.
        case configBytes = "config size"
        /// `maxLineLength`.
        case lineLength = "line length"
        /// `maxGroupDepth`.
        case groupDepth = "object-group nesting depth"
        /// `maxExpandedMembers`.
        case expandedMembers = "object-group members"

        /// The limit's value.
        public var value: Int {
            switch self {
            case .configBytes: return FirewallLimits.maxConfigBytes
            case .lineLength: return FirewallLimits.maxLineLength
            case .groupDepth: return FirewallLimits.maxGroupDepth
            case .expandedMembers: return FirewallLimits.maxExpandedMembers
            }
        }

        /// The unit the limit counts, for messages.
        public var unit: String {
            switch self {
            case .configBytes, .lineLength: return "bytes"
            case .groupDepth: return "levels"
            case .expandedMembers: return "members"
            }
        }
    }
}
