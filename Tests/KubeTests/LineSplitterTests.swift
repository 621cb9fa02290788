@testable import Kube
import Testing

@Suite("watch stream line splitting and backoff")
struct LineSplitterTests {
    private func texts(_ lines: [ArraySlice<UInt8>]) -> [String] {
        lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a line split across chunks is returned once, when its newline arrives")
    func lineAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.push(Array(#"{"type":"#.utf8)).isEmpty)
        #expect(splitter.push(Array(#""ADDED"}"#.utf8)).isEmpty)
        #expect(texts(splitter.push(Array("\n{\"b\":1}\n{\"c\"".utf8))) == [#"{"type":"ADDED"}"#, #"{"b":1}"#])
        #expect(texts(splitter.push(Array(":2}\n".utf8))) == [#"{"c":2}"#])
    }

    @Test("empty lines are skipped")
    func emptyLinesSkipped() {
        var splitter = LineSplitter()
        #expect(texts(splitter.push(Array("\n\na\n\n".utf8))) == ["a"])
    }

    @Test("backoff doubles from the base, stays within ±50 % jitter and never exceeds the cap")
    func backoffGrowsAndIsCapped() {
        let backoff = Backoff(base: .milliseconds(100), cap: .seconds(30))
        for _ in 0..<100 {
            let first = backoff.delay(attempt: 1)
            #expect(first >= .milliseconds(50) && first < .milliseconds(150))
            let fourth = backoff.delay(attempt: 4)
            #expect(fourth >= .milliseconds(400) && fourth < .milliseconds(1200))
            #expect(backoff.delay(attempt: 40) <= .seconds(30))
        }
    }

    @Test("a line longer than the bound is refused without being kept, in one chunk or many")
    func overlongLineOverflows() {
        var splitter = LineSplitter()
        splitter.maxLineBytes = 8
        #expect(texts(splitter.push(Array("short\n12345".utf8))) == ["short"])
        #expect(!splitter.overflowed)
        #expect(splitter.push(Array("6789".utf8)).isEmpty)
        #expect(splitter.overflowed)
        #expect(splitter.push(Array("\nnext\n".utf8)).isEmpty)
        var single = LineSplitter()
        single.maxLineBytes = 8
        #expect(texts(single.push(Array("ok\n0123456789\nlater\n".utf8))) == ["ok"])
        #expect(single.overflowed)
        #expect(KubeLimits.maxWatchEventBytes == 16 << 20)
    }
}
