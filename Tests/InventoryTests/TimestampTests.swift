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

    @Test("calendar components are the inverse of parsing, before and after 1970")
    func componentsInvertParsing() {
        for text in ["2026-11-25T12:34:56Z", "1969-12-31T23:59:59Z", "2000-02-29T00:00:00Z", "2099-01-01T00:00:00Z"] {
            guard let seconds = Timestamp.secondsSince1970(text) else {
                Issue.record("\(text) did not parse")
                continue
            }
            let time = Timestamp.utcComponents(secondsSince1970: seconds)
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let back = "\(time.year)-\(two(time.month))-\(two(time.day))T\(two(time.hour)):\(two(time.minute)):\(two(time.second))Z"
            #expect(back == text)
        }
    }
}
