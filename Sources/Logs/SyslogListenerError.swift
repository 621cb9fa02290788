/// Why a syslog listener could not start.
public struct SyslogListenerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The endpoint.
    public var endpoint: SyslogEndpoint
    /// The call that failed (`socket`, `bind`, `listen`).
    public var call: String
    /// `errno`'s text.
    public var reason: String

    /// `--syslog-listen udp://…: bind: Address already in use`.
    public var description: String { "--syslog-listen \(endpoint): \(call): \(reason)" }
}
