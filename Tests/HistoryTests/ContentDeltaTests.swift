@testable import History
import Inventory
import Testing

/// Bodies stored as deltas against another body decode to exactly the bytes they replace.
@Suite struct ContentDeltaTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aPodOfTheSameDeploymentIsASmallDeltaThatDecodesExactly() {
        let first = BundleObject(JournalSynthesizer.pod(slot: 7, generation: 0, address: 7, created: 1_795_615_200_000))
        let second = BundleObject(JournalSynthesizer.pod(slot: 7, generation: 1, address: 10_007, created: 1_795_615_260_000))
        let delta = ContentDelta.encode(second.contents, base: first.contents)
        #expect(ContentDelta.decode(delta, base: first.contents) == second.contents)
        #expect(delta.count * 4 < second.contents.count)
    }

    @Test(arguments: [
        ("", ""), ("abc", ""), ("", "abcdefgh"), ("same text, same text", "same text, same text"),
        ("prefix and then something else entirely", "prefix and then"),
        ("xyz xyz xyz xyz xyz xyz", "completely unrelated base text here"),
    ])
    func anyTargetRoundTripsAgainstAnyBase(_ target: String, _ base: String) {
        let delta = ContentDelta.encode(bytes(target), base: bytes(base))
        #expect(ContentDelta.decode(delta, base: bytes(base)) == bytes(target))
    }

    @Test func aDamagedDeltaIsRefusedNotMisread() {
        let base = bytes("the base body of some length")
        let delta = ContentDelta.encode(bytes("the base body, changed"), base: base)
        #expect(ContentDelta.decode(Array(delta.dropLast(3)) + [0xff], base: base) == nil)
        // A copy beyond the end of the base.
        #expect(ContentDelta.decode([0x0b, 0x7f], base: base) == nil)
    }

    @Test func bodiesWrittenAsDeltasReadBackWhole() throws {
        let journal = try Journal.inMemory()
        let pods = (0..<40).map { JournalSynthesizer.pod(slot: $0, generation: 0, address: $0, created: 1_795_615_200_000) }
        try journal.record(Fixtures.snapshot(pods: pods, nodes: []), at: Fixtures.time(0))
        #expect(try Fixtures.state(journal, at: Fixtures.time(0)).cluster.pods == Fixtures.normalized(Fixtures.snapshot(pods: pods)).0.pods)
        // The namespace and the first pod whole, the other 39 pods as deltas against that one.
        #expect(try journal.storedContentsByCodec() == [0: 2, 1: 39])
    }
}
