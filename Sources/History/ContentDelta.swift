/// A stored body as the difference from another (codec 1 in the journal's `content` table): copies
/// of runs of the base and literal bytes. Versions of one object, and objects of one kind written
/// one after another (pods of one Deployment), share most of their bytes; a delta keeps the rest.
///
/// Encoding: a sequence of operations, each a LEB128 number `n`: `n` even is a literal of `n / 2`
/// bytes that follow; `n` odd is a copy of `n / 2` bytes from the base at the offset that follows
/// (another LEB128 number).
enum ContentDelta {
    /// The shortest run worth a copy.
    private static let minimumMatch = 6

    /// A base prepared for encoding many targets against it: its bytes and where each 4-byte
    /// window first occurs.
    struct Base: Sendable {
        /// The base body.
        let bytes: [UInt8]
        fileprivate let index: [UInt32: Int]

        /// Indexes `bytes`.
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var index: [UInt32: Int] = [:]
            if bytes.count >= 4 {
                index.reserveCapacity(bytes.count)
                for position in 0...(bytes.count - 4) {
                    let key = ContentDelta.window(bytes, position)
                    if index[key] == nil { index[key] = position }
                }
            }
            self.index = index
        }
    }

    /// `target` as a delta against `base`.
    static func encode(_ target: [UInt8], base: [UInt8]) -> [UInt8] {
        encode(target, base: Base(base))
    }

    /// `target` as a delta against a prepared `base`.
    static func encode(_ target: [UInt8], base prepared: Base) -> [UInt8] {
        let base = prepared.bytes
        var out: [UInt8] = []
        out.reserveCapacity(target.count / 4)
        guard base.count >= minimumMatch else {
            appendLiteral(target[...], to: &out)
            return out
        }
        func matchLength(_ position: Int, _ candidate: Int) -> Int {
            var length = 0
            while position + length < target.count, candidate + length < base.count,
                  target[position + length] == base[candidate + length] {
                length += 1
            }
            return length
        }
        var literalStart = 0
        var position = 0
        var expected = 0  // where the base continues after the last copy
        while position + 4 <= target.count {
            var best = (offset: expected, length: expected < base.count ? matchLength(position, expected) : 0)
            if best.length < minimumMatch, let candidate = prepared.index[window(target, position)], candidate != expected {
                let length = matchLength(position, candidate)
                if length > best.length { best = (candidate, length) }
            }
            if best.length >= minimumMatch {
                if literalStart < position { appendLiteral(target[literalStart..<position], to: &out) }
                appendNumber(best.length * 2 + 1, to: &out)
                appendNumber(best.offset, to: &out)
                position += best.length
                expected = best.offset + best.length
                literalStart = position
            } else {
                position += 1
            }
        }
        if literalStart < target.count { appendLiteral(target[literalStart...], to: &out) }
        return out
    }

    /// The body `delta` encodes against `base`, or nil when it is malformed.
    static func decode(_ delta: [UInt8], base: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(base.count + delta.count)
        var position = 0
        while position < delta.count {
            guard let operation = readNumber(delta, &position) else { return nil }
            let length = operation / 2
            if operation % 2 == 0 {
                guard length <= delta.count - position else { return nil }
                out += delta[position..<(position + length)]
                position += length
            } else {
                guard let offset = readNumber(delta, &position), length <= base.count, offset <= base.count - length else {
                    return nil
                }
                out += base[offset..<(offset + length)]
            }
        }
        return out
    }

    fileprivate static func window(_ bytes: [UInt8], _ position: Int) -> UInt32 {
        UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16
            | UInt32(bytes[position + 3]) << 24
    }

    private static func appendLiteral(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        appendNumber(bytes.count * 2, to: &out)
        out += bytes
    }

    private static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt(value)
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func readNumber(_ bytes: [UInt8], _ position: inout Int) -> Int? {
        var value: UInt = 0
        var shift: UInt = 0
        while position < bytes.count, shift < 63 {
            let byte = bytes[position]
            position += 1
            value |= UInt(byte & 0x7f) << shift
            if byte < 0x80 { return Int(clamping: value) }
            shift += 7
        }
        return nil
    }
}
