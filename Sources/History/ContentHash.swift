/// The 64-bit FNV-1a hash of stored contents: the journal finds an existing copy of a body by it
/// (and compares the bytes, so a collision costs a second row, never a wrong answer).
enum ContentHash {
    /// The hash of `bytes`, as SQLite's signed 64-bit integer.
    static func of(_ bytes: [UInt8]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
