import Foundation
import Testing
@testable import Traffic

@Suite struct GzipTests {
    private func bytes(_ base64: String) throws -> [UInt8] {
        try #require(Data(base64Encoded: base64).map { [UInt8]($0) })
    }

    @Test func decompressesAFileWrittenByGzipWithDynamicHuffmanBlocks() throws {
        let output = try Gzip.decompress(try bytes(GzipFixtures.flowsLogGz))
        #expect(output.count == GzipFixtures.flowsLogLength)
        let text = String(decoding: output, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 401)
        #expect(lines[0].hasPrefix("version account-id interface-id"))
        #expect(lines[400] == "2 123456789012 eni-0510b72d69e7aab6c 10.0.41.20 103.47.244.49 33167 443 6 409 399017 1796573199 1796573259 ACCEPT OK")
    }

    @Test func decompressesStoredBlocks() throws {
        #expect(try Gzip.decompress(try bytes(GzipFixtures.randomGz)) == (try bytes(GzipFixtures.random)))
    }

    @Test func concatenatesEveryMember() throws {
        let output = try Gzip.decompress(try bytes(GzipFixtures.twoMembers))
        #expect(String(decoding: output, as: UTF8.self) == "first member\nsecond member\n")
    }

    @Test func refusesACorruptedChecksum() throws {
        var input = try bytes(GzipFixtures.flowsLogGz)
        input[input.count - 8] ^= 0xFF
        #expect(throws: GzipError(.checksumMismatch, offset: input.count - 8)) { try Gzip.decompress(input) }
    }

    @Test func refusesAWrongSize() throws {
        var input = try bytes(GzipFixtures.flowsLogGz)
        input[input.count - 4] ^= 0x01
        #expect(throws: GzipError(.sizeMismatch, offset: input.count - 4)) { try Gzip.decompress(input) }
    }

    @Test func refusesTruncatedInputAtEveryLength() throws {
        let input = try bytes(GzipFixtures.flowsLogGz)
        for length in stride(from: 0, to: input.count, by: 97) {
            #expect(throws: GzipError.self) { try Gzip.decompress(Array(input[0..<length])) }
        }
    }

    @Test func refusesNonGzipAndOtherMethods() throws {
        #expect(throws: GzipError(.notGzip, offset: 0)) { try Gzip.decompress(Array("plain text here".utf8)) }
        var input = try bytes(GzipFixtures.twoMembers)
        input[2] = 7
        #expect(throws: GzipError(.unsupportedMethod, offset: 2)) { try Gzip.decompress(input) }
    }

    @Test func neverReturnsCorruptedOutputForFlippedBits() throws {
        let input = try bytes(GzipFixtures.flowsLogGz)
        let original = try Gzip.decompress(input)
        var failures = 0
        for position in stride(from: 10, to: input.count - 8, by: 13) {
            var corrupted = input
            corrupted[position] ^= 0x5A
            do {
                // A flip in the final padding bits changes nothing; anything else must be caught.
                #expect(try Gzip.decompress(corrupted) == original)
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0)
    }

    @Test func refusesAReservedBlockType() {
        // Header, then a final block of type 3 (bits 1, 11).
        let input: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: GzipError(.invalidBlockType, offset: 10)) { try Gzip.decompress(input) }
    }

    @Test func inflatesAFixedHuffmanBlockWithAnOverlappingCopy() throws {
        // zlib.compress(b"abcabcabcabcabc", wbits=-15) with Z_FIXED: "abc" then a length-12 copy at distance 3.
        let raw: [UInt8] = [0x4B, 0x4C, 0x4A, 0x4E, 0x44, 0x42, 0x00]
        let (output, end) = try Inflate.decompress(raw)
        #expect(String(decoding: output, as: UTF8.self) == "abcabcabcabcabc")
        #expect(end == raw.count)
    }

    @Test func theEightByteChecksumEqualsTheByteByByteOne() {
        var rng = FastAggregationTests.Seeded(state: 11)
        let bytes = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes { crc = CRC32.tables[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            return crc ^ 0xFFFF_FFFF
        }
        for length in Array(0...40) + [999, 4096, 5000] {
            for start in [0, 3] where start + length <= bytes.count {
                let slice = bytes[start..<(start + length)]
                #expect(CRC32.checksum(Array(slice)) == reference(slice), "length \(length) from \(start)")
            }
        }
        // The check value of CRC-32/ISO-HDLC.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test(arguments: ["-1", "-6", "-9"])
    func inflatesWhatGzipWritesAtEveryLevel(level: String) throws {
        // Flow-log-like text: long matches, overlapping copies, literals, several dynamic blocks.
        var rng = FastAggregationTests.Seeded(state: 5)
        var text: [UInt8] = []
        for index in 0..<30_000 {
            let line = "2 123456789012 eni-0123456789abcdef0 10.64.\(rng.below(30)).\(10 + rng.below(10)) "
                + "203.0.\(rng.below(256)).\(rng.below(256)) \(32_768 + rng.below(28_000)) 443 6 \(rng.below(99)) "
                + "\(rng.below(900_000)) \(1_796_551_200 + index) \(1_796_551_260 + index) ACCEPT OK\n"
            text.append(contentsOf: line.utf8)
        }
        text.append(contentsOf: [UInt8](repeating: 65, count: 70_000))
        let compressed = try #require(Self.gzip(text, level: level))
        #expect(try Gzip.decompress(compressed) == text)
        // Without the trailer's size hint the output grows as it goes.
        let (inflated, _) = try Inflate.decompress(compressed, from: 10)
        #expect(inflated == text)
    }

    /// `text` compressed by gzip(1).
    static func gzip(_ text: [UInt8], level: String) -> [UInt8]? {
        let path = NSTemporaryDirectory() + "gatewatch-gzip-test-\(UInt64.random(in: 0...UInt64.max)).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(text)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n", level, path]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }
}
