/// Splits a TCP syslog stream into messages (RFC 6587): octet counting (`LEN SP MSG`, chosen when
/// a frame starts with a digit) or non-transparent framing (a message ends at LF; a trailing CR
/// or NUL is dropped). A message longer than `maximumMessageSize` is skipped to its end and
/// counted, never held; a bad length prefix is counted and the stream goes on at the next LF.
public struct SyslogFramer: Sendable {
    /// Digits of an octet count (RFC 6587 allows up to the message size limit).
    static let maximumCountDigits = 9

    /// The largest message kept.
    public let maximumMessageSize: Int
    /// Messages longer than the limit, skipped.
    public private(set) var oversize = 0
    /// Frames that did not read as octet counting or a message.
    public private(set) var malformed = 0

    private enum State: Sendable {
        case start
        case count(Int, digits: Int)
        case counted(remaining: Int)
        case skipCounted(remaining: Int)
        case line
        case skipLine
    }

    private var state = State.start
    private var buffer: [UInt8] = []

    /// A framer keeping messages of at most `maximumMessageSize` bytes.
    public init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    /// Feeds the next bytes of the stream; calls `sink` with each complete message.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ sink: ([UInt8]) -> Void) {
        for byte in bytes {
            switch state {
            case .start:
                if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                    state = .count(Int(byte - UInt8(ascii: "0")), digits: 1)
                } else if byte == 10 || byte == 13 || byte == 0 {
                    continue
                } else {
                    buffer.append(byte)
                    state = .line
                }
            case .count(let value, let digits):
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    if digits >= Self.maximumCountDigits {
                        malformed += 1
                        buffer.removeAll(keepingCapacity: true)
                        state = .skipLine
                    } else {
                        state = .count(value * 10 + Int(byte - UInt8(ascii: "0")), digits: digits + 1)
                    }
                } else if byte == UInt8(ascii: " ") {
                    if value > maximumMessageSize {
                        oversize += 1
                        state = .skipCounted(remaining: value)
                    } else {
                        buffer.reserveCapacity(value)
                        state = .counted(remaining: value)
                    }
                } else {
                    // Not a count after all: a newline-framed message that starts with digits.
                    buffer.append(contentsOf: String(value).utf8)
                    state = .line
                    appendLine(byte, sink)
                }
            case .counted(let remaining):
                buffer.append(byte)
                if remaining == 1 {
                    sink(buffer)
                    buffer.removeAll(keepingCapacity: true)
                    state = .start
                } else {
                    state = .counted(remaining: remaining - 1)
                }
            case .skipCounted(let remaining):
                state = remaining == 1 ? .start : .skipCounted(remaining: remaining - 1)
            case .line:
                appendLine(byte, sink)
            case .skipLine:
                if byte == 10 { state = .start }
            }
        }
    }

    private mutating func appendLine(_ byte: UInt8, _ sink: ([UInt8]) -> Void) {
        if byte == 10 {
            while let last = buffer.last, last == 13 || last == 0 { buffer.removeLast() }
            if !buffer.isEmpty { sink(buffer) }
            buffer.removeAll(keepingCapacity: true)
            state = .start
        } else if buffer.count >= maximumMessageSize {
            oversize += 1
            buffer.removeAll(keepingCapacity: true)
            state = .skipLine
        } else {
            buffer.append(byte)
        }
    }

    /// Ends the stream: a last newline-framed message without its LF is delivered.
    public mutating func finish(_ sink: ([UInt8]) -> Void) {
        if case .line = state, !buffer.isEmpty { sink(buffer) }
        buffer.removeAll()
        state = .start
    }
}
