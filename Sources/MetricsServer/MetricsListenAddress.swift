/// `--metrics-listen ADDR:PORT`: where the metrics page is served. `127.0.0.1:9464`,
/// `[::1]:9464`, `:9464` (every IPv4 interface); port 0 picks a free port.
public struct MetricsListenAddress: Hashable, Sendable, CustomStringConvertible {
    /// The host part: an IPv4 or IPv6 literal, or empty for every IPv4 interface.
    public var host: String
    /// The port.
    public var port: UInt16

    /// An address of `host` and `port`.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// True when the host is an IPv6 literal.
    public var isIPv6: Bool { host.contains(":") }

    /// `ADDR:PORT`, with brackets around an IPv6 literal.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `ADDR:PORT`; the message of the error names what was expected.
    public static func parse(_ text: String) throws(MetricsServerError) -> MetricsListenAddress {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw MetricsServerError("--metrics-listen: expected [IPv6]:PORT, got '\(text)'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw MetricsServerError("--metrics-listen: expected ADDR:PORT (127.0.0.1:9464, [::1]:9464, :9464), got '\(text)'")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else {
            throw MetricsServerError("--metrics-listen: expected a port from 0 to 65535, got '\(portText)'")
        }
        if !host.isEmpty {
            let valid = host.contains(":") ? host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
                : host.split(separator: ".", omittingEmptySubsequences: false).count == 4
                    && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { UInt8($0) != nil }
            guard valid else {
                throw MetricsServerError("--metrics-listen: expected an IPv4 or [IPv6] address, got '\(host)'")
            }
        }
        return MetricsListenAddress(host: String(host), port: port)
    }
}

/// Why the metrics server could not start, one line.
public struct MetricsServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The line.
    public var description: String { message }
}
