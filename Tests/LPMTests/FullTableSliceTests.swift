import Foundation
import Testing
@testable import LPM
import TestSupport

/// A slice of the real full routing table (`../shared/data/fullview-prefixes.txt.gz`, beside the
/// repository): the compiled table must agree with the mutable one at realistic density.
@Suite("Full table slice")
struct FullTableSliceTests {
    /// The file, found relative to this source file: `<repo>/Tests/LPMTests/` → `<repo>/../shared`.
    private static var dataPath: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data/fullview-prefixes.txt.gz").standardizedFileURL.path
    }

    /// The first `count` lines of the file that `filter` (a grep pattern) matches, via `gzip -dc`.
    private static func lines(matching filter: String, count: Int) throws -> [Substring] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\" | grep -m \(count) -e \"$1\"", dataPath, filter]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // The file has CRLF line ends; "\r\n" is one Character, and a newline.
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
    }

    @Test func compiledAgreesWithMutableOnTheFirstPrefixesOfEachFamily() throws {
        guard FileManager.default.fileExists(atPath: Self.dataPath) else {
            // Not a failure: the data lives outside the repository. Say so in the results.
            Issue.record("full table not found at \(Self.dataPath); test skipped", severity: .warning)
            return
        }
        let texts = try Self.lines(matching: "\\.", count: 50_000) + Self.lines(matching: ":", count: 20_000)
        #expect(texts.count == 70_000)
        var table = PrefixTable<Int>()
        for (index, text) in texts.enumerated() {
            table.insert(index, for: try IPPrefix(text))
        }
        let compiled = table.compiled()
        #expect(compiled.count == table.count)

        var rng = SplitMix64(seed: 0xF011)
        var probes: [IPAddress] = []
        for entry in table where rng.below(4) == 0 {
            probes += [entry.prefix.address, entry.prefix.address.offset(by: -1), entry.prefix.lastAddress,
                       entry.prefix.lastAddress.offset(by: 1)]
        }
        for _ in 0..<10_000 {
            probes.append(.v4(IPv4Address(UInt32(truncatingIfNeeded: rng.next()))))
            probes.append(.v6(IPv6Address(high: 0x2000_0000_0000_0000 | rng.next() >> 3, low: rng.next())))
        }
        var mismatches = 0
        for address in probes where compiled.longestMatch(address) != table.longestMatch(address) {
            mismatches += 1
            if mismatches <= 5 { Issue.record("mismatch at \(address)") }
        }
        #expect(mismatches == 0)
    }
}
