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
}
