/// Why a gzip member or DEFLATE stream could not be decompressed, and where.
public struct GzipError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Problem: String, Hashable, Sendable {
        /// The input ended inside a header, a block or the trailer.
        case truncated
        /// The first two bytes are not the gzip magic `1f 8b`.
        case notGzip
        /// The compression method is not 8 (DEFLATE).
        case unsupportedMethod
        /// A block type of 3 (reserved).
        case invalidBlockType
        /// A stored block whose length and its complement disagree.
        case storedLengthMismatch
        /// A Huffman code table that over-subscribes the code space or is otherwise unusable.
        case invalidTable
        /// A bit sequence that is no code of the current table, or a length/distance symbol out of range.
        case invalidCode
        /// A back-reference further back than the output so far.
        case distanceTooFar
        /// The trailer's CRC-32 differs from the data's.
        case checksumMismatch
        /// The trailer's size (ISIZE) differs from the data's length modulo 2^32.
        case sizeMismatch
    }

    /// What was wrong.
    public var problem: Problem
    /// The byte offset in the compressed input where it was found.
    public var offset: Int

    /// An error for `problem` at `offset`.
    public init(_ problem: Problem, offset: Int) {
        self.problem = problem
        self.offset = offset
    }

    /// `<problem> at byte <offset>`.
    public var description: String {
        let what: String
        switch problem {
        case .truncated: what = "the compressed data ends early"
        case .notGzip: what = "expected the gzip magic bytes 1f 8b"
        case .unsupportedMethod: what = "expected compression method 8 (deflate)"
        case .invalidBlockType: what = "invalid deflate block type 3"
        case .storedLengthMismatch: what = "stored block length does not match its complement"
        case .invalidTable: what = "invalid Huffman code table"
        case .invalidCode: what = "invalid Huffman code"
        case .distanceTooFar: what = "back-reference before the start of the data"
        case .checksumMismatch: what = "CRC-32 mismatch"
        case .sizeMismatch: what = "uncompressed size mismatch"
        }
        return "\(what) at byte \(offset)"
    }
}
