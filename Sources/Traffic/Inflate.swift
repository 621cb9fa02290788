/// A DEFLATE (RFC 1951) decompressor in pure Swift: stored, fixed-Huffman and dynamic-Huffman
/// blocks. Codes up to `Inflate.fastBits` long are decoded with one table lookup; longer ones
/// with the canonical-code walk of zlib's `puff`.
///
/// It inflates a whole buffer (S3 flow-log files are at most 75 MB uncompressed) into memory it
/// manages itself (no per-byte bounds or capacity checks); the input is read eight bytes at a
/// time. Every way the input can be wrong is a `GzipError` with the byte offset where it was found.
public struct Inflate: Sendable {
    /// Bits resolved by the first-level lookup table.
    static let fastBits = 11
    /// The largest output size hint honoured up front (a larger output still grows as it needs).
    static let sizeHintLimit = 1 << 30

    /// Decompresses the raw DEFLATE stream starting at `offset` in `input`; returns the output
    /// and the offset of the first byte after the final block. `sizeHint` is the expected output
    /// size (a gzip trailer's ISIZE), used to reserve memory once.
    public static func decompress(_ input: [UInt8], from offset: Int = 0,
                                  sizeHint: Int = 0) throws(GzipError) -> (output: [UInt8], end: Int) {
        let capacity = max(min(sizeHint, sizeHintLimit), min(input.count, sizeHintLimit / 4) * 4, 4096)
        return try input.withUnsafeBufferPointer { (buffer) throws(GzipError) -> (output: [UInt8], end: Int) in
            var state = InflateState(input: buffer, position: offset, capacity: capacity)
            defer { state.releaseOutput() }
            try state.run()
            return (state.outputArray(), state.position)
        }
    }
}

/// A canonical Huffman code: counts per length, symbols in code order, and a lookup table for
/// short codes (entry = symbol << 4 | length; 0 = not resolved by the table).
struct HuffmanCode {
    var counts: [UInt16]
    var symbols: [UInt16]
    var fast: [UInt16]

    /// False when the lengths over-subscribe the code space (an incomplete code is allowed, as
    /// zlib allows it for distance codes).
    var isValid: Bool

    /// Builds the code for `lengths` (0 = symbol unused, at most 15).
    init(lengths: ArraySlice<UInt8>) {
        counts = [UInt16](repeating: 0, count: 16)
        for length in lengths { counts[Int(min(length, 15))] += 1 }
        var left = 1
        isValid = true
        for length in 1...15 {
            left <<= 1
            left -= Int(counts[length])
            if left < 0 { isValid = false }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + Int(counts[length]) }
        symbols = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[Int(length)]] = UInt16(symbol)
            offsets[Int(length)] += 1
        }
        // Fill the fast table: each code of length ≤ fastBits, bit-reversed (DEFLATE sends codes
        // most significant bit first into an LSB-first stream).
        let size = 1 << Inflate.fastBits
        fast = [UInt16](repeating: 0, count: size)
        var code = 0
        var index = 0
        for length in 1...Inflate.fastBits {
            for _ in 0..<Int(counts[length]) {
                let symbol = symbols[index]
                index += 1
                var reversed = 0
                for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                var slot = reversed
                while slot < size {
                    fast[slot] = symbol << 4 | UInt16(length)
                    slot += 1 << length
                }
                code += 1
            }
            code <<= 1
        }
    }
}

/// The decoder's state: the input, a bit buffer, and the output so far (in memory it allocates,
/// grows and frees itself; `outputArray()` copies it out).
struct InflateState {
    let input: UnsafeBufferPointer<UInt8>
    var position: Int
    /// Bits not yet consumed, least significant first. Above `bitCount` it may hold the low bits
    /// of the byte at `position` (read ahead by a word load), never anything else.
    var bitBuffer: UInt64 = 0
    var bitCount = 0
    private var output: UnsafeMutablePointer<UInt8>
    private var outputCapacity: Int
    private(set) var outputCount = 0

    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
                                       99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt32] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                         12, 12, 13, 13]
    /// The order code-length code lengths are sent in.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let fixedLiterals: HuffmanCode = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        // The fixed lengths are a complete code: construction cannot fail.
        return HuffmanCode(lengths: lengths[...])
    }()
    static let fixedDistances = HuffmanCode(lengths: [UInt8](repeating: 5, count: 30)[...])

    init(input: UnsafeBufferPointer<UInt8>, position: Int, capacity: Int) {
        self.input = input
        self.position = position
        outputCapacity = max(capacity, 1)
        output = .allocate(capacity: outputCapacity)
    }

    /// Frees the output memory; the state is not used afterwards.
    mutating func releaseOutput() {
        output.deallocate()
        outputCapacity = 0
        outputCount = 0
    }

    /// The output so far, as an array.
    func outputArray() -> [UInt8] {
        Array(UnsafeBufferPointer(start: output, count: outputCount))
    }

    /// The byte offset of the next unread bit, for error reports.
    var offset: Int { position - (bitCount + 7) / 8 }

    /// Tops the bit buffer up to at least 56 bits while input remains: one unaligned word load
    /// when eight bytes remain, else byte by byte.
    @inline(__always)
    mutating func refill() {
        if position &+ 8 <= input.count, let base = input.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            bitBuffer |= word &<< UInt64(bitCount)
            let bytes = (63 &- bitCount) &>> 3
            position &+= bytes
            bitCount &+= bytes &<< 3
            return
        }
        while bitCount <= 56 && position < input.count {
            bitBuffer |= UInt64(input[position]) &<< UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    @inline(__always)
    mutating func bits(_ count: Int) throws(GzipError) -> Int {
        if count == 0 { return 0 }
        if bitCount < count {
            refill()
            if bitCount < count { throw GzipError(.truncated, offset: input.count) }
        }
        let value = Int(truncatingIfNeeded: bitBuffer & ((1 &<< UInt64(count)) &- 1))
        bitBuffer &>>= UInt64(count)
        bitCount -= count
        return value
    }

    /// Makes room for `extra` more output bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if outputCount &+ extra > outputCapacity { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let capacity = max(outputCapacity * 2, outputCount + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.initialize(from: output, count: outputCount)
        output.deallocate()
        output = larger
        outputCapacity = capacity
    }

    mutating func run() throws(GzipError) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(Self.fixedLiterals, Self.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try codes(literals, distances)
            default: throw GzipError(.invalidBlockType, offset: offset)
            }
        }
        // Give back whole bytes read ahead into the bit buffer.
        position -= bitCount / 8
        bitCount = 0
        bitBuffer = 0
    }

    mutating func stored() throws(GzipError) {
        // Drop to a byte boundary, then give back buffered whole bytes.
        _ = try bits(bitCount % 8)
        position -= bitCount / 8
        bitCount = 0
        bitBuffer = 0
        guard position + 4 <= input.count else { throw GzipError(.truncated, offset: input.count) }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw GzipError(.storedLengthMismatch, offset: position) }
        position += 4
        guard position + length <= input.count else { throw GzipError(.truncated, offset: input.count) }
        reserve(length)
        if length > 0, let base = input.baseAddress {
            (output + outputCount).initialize(from: base + position, count: length)
        }
        outputCount += length
        position += length
    }

    /// The next symbol of `code`, whose fast table is `fast`.
    @inline(__always)
    mutating func decode(_ code: HuffmanCode, _ fast: UnsafeBufferPointer<UInt16>) throws(GzipError) -> Int {
        if bitCount < 15 { refill() }
        let entry = fast[Int(truncatingIfNeeded: bitBuffer) & ((1 << Inflate.fastBits) - 1)]
        if entry != 0 {
            let length = Int(entry & 15)
            if length > bitCount { throw GzipError(.truncated, offset: input.count) }
            bitBuffer &>>= UInt64(length)
            bitCount -= length
            return Int(entry >> 4)
        }
        return try decodeSlowly(code)
    }

    /// The canonical code walked one bit at a time (puff.c), for codes longer than the fast table.
    mutating func decodeSlowly(_ code: HuffmanCode) throws(GzipError) -> Int {
        var codeValue = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            codeValue |= try bits(1)
            let count = Int(code.counts[length])
            if codeValue - count < first { return Int(code.symbols[index + (codeValue - first)]) }
            index += count
            first += count
            first <<= 1
            codeValue <<= 1
        }
        throw GzipError(.invalidCode, offset: offset)
    }

    mutating func codes(_ literals: HuffmanCode, _ distances: HuffmanCode) throws(GzipError) {
        try literals.fast.withUnsafeBufferPointer { (literalFast) throws(GzipError) in
            try distances.fast.withUnsafeBufferPointer { (distanceFast) throws(GzipError) in
                try codes(literals, literalFast, distances, distanceFast)
            }
        }
    }

    private mutating func codes(_ literals: HuffmanCode, _ literalFast: UnsafeBufferPointer<UInt16>,
                                _ distances: HuffmanCode, _ distanceFast: UnsafeBufferPointer<UInt16>) throws(GzipError) {
        while true {
            let symbol = try decode(literals, literalFast)
            if symbol < 256 {
                reserve(1)
                output[outputCount] = UInt8(truncatingIfNeeded: symbol)
                outputCount &+= 1
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw GzipError(.invalidCode, offset: offset) }
                let length = Int(Self.lengthBase[lengthIndex]) + (try bits(Int(Self.lengthExtra[lengthIndex])))
                let distanceSymbol = try decode(distances, distanceFast)
                guard distanceSymbol < 30 else { throw GzipError(.invalidCode, offset: offset) }
                let distance = Int(Self.distanceBase[distanceSymbol])
                    + (try bits(Int(Self.distanceExtra[distanceSymbol])))
                guard distance <= outputCount else { throw GzipError(.distanceTooFar, offset: offset) }
                reserve(length)
                let target = output + outputCount
                let source = target - distance
                if distance >= length {
                    target.initialize(from: source, count: length)
                } else if distance == 1 {
                    target.initialize(repeating: source.pointee, count: length)
                } else {
                    // Overlapping: each byte may be one this copy wrote.
                    for i in 0..<length { target[i] = source[i] }
                }
                outputCount &+= length
            }
        }
    }

    mutating func dynamicTables() throws(GzipError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw GzipError(.invalidTable, offset: offset) }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[Self.codeLengthOrder[i]] = UInt8(try bits(3)) }
        let codeLengths = HuffmanCode(lengths: codeLengthLengths[...])
        guard codeLengths.isValid else { throw GzipError(.invalidTable, offset: offset) }
        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var index = 0
        try codeLengths.fast.withUnsafeBufferPointer { (fast) throws(GzipError) in
            while index < lengths.count {
                let symbol = try decode(codeLengths, fast)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                var value: UInt8 = 0
                var repeatCount: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw GzipError(.invalidTable, offset: offset) }
                    value = lengths[index - 1]
                    repeatCount = 3 + (try bits(2))
                case 17: repeatCount = 3 + (try bits(3))
                default: repeatCount = 11 + (try bits(7))
                }
                guard index + repeatCount <= lengths.count else { throw GzipError(.invalidTable, offset: offset) }
                for _ in 0..<repeatCount {
                    lengths[index] = value
                    index += 1
                }
            }
        }
        let literals = HuffmanCode(lengths: lengths[0..<literalCount])
        let distances = HuffmanCode(lengths: lengths[literalCount...])
        guard lengths[256] != 0, literals.isValid, distances.isValid else {
            throw GzipError(.invalidTable, offset: offset)
        }
        return (literals, distances)
    }
}
