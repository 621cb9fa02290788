/// `clock summer-time ZONE recurring|date ...`: when the firewall's clock runs ahead of its
/// standard `clock timezone` offset, and by how much.
///
/// Start times are read on the standard clock and end times on the summer clock, as the
/// transitions are written in practice (US: 2:00 standard → 3:00 summer in March, 2:00 summer →
/// 1:00 standard in November). A start later in the year than the end (southern hemisphere)
/// means summer time spans the new year.
public struct SummerTime: Hashable, Sendable {
    /// A week of the month in a recurring rule.
    public enum Week: Hashable, Sendable {
        /// The n-th occurrence of the weekday in the month (1–4; `first` is 1).
        case number(Int)
        /// The last occurrence of the weekday in the month.
        case last
    }

    /// One transition of a recurring rule: `WEEK WEEKDAY MONTH HH:MM`.
    public struct RecurringDate: Hashable, Sendable {
        /// The week of the month.
        public let week: Week
        /// The day of the week.
        public let weekday: LocalDateTime.Weekday
        /// The month, 1–12.
        public let month: Int
        /// Minutes after midnight.
        public let minuteOfDay: Int

        /// Creates a transition.
        public init(week: Week, weekday: LocalDateTime.Weekday, month: Int, minuteOfDay: Int) {
            self.week = week
            self.weekday = weekday
            self.month = month
            self.minuteOfDay = minuteOfDay
        }

        /// The transition's date and time in `year`.
        public func moment(in year: Int) -> LocalDateTime? {
            guard let first = LocalDateTime(year: year, month: month, day: 1) else { return nil }
            let toWeekday = (weekday.rawValue - first.weekday.rawValue + 7) % 7
            var day: Int
            switch week {
            case .number(let n):
                day = 1 + toWeekday + 7 * (n - 1)
            case .last:
                day = 1 + toWeekday
                while day + 7 <= LocalDateTime.daysIn(month: month, year: year) { day += 7 }
            }
            return LocalDateTime(year: year, month: month, day: day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
        }
    }

    /// When summer time applies.
    public enum Rule: Hashable, Sendable {
        /// `recurring`: every year between two transitions.
        case recurring(start: RecurringDate, end: RecurringDate)
        /// `date`: once, between two dates.
        case date(start: LocalDateTime, end: LocalDateTime)
    }

    /// The US rules `recurring` stands for without arguments: the second Sunday of March at 2:00
    /// to the first Sunday of November at 2:00.
    public static let unitedStatesRule = Rule.recurring(
        start: RecurringDate(week: .number(2), weekday: .sunday, month: 3, minuteOfDay: 120),
        end: RecurringDate(week: .number(1), weekday: .sunday, month: 11, minuteOfDay: 120))

    /// The summer zone name (e.g. `CDT`).
    public let zoneName: String
    /// When it applies.
    public let rule: Rule
    /// Minutes added to the standard offset while it applies (60 unless given).
    public let offsetMinutes: Int

    /// Creates a summer-time setting.
    public init(zoneName: String, rule: Rule, offsetMinutes: Int = 60) {
        self.zoneName = zoneName
        self.rule = rule
        self.offsetMinutes = offsetMinutes
    }

    /// True when summer time applies at `standard`, a time on the standard (winter) clock.
    public func isActive(atStandardTime standard: LocalDateTime) -> Bool {
        let t = standard.secondsSinceEpoch
        let shift = Int64(offsetMinutes) * 60
        switch rule {
        case .recurring(let start, let end):
            guard let s = start.moment(in: standard.year)?.secondsSinceEpoch,
                  let e = end.moment(in: standard.year)?.secondsSinceEpoch
            else { return false }
            let endOnStandardClock = e - shift
            if s < endOnStandardClock { return s <= t && t < endOnStandardClock }
            return t >= s || t < endOnStandardClock
        case .date(let start, let end):
            return start.secondsSinceEpoch <= t && t < end.secondsSinceEpoch - shift
        }
    }
}
