extension AsaSyslogMessage {
    /// Why a syslog line was not read as a message: every line either parses or is refused with
    /// one of these, naming the message id when the line has a tag.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// What was wrong.
        public enum Reason: Hashable, Sendable {
            /// No `%ASA-`/`%FTD-`/`%PIX-`/`%NGIPS-` tag in the line.
            case noTag
            /// A message Gatewatch does not read (another id).
            case unsupportedMessage
            /// The body does not have the message's layout; `expected` says what was missing.
            case malformed(expected: String)
            /// An endpoint was logged as a host name (`names` enabled on the firewall) that no
            /// `name` command of a loaded firewall config resolves.
            case endpointIsName(String)
        }

        /// The message id (106023, 302013…), nil when the line has no tag.
        public var messageID: Int?
        /// What was wrong.
        public var reason: Reason

        /// A refusal of message `messageID` for `reason`.
        public init(messageID: Int?, reason: Reason) {
            self.messageID = messageID
            self.reason = reason
        }

        /// One line naming the message id and the reason.
        public var description: String {
            let id = messageID.map { "message \($0)" } ?? "line"
            switch reason {
            case .noTag: return "no %ASA-/%FTD- message tag in the line"
            case .unsupportedMessage: return "\(id) is not one Gatewatch reads"
            case .malformed(let expected): return "\(id): expected \(expected)"
            case .endpointIsName(let name):
                return "\(id): the endpoint `\(name)` is a host name (`names` is enabled on the firewall); "
                    + "load the firewall config whose `name` commands define it"
            }
        }
    }
}
