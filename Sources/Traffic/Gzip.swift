/// gzip (RFC 1952) decompression on top of `Inflate`: every member of a multi-member file,
/// header flags (FEXTRA, FNAME, FCOMMENT, FHCRC), CRC-32 and size checked per member.
public enum Gzip {
    /// True when `bytes` starts with the gzip magic `1f 8b`.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// Decompresses every member of `input` and concatenates them.
    public static func decompress(_ input: [UInt8]) throws(GzipError) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        // The last member's ISIZE: the whole output's size (modulo 2^32) for a one-member file.
        let sizeHint = input.count >= 18 ? Int(littleEndian32(input, at: input.count - 4)) : 0
        repeat {
            let start = try headerEnd(input, from: position)
            let (member, end) = try Inflate.decompress(input, from: start, sizeHint: output.isEmpty ? sizeHint : 0)
            guard end + 8 <= input.count else { throw GzipError(.truncated, offset: input.count) }
            let crc = littleEndian32(input, at: end)
            let size = littleEndian32(input, at: end + 4)
            guard CRC32.checksum(member) == crc else { throw GzipError(.checksumMismatch, offset: end) }
            guard UInt32(truncatingIfNeeded: member.count) == size else { throw GzipError(.sizeMismatch, offset: end + 4) }
            if output.isEmpty { output = member } else { output.append(contentsOf: member) }
            position = end + 8
            // Trailing zero padding (some writers pad to a block size) ends the file.
            while position < input.count && input[position] == 0 { position += 1 }
        } while position < input.count
        return output
    }

    private static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// The offset of the DEFLATE data after the member header at `offset`.
    private static func headerEnd(_ input: [UInt8], from offset: Int) throws(GzipError) -> Int {
        guard offset + 10 <= input.count else { throw GzipError(.truncated, offset: input.count) }
        guard input[offset] == 0x1F, input[offset + 1] == 0x8B else { throw GzipError(.notGzip, offset: offset) }
        guard input[offset + 2] == 8 else { throw GzipError(.unsupportedMethod, offset: offset + 2) }
        let flags = input[offset + 3]
        var position = offset + 10
        if flags & 0x04 != 0 {
            guard position + 2 <= input.count else { throw GzipError(.truncated, offset: input.count) }
            position += 2 + (Int(input[position]) | Int(input[position + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            while position < input.count && input[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }
        guard position <= input.count else { throw GzipError(.truncated, offset: input.count) }
        return position
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as gzip's trailer uses it; eight
/// bytes a step through eight tables (slicing-by-8).
enum CRC32 {
    /// Table `k` (entries `k * 256 ..< (k + 1) * 256`): the CRC of a byte followed by `k` zero bytes.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for n in 0..<256 {
            var c = tables[n]
            for k in 1..<8 {
                c = tables[Int(c & 0xFF)] ^ (c >> 8)
                tables[k * 256 + n] = c
            }
        }
        return tables
    }()

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                var index = 0
                let count = bytes.count
                while index + 8 <= count {
                    let raw = UnsafeRawPointer(base + index)
                    let one = UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)) ^ crc
                    let two = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                    crc = table[7 * 256 + Int(one & 0xFF)] ^ table[6 * 256 + Int((one >> 8) & 0xFF)]
                        ^ table[5 * 256 + Int((one >> 16) & 0xFF)] ^ table[4 * 256 + Int(one >> 24)]
                        ^ table[3 * 256 + Int(two & 0xFF)] ^ table[2 * 256 + Int((two >> 8) & 0xFF)]
                        ^ table[256 + Int((two >> 16) & 0xFF)] ^ table[Int(two >> 24)]
                    index += 8
                }
                while index < count {
                    crc = table[Int((crc ^ UInt32(base[index])) & 0xFF)] ^ (crc >> 8)
                    index += 1
                }
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
