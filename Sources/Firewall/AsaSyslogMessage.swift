import LPM

/// A Cisco ASA / FTD syslog message about a connection or an access-list decision
/// (docs/cisco-firewall.md §9): 106023 (denied by access-group), 106100 (access-list hit with
/// `log`), 302013/302015 (built TCP/UDP), 302014/302016 (teardown TCP/UDP), 710003 (to-the-box
/// access denied).
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

        /// Creates an endpoint.
        public init(interface: String?, address: IPAddress, port: UInt16?, mappedAddress: IPAddress? = nil,
                    mappedPort: UInt16? = nil, service: String? = nil) {
            self.interface = interface
            self.address = address
            self.port = port
            self.mappedAddress = mappedAddress
            self.mappedPort = mappedPort
            self.service = service
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

    /// Creates a message.
    public init(product: String, severity: Int, messageID: Int, event: Event, protocolName: String,
                endpoints: [Endpoint], source: Endpoint?, destination: Endpoint?, accessList: String? = nil,
                connectionID: UInt64? = nil, icmpType: UInt8? = nil, icmpCode: UInt8? = nil, hashes: [String] = [],
                duration: String? = nil, bytes: UInt64? = nil, reason: String? = nil) {
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
    }

    /// True when the message says which endpoint initiated.
    public var initiatorKnown: Bool { source != nil }

    /// The interface the initiator's packets arrive on, when known.
    public var interface: String? { source?.interface }

    /// A Teardown with its initiator taken from the Built message of the same connection id
    /// (the endpoints come in the same order); `self` unchanged when `built` does not fit.
    public func resolvingInitiator(with built: AsaSyslogMessage) -> AsaSyslogMessage {
        guard case .connectionTeardown = event, case .connectionBuilt(let direction) = built.event,
              built.connectionID == connectionID, endpoints.count == 2
        else { return self }
        let (initiator, responder) = direction == .inbound ? (endpoints[0], endpoints[1]) : (endpoints[1], endpoints[0])
        return AsaSyslogMessage(product: product, severity: severity, messageID: messageID, event: event,
                                protocolName: protocolName, endpoints: endpoints, source: initiator,
                                destination: responder, accessList: accessList, connectionID: connectionID,
                                icmpType: icmpType, icmpCode: icmpCode, hashes: hashes, duration: duration,
                                bytes: bytes, reason: reason)
    }
}
