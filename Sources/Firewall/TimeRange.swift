/// A `time-range NAME` definition: `absolute` bounds and `periodic` windows on the device clock
/// (docs/cisco-firewall.md §6 "Time ranges").
///
/// Active when inside the absolute bounds (a missing start means "since ever", a missing end
/// "forever") and, if there are periodic windows, inside at least one of them. End times are
/// inclusive to the minute (`end 17:00` still matches at 17:00:59).
public struct TimeRange: Hashable, Sendable {
    /// A `periodic DAYS HH:MM to [DAYS] HH:MM` window.
    public struct Periodic: Hashable, Sendable {
        /// The days the window starts on.
        public let startDays: Set<LocalDateTime.Weekday>
        /// The start, in minutes after midnight.
        public let startMinute: Int
        /// The days the window ends on, when the line names them (`Monday 8:00 to Friday 20:00`
        /// is one window across days); nil when it ends the same day.
        public let endDays: Set<LocalDateTime.Weekday>?
        /// The end, in minutes after midnight, inclusive.
        public let endMinute: Int
        /// The line as configured.
        public let text: String

        /// Creates a window.
        public init(startDays: Set<LocalDateTime.Weekday>, startMinute: Int,
                    endDays: Set<LocalDateTime.Weekday>?, endMinute: Int, text: String) {
            self.startDays = startDays
            self.startMinute = startMinute
            self.endDays = endDays
            self.endMinute = endMinute
            self.text = text
        }

        /// True when `time` falls inside the window. A window whose end is before its start on
        /// the same day runs past midnight into the next day.
        public func contains(_ time: LocalDateTime) -> Bool {
            let now = time.minuteOfWeek
            let week = 7 * 1440
            for day in startDays {
                let start = day.rawValue * 1440 + startMinute
                var length: Int
                if let endDays, !endDays.isEmpty {
                    // The nearest end day at or after the start.
                    length = week
                    for endDay in endDays {
                        var candidate = (endDay.rawValue * 1440 + endMinute - start) % week
                        if candidate < 0 { candidate += week }
                        length = min(length, candidate)
                    }
                } else {
                    length = endMinute - startMinute
                    if length < 0 { length += 1440 }
                }
                var offset = (now - start) % week
                if offset < 0 { offset += week }
                if offset <= length { return true }
            }
            return false
        }
    }

    /// The time range name (case-sensitive).
    public let name: String
    /// `absolute start ...`, if given.
    public internal(set) var absoluteStart: LocalDateTime?
    /// `absolute ... end ...`, if given (inclusive to the minute).
    public internal(set) var absoluteEnd: LocalDateTime?
    /// The periodic windows; empty means "always, within the absolute bounds".
    public internal(set) var periodic: [Periodic] = []
    /// The config-file line of the `time-range NAME` line.
    public let line: Int

    /// Creates a time range.
    public init(name: String, absoluteStart: LocalDateTime? = nil, absoluteEnd: LocalDateTime? = nil,
                periodic: [Periodic] = [], line: Int) {
        self.name = name
        self.absoluteStart = absoluteStart
        self.absoluteEnd = absoluteEnd
        self.periodic = periodic
        self.line = line
    }

    /// True when the time range is active at `time` on the device clock.
    public func isActive(at time: LocalDateTime) -> Bool {
        let t = time.secondsSinceEpoch
        if let absoluteStart, t < absoluteStart.secondsSinceEpoch { return false }
        if let absoluteEnd, t >= absoluteEnd.secondsSinceEpoch - Int64(absoluteEnd.second) + 60 { return false }
        if periodic.isEmpty { return true }
        return periodic.contains { $0.contains(time) }
    }
}
