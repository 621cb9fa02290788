extension ConfigParser {
    /// `ZONE recurring [WEEK WEEKDAY MONTH HH:MM WEEK WEEKDAY MONTH HH:MM] [OFFSET]` or
    /// `ZONE date {DAY MONTH | MONTH DAY} YEAR HH:MM {DAY MONTH | MONTH DAY} YEAR HH:MM [OFFSET]`,
    /// after `clock summer-time`.
    internal func summerTime(_ t: inout TokenCursor) throws(LineFailure) -> SummerTime {
        guard let zone = t.next() else { throw .expected("a summer-time zone name", found: nil) }
        let rule: SummerTime.Rule
        switch t.next()?.lowercased() {
        case "recurring":
            if t.tokens.count - t.index <= 1 {
                rule = SummerTime.unitedStatesRule
            } else {
                rule = .recurring(start: try recurringDate(&t), end: try recurringDate(&t))
            }
        case "date":
            rule = .date(start: try summerDate(&t), end: try summerDate(&t))
        case let other:
            throw .expected("'recurring' or 'date'", found: other)
        }
        var offset = 60
        if let text = t.next() { offset = try integer(text, 1...1440, "an offset in minutes 1-1440") }
        if let extra = t.peek { throw .expected("end of line", found: extra) }
        return SummerTime(zoneName: zone, rule: rule, offsetMinutes: offset)
    }

    /// `WEEK WEEKDAY MONTH HH:MM`, WEEK being 1-4, `first` or `last`.
    private func recurringDate(_ t: inout TokenCursor) throws(LineFailure) -> SummerTime.RecurringDate {
        let weekText = t.next()
        let week: SummerTime.Week
        switch weekText?.lowercased() {
        case "first": week = .number(1)
        case "last": week = .last
        default:
            guard let weekText, let n = Int(weekText), (1...4).contains(n) else {
                throw .expected("a week 1-4, first or last", found: weekText)
            }
            week = .number(n)
        }
        let weekdayText = t.next()
        guard let weekdayText, let weekday = ConfigParser.weekday(weekdayText) else {
            throw .expected("a day of the week", found: weekdayText)
        }
        let month = try monthNumber(t.next())
        let minute = try clockTime(t.next())
        return SummerTime.RecurringDate(week: week, weekday: weekday, month: month, minuteOfDay: minute)
    }

    /// `{DAY MONTH | MONTH DAY} YEAR HH:MM`.
    private func summerDate(_ t: inout TokenCursor) throws(LineFailure) -> LocalDateTime {
        let first = t.next()
        let day: Int
        let month: Int
        if let first, Int(first) != nil {
            day = try integer(first, 1...31, "a day of the month")
            month = try monthNumber(t.next())
        } else {
            month = try monthNumber(first)
            day = try integer(t.next(), 1...31, "a day of the month")
        }
        let year = try integer(t.next(), 1993...2035, "a year 1993-2035")
        let minute = try clockTime(t.next())
        guard let date = LocalDateTime(year: year, month: month, day: day, hour: minute / 60, minute: minute % 60)
        else { throw .expected("a valid date", found: "\(day)/\(month)/\(year)") }
        return date
    }

    /// A month name or its first three letters or more → 1–12.
    internal func monthNumber(_ text: String?) throws(LineFailure) -> Int {
        guard let text, text.count >= 3,
              let index = ConfigParser.monthNames.firstIndex(where: { $0.hasPrefix(text.lowercased()) })
        else { throw .expected("a month name", found: text) }
        return index + 1
    }

    /// A weekday name or its first three letters or more.
    internal static func weekday(_ text: String) -> LocalDateTime.Weekday? {
        let lower = text.lowercased()
        guard lower.count >= 3 else { return nil }
        return weekdayNames.first { $0.key.hasPrefix(lower) }?.value
    }
}
