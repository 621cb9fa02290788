/// The firewall's clock settings that affect `time-range` evaluation.
public struct ClockSettings: Hashable, Sendable {
    /// `clock timezone NAME H [M]`: the zone name, if configured.
    public internal(set) var timeZoneName: String?
    /// The offset from UTC in minutes (0 when `clock timezone` is absent: the ASA runs on UTC).
    public internal(set) var utcOffsetMinutes: Int = 0
    /// True when `clock summer-time` is configured; daylight saving time is not modelled.
    public internal(set) var hasSummerTime = false

    /// UTC, no daylight saving time.
    public init() {}
}
