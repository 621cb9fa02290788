import LPM

/// A Cisco ASA / FTD syslog message about a connection, a translation or an access decision
/// (docs/cisco-firewall.md §9, docs/traffic.md §3): 106015 (deny TCP, no connection), 106023
/// (denied by access-group), 106100 (access-list hit with `log`), 302013/302015 (built TCP/UDP),
/// 302014/302016 (teardown TCP/UDP), 302020/302021 (built/teardown ICMP), 305011/305012
/// (built/teardown translation), 710003 (to-the-box access denied), FTD 430002/430003
/// (connection start/end).
///
/// `source` is the initiator: the `src` side, the side left of `->`, the `for` side of an
/// inbound Built and the `to` side of an outbound one. A Teardown has no direction; its
/// `source`/`destination` stay nil until `resolvingInitiator(with:)` pairs it with its Built.
public struct AsaSyslogMessage: Hashable, Sendable {
    /// What happened.
    public enum Event: Hashable, Sendable {
        /// 106023: a packet denied by an access group.
        case deniedByAccessGroup
        /// 106100: a packet hit an access-list line with `log`.
        case accessListHit(AccessListOutcome)
        /// 302013 / 302015: a connection was built.
        case connectionBuilt(ConnectionDirection)
        /// 302014 / 302016: a connection was torn down.
        case connectionTeardown
        /// 710003: a TCP/UDP service on the firewall itself refused the source.
        case toTheBoxDenied
        /// 106015: a TCP packet with no connection was denied.
        case deniedNoConnection
        /// 302020: an ICMP connection was built.
        case icmpConnectionBuilt(ConnectionDirection)
        /// 302021: an ICMP connection was torn down.
        case icmpConnectionTeardown
        /// 305011: a dynamic or static translation was built.
        case translationBuilt(TranslationKind)
        /// 305012: a translation was torn down.
        case translationTeardown(TranslationKind)
        /// FTD 430002: a connection started (its access-control rule action in `ruleAction`).
        case connectionStart
        /// FTD 430003: a connection ended, with bytes each way.
        case connectionEnd
    }

    /// `dynamic` or `static` in a translation message.
    public enum TranslationKind: String, Hashable, Sendable {
        /// Dynamic NAT/PAT.
        case dynamic
        /// Static NAT.
        case `static`
    }

    /// The verb of a 106100 message.
    public enum AccessListOutcome: String, Hashable, Sendable {
        /// `permitted`.
        case permitted
        /// `denied`.
        case denied
        /// `est-allowed`.
        case establishedAllowed = "est-allowed"
    }

    /// `inbound` or `outbound` in a Built message.
    public enum ConnectionDirection: String, Hashable, Sendable {
        /// The `for` endpoint initiated.
        case inbound
        /// The `to` endpoint initiated.
        case outbound
    }

    /// One side of a connection or packet.
    public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
        /// The interface nameif, when the message gives one.
        public let interface: String?
        /// The real (untranslated) address.
        public let address: IPAddress
        /// The port (or, for ICMP in 106100, 0 for the source and the type for the destination).
        public let port: UInt16?
        /// The mapped (translated) address of a Built message.
        public let mappedAddress: IPAddress?
        /// The mapped port of a Built message.
        public let mappedPort: UInt16?
        /// The port as written when it is a service name (710003 writes `telnet`).
        public let service: String?
        /// The host name the message wrote instead of the address (`names` enabled), resolved
        /// through the firewall's `name` commands.
        public let name: String?
        /// The identity-firewall user or DNS-snooped host name in parentheses after the port.
        public let user: String?

        /// Creates an endpoint.
        public init(interface: String?, address: IPAddress, port: UInt16?, mappedAddress: IPAddress? = nil,
                    mappedPort: UInt16? = nil, service: String? = nil, name: String? = nil, user: String? = nil) {
            self.interface = interface
            self.address = address
            self.port = port
            self.mappedAddress = mappedAddress
            self.mappedPort = mappedPort
            self.service = service
            self.name = name
            self.user = user
        }

        /// `ifc:address/port`.
        public var description: String {
            let where_ = interface.map { "\($0):" } ?? ""
            let port = self.port.map { "/\($0)" } ?? service.map { "/\($0)" } ?? ""
            return "\(where_)\(address)\(port)"
        }
    }

    /// `ASA`, `FTD` or `PIX`.
    public let product: String
    /// The syslog severity 0–7.
    public let severity: Int
    /// The message number (106023, 302013…).
    public let messageID: Int
    /// What happened.
    public let event: Event
    /// The protocol as written, lowercased (`tcp`, `udp`, `icmp`, `47`).
    public let protocolName: String
    /// The protocol number when the name is known.
    public let ipProtocol: UInt8?
    /// The endpoints in the order the message writes them.
    public let endpoints: [Endpoint]
    /// The initiator, when the message says which side it is.
    public let source: Endpoint?
    /// The responder, when the message says which side it is.
    public let destination: Endpoint?
    /// The access list named (106023, 106100).
    public let accessList: String?
    /// The connection id (Built, Teardown).
    public let connectionID: UInt64?
    /// ICMP type and code (106023 `(type T, code C)`).
    public let icmpType: UInt8?
    /// ICMP code.
    public let icmpCode: UInt8?
    /// The two hashes in brackets (106023, 106100), as written.
    public let hashes: [String]
    /// Teardown duration `h:mm:ss`.
    public let duration: String?
    /// Teardown byte count.
    public let bytes: UInt64?
    /// Teardown reason (the text after the byte count).
    public let reason: String?
    /// FTD 430003: bytes from the initiator.
    public let initiatorBytes: UInt64?
    /// FTD 430003: bytes from the responder.
    public let responderBytes: UInt64?
    /// FTD 430002/430003: `AccessControlRuleAction` (`Allow`, `Block`, `Trust`…).
    public let ruleAction: String?
    /// 106015: the TCP flags as written (`RST`, `FIN ACK`).
    public let tcpFlags: String?

    /// Creates a message.
    public init(product: String, severity: Int, messageID: Int, event: Event, protocolName: String,
                endpoints: [Endpoint], source: Endpoint?, destination: Endpoint?, accessList: String? = nil,
                connectionID: UInt64? = nil, icmpType: UInt8? = nil, icmpCode: UInt8? = nil, hashes: [String] = [],
                duration: String? = nil, bytes: UInt64? = nil, reason: String? = nil, initiatorBytes: UInt64? = nil,
                responderBytes: UInt64? = nil, ruleAction: String? = nil, tcpFlags: String? = nil) {
        self.product = product
        self.severity = severity
        self.messageID = messageID
        self.event = event
        self.protocolName = protocolName
        self.ipProtocol = IPProtocolTable.number(for: protocolName)
        self.endpoints = endpoints
        self.source = source
        self.destination = destination
        self.accessList = accessList
        self.connectionID = connectionID
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.hashes = hashes
        self.duration = duration
        self.bytes = bytes
        self.reason = reason
        self.initiatorBytes = initiatorBytes
        self.responderBytes = responderBytes
        self.ruleAction = ruleAction
        self.tcpFlags = tcpFlags
    }

    /// True when the firewall denied the traffic: 106023, 106015, 106100 `denied`, 710003, and an
    /// FTD connection event whose rule action blocks.
    public var isDenied: Bool {
        switch event {
        case .deniedByAccessGroup, .deniedNoConnection, .toTheBoxDenied: return true
        case .accessListHit(let outcome): return outcome == .denied
        case .connectionStart, .connectionEnd: return ruleAction?.lowercased().contains("block") == true
        default: return false
        }
    }

    /// Seconds in a `h:mm:ss` duration, when there is one.
    public var durationSeconds: Int? {
        guard let duration else { return nil }
        let parts = duration.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 || (parts.count == 1 && !duration.contains(":")) else { return nil }
        return parts.count == 1 ? parts[0] : parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    /// True when the message says which endpoint initiated.
    public var initiatorKnown: Bool { source != nil }

    /// The interface the initiator's packets arrive on, when known.
    public var interface: String? { source?.interface }

    /// A Teardown with its initiator taken from the Built message of the same connection id
    /// (the endpoints come in the same order); `self` unchanged when `built` does not fit.
    public func resolvingInitiator(with built: AsaSyslogMessage) -> AsaSyslogMessage {
        let direction: ConnectionDirection
        switch (event, built.event) {
        case (.connectionTeardown, .connectionBuilt(let d)), (.icmpConnectionTeardown, .icmpConnectionBuilt(let d)):
            direction = d
        default:
            return self
        }
        guard built.connectionID == connectionID, endpoints.count == 2 else { return self }
        let (initiator, responder) = direction == .inbound ? (endpoints[0], endpoints[1]) : (endpoints[1], endpoints[0])
        return AsaSyslogMessage(product: product, severity: severity, messageID: messageID, event: event,
                                protocolName: protocolName, endpoints: endpoints, source: initiator,
                                destination: responder, accessList: accessList, connectionID: connectionID,
                                icmpType: icmpType, icmpCode: icmpCode, hashes: hashes, duration: duration,
                                bytes: bytes, reason: reason, initiatorBytes: initiatorBytes,
                                responderBytes: responderBytes, ruleAction: ruleAction, tcpFlags: tcpFlags)
    }
}
