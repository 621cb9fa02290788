#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LPM

/// Reads VPC Flow Logs text records as they stream in: lines split across chunks, the header
/// line (S3 files) naming the columns, `-` for absent values, NODATA and SKIPDATA records
/// counted apart. Works on bytes, never on per-record strings.
///
/// Every malformed line is counted and kept (the first `problemLimit`) with its file and line;
/// none stops the parser. Lines longer than `maximumLineLength` are refused without being held.
public struct FlowLogParser: Sendable {
    /// The longest line read; longer ones are malformed.
    public static let maximumLineLength = 16_384
    /// How many problems are kept (all are counted in `statistics.malformed`).
    public static let problemLimit = 100

    /// The file the lines come from, for problem reports.
    public let file: String
    /// The columns: given, from the header line, or the default format once a record came first.
    public private(set) var format: FlowLogFormat?
    /// Counts so far.
    public private(set) var statistics = FlowLogStatistics()
    /// The first `problemLimit` problems.
    public private(set) var problems: [FlowLogProblem] = []

    private var plan: [FlowLogField?] = []
    private var pending: [UInt8] = []
    private var discarding = false
    private var lineNumber = 0

    /// A parser for `file`. With `format` nil, the first line is taken as a header when it reads
    /// as one (S3 files), else the default format applies (CloudWatch Logs, default format).
    public init(file: String, format: FlowLogFormat? = nil) {
        self.file = file
        self.format = format
        if let format { plan = Self.plan(for: format) }
    }

    private static func plan(for format: FlowLogFormat) -> [FlowLogField?] {
        format.columns.map { column in
            if case .field(let field) = column { return field }
            return nil
        }
    }

    /// Feeds the next chunk of the file; calls `sink` for every OK record on the lines it completes.
    public mutating func feed(_ chunk: [UInt8], _ sink: (FlowLogRecord) -> Void) {
        chunk.withUnsafeBufferPointer { feed($0, sink) }
    }

    /// Feeds the next chunk of the file from a buffer.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ sink: (FlowLogRecord) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var lineStart = 0
        let count = chunk.count
        // memchr finds each newline (vectorised in the C library).
        while lineStart < count, let newline = memchr(base + lineStart, 10, count - lineStart) {
            let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
            if !pending.isEmpty || discarding {
                appendPending(UnsafeBufferPointer(rebasing: chunk[lineStart..<index]))
                completePending(sink)
            } else if index - lineStart > Self.maximumLineLength {
                lineNumber += 1
                refuseLong(sink)
            } else {
                lineNumber += 1
                line(UnsafeBufferPointer(rebasing: chunk[lineStart..<index]), sink)
            }
            lineStart = index + 1
        }
        if lineStart < count { appendPending(UnsafeBufferPointer(rebasing: chunk[lineStart..<count])) }
    }

    /// Ends the input: a last line without a newline is read.
    public mutating func finish(_ sink: (FlowLogRecord) -> Void) {
        if !pending.isEmpty || discarding { completePending(sink) }
    }

    /// Reads one whole record line (a CloudWatch Logs event's message), numbered `number`.
    public mutating func parseLine(_ text: String, number: Int, _ sink: (FlowLogRecord) -> Void) {
        lineNumber = number - 1
        var bytes = Array(text.utf8)
        if bytes.count > Self.maximumLineLength {
            lineNumber += 1
            refuseLong(sink)
            return
        }
        bytes.append(10)
        feed(bytes, sink)
    }

    private mutating func appendPending(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !discarding else { return }
        if pending.count + bytes.count > Self.maximumLineLength {
            discarding = true
            pending.removeAll(keepingCapacity: true)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func completePending(_ sink: (FlowLogRecord) -> Void) {
        lineNumber += 1
        if discarding {
            discarding = false
            refuseLong(sink)
        } else {
            let bytes = pending
            bytes.withUnsafeBufferPointer { line($0, sink) }
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func refuseLong(_ sink: (FlowLogRecord) -> Void) {
        statistics.lines += 1
        report(.lineLength(limit: Self.maximumLineLength), found: "")
    }

    private mutating func report(_ expected: FlowLogProblem.Expected, found: String) {
        statistics.malformed += 1
        if problems.count < Self.problemLimit {
            problems.append(FlowLogProblem(file: file, line: lineNumber, expected: expected, found: found))
        }
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.prefix(80), as: UTF8.self)
    }

    // MARK: - One line

    private mutating func line(_ raw: UnsafeBufferPointer<UInt8>, _ sink: (FlowLogRecord) -> Void) {
        statistics.lines += 1
        var end = raw.count
        while end > 0, raw[end - 1] == 13 || raw[end - 1] == 32 || raw[end - 1] == 9 { end -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: raw[0..<end])
        let formatGiven = format != nil
        if !formatGiven {
            // The first line of a file without a known format: a header, or a record in the default format.
            let words = Self.tokens(bytes).map { Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
            if words.isEmpty { return }
            if FlowLogFormat.isHeader(words) {
                let format = FlowLogFormat(names: words.map(String.init))
                self.format = format
                plan = Self.plan(for: format)
                return
            }
            format = .default
            plan = Self.plan(for: .default)
        }
        // One pass: each token is read into its column's field as it is found; the first value
        // that does not read is remembered and reported only when the field count is right.
        var record = FlowLogRecord()
        var found = 0
        var firstToken = 0
        var problem: (field: FlowLogField, kind: String, token: Range<Int>)?
        let columns = plan.count
        var index = 0
        let count = bytes.count
        while index < count {
            while index < count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
            guard index < count else { break }
            let start = index
            while index < count, bytes[index] != 32, bytes[index] != 9 { index += 1 }
            if found == 0 { firstToken = start }
            if found < columns, problem == nil, let field = plan[found], index - start != 1 || bytes[start] != 45 {
                if let kind = Self.assign(field, UnsafeBufferPointer(rebasing: bytes[start..<index]), to: &record) {
                    problem = (field, kind, start..<index)
                }
            }
            found += 1
        }
        if found == 0 { return }
        if formatGiven, lineNumber == 1, found == columns, bytes[firstToken] >= UInt8(ascii: "a"),
           bytes[firstToken] <= UInt8(ascii: "z") {
            // A header repeating the given format.
            return
        }
        guard found == columns else {
            report(.fieldCount(expected: columns, found: found), found: Self.text(bytes))
            return
        }
        if let problem {
            report(.value(field: problem.field, kind: problem.kind),
                   found: String(decoding: UnsafeBufferPointer(rebasing: bytes[problem.token]).prefix(80), as: UTF8.self))
            return
        }
        switch record.logStatus {
        case .noData?: statistics.noData += 1
        case .skipData?: statistics.skipData += 1
        case .ok?, nil:
            statistics.records += 1
            sink(record)
        }
    }

    /// The ranges of the space- or tab-separated tokens of `bytes`.
    private static func tokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        let count = bytes.count
        while index < count {
            while index < count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
            guard index < count else { break }
            let start = index
            while index < count, bytes[index] != 32, bytes[index] != 9 { index += 1 }
            ranges.append(start..<index)
        }
        return ranges
    }

    /// Stores `token` into `field` of `record`; returns what was expected when it does not read.
    private static func assign(_ field: FlowLogField, _ token: UnsafeBufferPointer<UInt8>,
                               to record: inout FlowLogRecord) -> String? {
        switch field {
        case .version:
            guard let value = unsigned(token), value <= 255 else { return "a version number" }
            record.version = UInt8(value)
        case .interfaceID:
            record.interfaceID = NetworkInterfaceID(bytes: token)
        case .sourceAddress, .destinationAddress, .packetSourceAddress, .packetDestinationAddress:
            guard let address = address(token) else { return "an IP address" }
            switch field {
            case .sourceAddress: record.sourceAddress = address
            case .destinationAddress: record.destinationAddress = address
            case .packetSourceAddress: record.packetSourceAddress = address
            default: record.packetDestinationAddress = address
            }
        case .sourcePort, .destinationPort:
            guard let value = unsigned(token), value <= 65_535 else { return "a port 0-65535" }
            if field == .sourcePort { record.sourcePort = UInt16(value) } else { record.destinationPort = UInt16(value) }
        case .ipProtocol:
            guard let value = unsigned(token), value <= 255 else { return "a protocol number 0-255" }
            record.ipProtocol = UInt8(value)
        case .packets:
            guard let value = unsigned(token) else { return "a packet count" }
            record.packets = value
        case .bytes:
            guard let value = unsigned(token) else { return "a byte count" }
            record.bytes = value
        case .start, .end:
            guard let value = unsigned(token), value <= UInt64(Int64.max) else { return "Unix seconds" }
            if field == .start { record.start = Int64(value) } else { record.end = Int64(value) }
        case .action:
            if equals(token, "ACCEPT") { record.action = .accept } else if equals(token, "REJECT") {
                record.action = .reject
            } else { return "ACCEPT or REJECT" }
        case .logStatus:
            if equals(token, "OK") { record.logStatus = .ok } else if equals(token, "NODATA") {
                record.logStatus = .noData
            } else if equals(token, "SKIPDATA") { record.logStatus = .skipData } else {
                return "OK, NODATA or SKIPDATA"
            }
        case .flowDirection:
            if equals(token, "ingress") { record.flowDirection = .ingress } else if equals(token, "egress") {
                record.flowDirection = .egress
            } else { return "ingress or egress" }
        case .trafficPath:
            guard let value = unsigned(token), value <= 255 else { return "a traffic-path number" }
            record.trafficPath = UInt8(value)
        case .tcpFlags:
            guard let value = unsigned(token), value <= 65_535 else { return "TCP flags" }
            record.tcpFlags = UInt16(value)
        default:
            break
        }
        return nil
    }

    @inline(__always)
    private static func equals(_ token: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard token.count == text.utf8CodeUnitCount else { return false }
        let pointer = text.utf8Start
        for index in 0..<token.count where token[index] != pointer[index] { return false }
        return true
    }

    @inline(__always)
    static func unsigned(_ token: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !token.isEmpty, token.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in token {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// A dotted quad read straight from the bytes; IPv6 through the LPM parser.
    @inline(__always)
    static func address(_ token: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in token {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return version6(token) }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return version6(token) }
                octet = octet * 10 + UInt32(digit)
                digits += 1
                guard octet <= 255, digits <= 3 else { return version6(token) }
            }
        }
        guard dots == 3, digits > 0 else { return version6(token) }
        return .v4(IPv4Address(value << 8 | octet))
    }

    /// An IPv6 address through the LPM parser; nil for anything without a colon.
    private static func version6(_ token: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        guard token.contains(UInt8(ascii: ":")) else { return nil }
        return IPAddress(parsing: String(decoding: token, as: UTF8.self))
    }
}
