import Foundation
import History
import Testing

/// The `TIME` argument: ISO-8601 or relative to now.
@Suite struct JournalTimeTests {
    private let now = Fixtures.time(0)

    @Test func isoTimesWithZonesAndFractions() throws {
        #expect(try JournalTime.parse("2026-11-25T14:00:00Z", now: now) == Fixtures.time(0))
        #expect(try JournalTime.parse("2026-11-25T15:30:00+01:30", now: now) == Fixtures.time(0))
        #expect(try JournalTime.parse("2026-11-25T14:00:01.5Z", now: now) == Fixtures.time(1.5))
    }

    @Test func relativeTimesCountBackFromNow() throws {
        #expect(try JournalTime.parse("-2h", now: now) == Fixtures.time(-7200))
        #expect(try JournalTime.parse("-1d", now: now) == Fixtures.time(-86_400))
        #expect(try JournalTime.parse("-30m", now: now) == Fixtures.time(-1800))
        #expect(try JournalTime.parse("-45s", now: now) == Fixtures.time(-45))
        #expect(try JournalTime.parse("-1h30m", now: now) == Fixtures.time(-5400))
        #expect(try JournalTime.parse("-1w", now: now) == Fixtures.time(-604_800))
        #expect(try JournalTime.parse("now", now: now) == now)
    }

    @Test(arguments: ["", "2h", "-2", "-h", "-2x", "-2h3", "yesterday", "2026-11-25", "2026-11-25T14:00:00Q", "+2h"])
    func malformedTimesAreRefusedWithTheText(_ text: String) {
        #expect(throws: JournalTimeError(text: text)) { try JournalTime.parse(text, now: now) }
    }

    @Test func formattingIsUTCWithMillisecondsOnlyWhenThere() {
        #expect(JournalTime.format(Fixtures.time(0)) == "2026-11-25T14:00:00Z")
        #expect(JournalTime.format(Fixtures.time(0.25)) == "2026-11-25T14:00:00.250Z")
    }
}
