import Foundation
import Inventory
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("UTC, fractional seconds and both offset spellings give the same instant")
    func offsetsAndFractions() {
        #expect(Timestamp.secondsSince1970("2026-11-25T12:00:00Z") == 1_795_608_000)
        #expect(Timestamp.secondsSince1970("2026-11-25T13:00:00+01:00") == 1_795_608_000)
        #expect(Timestamp.secondsSince1970("2026-11-25T07:00:00-0500") == 1_795_608_000)
        #expect(Timestamp.secondsSince1970("2026-11-25T12:00:00.25Z") == 1_795_608_000.25)
        #expect(Timestamp.date("2099-01-01T00:00:00Z") == Date(timeIntervalSince1970: 4_070_908_800))
    }

    @Test("text that is not a timestamp is nil, not a guess")
    func malformedIsNil() {
        for text in ["yesterday", "2026-11-25", "2026-13-01T00:00:00Z", "2026/11/25T12:00:00Z", "2026-11-25T12:00:00Q"] {
            #expect(Timestamp.secondsSince1970(text) == nil, "\(text)")
        }
    }
}
