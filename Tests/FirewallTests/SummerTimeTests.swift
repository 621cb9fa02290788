import Testing
import Firewall

/// `clock summer-time … recurring|date`: time ranges follow the firewall's wall clock, summer
/// time included (issue #16).
@Suite("Summer time")
struct SummerTimeTests {
    static func clock(_ lines: String...) -> ClockSettings {
        FirewallConfig.parse(lines.joined(separator: "\n")).clock
    }

    static func offset(_ clock: ClockSettings, _ iso: String) throws -> Int {
        guard case .instant(let seconds) = try EvaluationTime.parseISO8601(iso) else {
            preconditionFailure("test times carry a zone")
        }
        return clock.utcOffsetMinutes(atUTC: seconds)
    }

    @Test func recurringWithoutArgumentsIsTheUSRule() throws {
        let c = Self.clock("clock timezone CST -6", "clock summer-time CDT recurring")
        #expect(c.summerTime == SummerTime(zoneName: "CDT", rule: SummerTime.unitedStatesRule))
        // 2026: second Sunday of March is the 8th, first Sunday of November the 1st.
        #expect(try Self.offset(c, "2026-01-15T12:00:00Z") == -360)
        #expect(try Self.offset(c, "2026-07-15T13:30:00Z") == -300)
        #expect(try Self.offset(c, "2026-03-08T07:59:00Z") == -360)  // 01:59 CST
        #expect(try Self.offset(c, "2026-03-08T08:00:00Z") == -300)  // 02:00 CST → 03:00 CDT
        #expect(try Self.offset(c, "2026-11-01T06:59:00Z") == -300)  // 01:59 CDT
        #expect(try Self.offset(c, "2026-11-01T07:00:00Z") == -360)  // 02:00 CDT → 01:00 CST
    }

    @Test func explicitRecurringRuleWithLastWeek() throws {
        let c = Self.clock("clock timezone CET 1",
                           "clock summer-time CEST recurring last Sunday March 2:00 last Sunday October 3:00")
        // 2026: last Sundays are March 29 and October 25.
        #expect(try Self.offset(c, "2026-03-29T00:59:00Z") == 60)
        #expect(try Self.offset(c, "2026-03-29T01:00:00Z") == 120)
        #expect(try Self.offset(c, "2026-10-25T00:59:00Z") == 120)
        #expect(try Self.offset(c, "2026-10-25T01:00:00Z") == 60)
    }

    @Test func southernHemisphereRuleSpansTheNewYear() throws {
        let c = Self.clock("clock timezone AEST 10",
                           "clock summer-time AEDT recurring 1 Sunday October 2:00 1 Sunday April 3:00")
        #expect(try Self.offset(c, "2026-01-10T00:00:00Z") == 660)
        #expect(try Self.offset(c, "2026-07-10T00:00:00Z") == 600)
        #expect(try Self.offset(c, "2026-12-10T00:00:00Z") == 660)
    }

    @Test func dateFormAcceptsDayMonthAndMonthDay() throws {
        let a = Self.clock("clock timezone EST -5", "clock summer-time EDT date 8 March 2026 2:00 1 November 2026 2:00")
        let b = Self.clock("clock timezone EST -5", "clock summer-time EDT date March 8 2026 2:00 November 1 2026 2:00")
        #expect(a.summerTime != nil)
        #expect(a.summerTime == b.summerTime)
        #expect(try Self.offset(a, "2026-07-01T12:00:00Z") == -240)
        #expect(try Self.offset(a, "2027-07-01T12:00:00Z") == -300)
    }

    @Test func offsetAfterTheRuleIsUsed() throws {
        let c = Self.clock("clock summer-time HALF recurring 30")
        #expect(c.summerTime?.offsetMinutes == 30)
        #expect(c.summerTime?.rule == SummerTime.unitedStatesRule)
        #expect(try Self.offset(c, "2026-07-01T12:00:00Z") == 30)
    }

    @Test func malformedRuleIsReportedWithWhatWasExpected() {
        let parsed = FirewallConfig.parse("clock summer-time X recurring 5 Sunday March 2:00 1 Sunday November 2:00")
        #expect(parsed.clock.hasSummerTime)
        #expect(parsed.clock.summerTime == nil)
        #expect(parsed.diagnostics.map(\.problem) == [.expected("a week 1-4, first or last", found: "5")])
        #expect(parsed.diagnostics.first?.severity == .error)
    }

    @Test func timeRangedEntryFollowsSummerTime() throws {
        let c = FirewallClassifier(config: config(
            "interface G0/1", " nameif INSIDE", " security-level 100", " ip address 10.0.0.1 255.255.255.0",
            "clock timezone CST -6", "clock summer-time CDT recurring",
            "time-range BUSINESS", " periodic weekdays 8:00 to 17:00",
            "access-list INSIDE_in extended permit tcp any4 host 8.8.4.4 eq 8443 time-range BUSINESS",
            "access-group INSIDE_in in interface INSIDE"))
        let packet = tcp("10.0.0.5", "8.8.4.4", 8443, on: "INSIDE")
        // Wednesday 13:30Z is 08:30 CDT (07:30 on the standard clock).
        #expect(line(c, packet, at: try EvaluationTime.parseISO8601("2026-07-15T13:30:00Z")) == 1)
        // In January the same UTC time is 07:30 CST: before the window.
        #expect(line(c, packet, at: try EvaluationTime.parseISO8601("2026-01-14T13:30:00Z")) == nil)
        #expect(c.classify(packet, at: try EvaluationTime.parseISO8601("2026-07-15T13:30:00Z")).notes.isEmpty)
    }

    @Test(.enabled(if: RealWorldCorpus.isAvailable, Comment(rawValue: RealWorldCorpus.absenceMessage)))
    func ciscoconfparseSampleWithTimeRangePermitsInSummer() throws {
        let text = try #require(RealWorldCorpus.asa("derived/variant_ciscoconfparse_sample01_timerange.cfg"))
        let c = FirewallClassifier(config: FirewallConfig.parse(text))
        let verdict = c.classify(tcp("192.168.1.20", "8.8.4.4", 8443, on: "INSIDE"),
                                 at: try EvaluationTime.parseISO8601("2026-07-15T13:30:00Z"))
        #expect(verdict.action == .permit)
        #expect(verdict.accessList == "INSIDE_in")
        #expect(verdict.lineNumber == 1)
    }
}
