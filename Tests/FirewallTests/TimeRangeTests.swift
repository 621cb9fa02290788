import Testing
import Firewall

/// `time-range` evaluation and `--at` handling (docs/cisco-firewall.md §6 "Time ranges").
@Suite("Time ranges")
struct TimeRangeTests {
    let edge = FirewallClassifier(config: fixtureConfig("edge-asa.cfg"))
    /// Partner to the app tier over HTTPS: outside_in line 10, time-range business-hours.
    let partnerHTTPS = tcp("203.0.113.5", "10.10.20.5", 443, on: "outside")

    @Test func withoutTimeTheRangeIsAssumedActiveAndSaidSo() {
        let verdict = edge.classify(partnerHTTPS)
        #expect(verdict.lineNumber == 10)
        #expect(verdict.timeRangeAssumedActive)
    }

    @Test func insideTheWindowTheLineMatches() throws {
        // Wednesday 2026-11-25 09:00 CET is 08:00Z; the firewall clock is CET (UTC+1).
        let time = try EvaluationTime.parseISO8601("2026-11-25T08:00:00Z")
        let verdict = edge.classify(partnerHTTPS, at: time)
        #expect(verdict.lineNumber == 10)
        #expect(!verdict.timeRangeAssumedActive)
    }

    @Test func outsideTheWindowTheLineIsSkipped() throws {
        let time = try EvaluationTime.parseISO8601("2026-11-25T20:00:00Z")
        #expect(line(edge, partnerHTTPS, at: time) == 15)
    }

    @Test func weekendIsOutsideWeekdays() throws {
        let time = try EvaluationTime.parseISO8601("2026-11-28T10:00:00+01:00")
        #expect(line(edge, partnerHTTPS, at: time) == 15)
    }

    @Test func periodicEndIsInclusiveToTheMinute() throws {
        let range = try #require(edge.config.timeRanges["business-hours"])
        #expect(range.isActive(at: local(2026, 11, 25, 18, 0, 59)))
        #expect(!range.isActive(at: local(2026, 11, 25, 18, 1, 0)))
        #expect(range.isActive(at: local(2026, 11, 25, 8, 0, 0)))
        #expect(!range.isActive(at: local(2026, 11, 25, 7, 59, 59)))
    }

    @Test func absoluteBoundsLimitPeriodicWindows() throws {
        let range = try #require(edge.config.timeRanges["maintenance"])
        // 2026-03-01 is a Sunday: inside both the absolute bounds and Saturday 22:00 → Sunday 04:00.
        #expect(range.isActive(at: local(2026, 3, 1, 3, 0)))
        #expect(!range.isActive(at: local(2026, 3, 1, 5, 0)))
        // Same window a week later is past the absolute end.
        #expect(!range.isActive(at: local(2026, 3, 8, 3, 0)))
    }

    @Test func absoluteOnlyRange() {
        let parsed = config("time-range freeze", " absolute start 00:00 20 December 2026 end 23:59 3 January 2027")
        guard let range = parsed.timeRanges["freeze"] else {
            Issue.record("missing time range")
            return
        }
        #expect(range.isActive(at: local(2026, 12, 31, 12, 0)))
        #expect(range.isActive(at: local(2027, 1, 3, 23, 59, 30)))
        #expect(!range.isActive(at: local(2027, 1, 4, 0, 0)))
        #expect(!range.isActive(at: local(2026, 12, 19, 23, 59)))
    }

    @Test func periodicWindowAcrossMidnight() {
        let parsed = config("time-range night", " periodic daily 22:00 to 6:00")
        guard let range = parsed.timeRanges["night"] else {
            Issue.record("missing time range")
            return
        }
        #expect(range.isActive(at: local(2026, 11, 25, 23, 0)))
        #expect(range.isActive(at: local(2026, 11, 26, 5, 0)))
        #expect(!range.isActive(at: local(2026, 11, 26, 12, 0)))
    }

    @Test func timeWithoutZoneIsTheFirewallClock() throws {
        let time = try EvaluationTime.parseISO8601("2026-11-25T09:00")
        #expect(time == .deviceLocal(local(2026, 11, 25, 9, 0)))
        #expect(line(edge, partnerHTTPS, at: time) == 10)
    }

    @Test func isoOffsetsConvertToTheSameInstant() throws {
        #expect(try EvaluationTime.parseISO8601("2026-11-25T14:00:00+01:00")
            == EvaluationTime.parseISO8601("2026-11-25T13:00:00Z"))
        #expect(try EvaluationTime.parseISO8601("2026-11-25T14:00:00.250-0530")
            == EvaluationTime.parseISO8601("2026-11-25T19:30:00Z"))
    }

    @Test func malformedTimeIsAnErrorValue() {
        #expect(throws: EvaluationTime.ParseError.self) { try EvaluationTime.parseISO8601("25/11/2026 14:00") }
        #expect(throws: EvaluationTime.ParseError.self) { try EvaluationTime.parseISO8601("2026-02-30T10:00:00Z") }
    }

    @Test func weekdayOfKnownDates() {
        #expect(local(2026, 11, 25, 0, 0).weekday == .wednesday)
        #expect(local(1970, 1, 1, 0, 0).weekday == .thursday)
        #expect(local(2000, 2, 29, 0, 0).weekday == .tuesday)
    }

    @Test func undefinedTimeRangeIsAssumedActive() throws {
        let c = singleACL(["extended permit tcp any any eq 80 time-range missing"])
        let verdict = c.classify(tcp("1.1.1.1", "2.2.2.2", 80), at: try EvaluationTime.parseISO8601("2026-11-25T08:00Z"))
        #expect(verdict.lineNumber == 1)
        #expect(verdict.timeRangeAssumedActive)
    }
}
