/// The firewall's clock settings that affect `time-range` evaluation.
public struct ClockSettings: Hashable, Sendable {
    /// `clock timezone NAME H [M]`: the zone name, if configured.
    public internal(set) var timeZoneName: String?
    /// The standard offset from UTC in minutes (0 when `clock timezone` is absent: the ASA runs
    /// on UTC).
    public internal(set) var utcOffsetMinutes: Int = 0
    /// True when a `clock summer-time` line is configured (read or not: see `summerTime`).
    public internal(set) var hasSummerTime = false
    /// The `clock summer-time` rule, when the line was read.
    public internal(set) var summerTime: SummerTime?

    /// UTC, no daylight saving time.
    public init() {}

    /// The offset from UTC in minutes at `secondsSinceEpoch` (UTC), summer time included.
    public func utcOffsetMinutes(atUTC secondsSinceEpoch: Int64) -> Int {
        let standard = LocalDateTime(secondsSinceEpoch: secondsSinceEpoch + Int64(utcOffsetMinutes) * 60)
        guard let summerTime, summerTime.isActive(atStandardTime: standard) else { return utcOffsetMinutes }
        return utcOffsetMinutes + summerTime.offsetMinutes
    }

    /// The firewall's wall-clock time at `time`: an instant is shifted by the standard offset and,
    /// while it applies, summer time; a device-local time is already on the wall clock.
    public func localTime(at time: EvaluationTime) -> LocalDateTime {
        switch time {
        case .instant(let seconds): return time.localTime(utcOffsetMinutes: utcOffsetMinutes(atUTC: seconds))
        case .deviceLocal(let local): return local
        }
    }
}
