import LPM

/// Where `--syslog-listen` listens: `udp://ADDR:PORT` or `tcp://ADDR:PORT` (IPv6 in brackets).
public struct SyslogEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The transport.
    public enum Transport: String, Hashable, Sendable {
        /// One message per datagram (RFC 5426).
        case udp
        /// A stream of octet-counted or newline-ended messages (RFC 6587).
        case tcp
    }

    /// The transport.
    public var transport: Transport
    /// The local address to bind.
    public var address: IPAddress
    /// The port (0: any free port, as the tests use).
    public var port: UInt16

    /// An endpoint.
    public init(transport: Transport, address: IPAddress, port: UInt16) {
        self.transport = transport
        self.address = address
        self.port = port
    }

    /// Parses `udp://ADDR:PORT` or `tcp://ADDR:PORT`; nil with anything else.
    public init?(parsing text: String) {
        guard let schemeEnd = text.range(of: "://"), let transport = Transport(rawValue: String(text[..<schemeEnd.lowerBound]))
        else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else {
            guard let colon = rest.lastIndex(of: ":") else { return nil }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard let address = IPAddress(parsing: host), let port = UInt16(portText) else { return nil }
        self.init(transport: transport, address: address, port: port)
    }

    /// `udp://ADDR:PORT`.
    public var description: String {
        if case .v6 = address { return "\(transport.rawValue)://[\(address)]:\(port)" }
        return "\(transport.rawValue)://\(address):\(port)"
    }
}
