import Firewall
import Inventory
import LPM

/// What to trace: a sender, a destination, and the transport details the firewall matches on.
public struct TraceQuery: Hashable, Sendable {
    /// Who sends the packet.
    public enum Sender: Hashable, Sendable {
        /// An existing pod, by namespace and name.
        case pod(namespace: String, name: String)
        /// A pod that does not exist (yet): its namespace and labels, and optionally its node.
        case hypothetical(namespace: String, labels: [String: String], node: String?)
    }

    /// Who sends the packet.
    public var sender: Sender
    /// The destination address.
    public var destination: IPAddress
    /// The destination port (TCP/UDP).
    public var destinationPort: UInt16?
    /// The source port the client uses, if it matters to the firewall.
    public var sourcePort: UInt16?
    /// The IP protocol number (6 TCP, 17 UDP, 1 ICMP).
    public var ipProtocol: UInt8
    /// The ICMP type and code, for ICMP.
    public var icmpType: UInt8?
    /// The ICMP code, for ICMP.
    public var icmpCode: UInt8?
    /// When the packet is sent, for firewall time ranges; nil takes time-ranged lines as active.
    public var at: EvaluationTime?

    /// Creates a query; TCP by default.
    public init(sender: Sender, destination: IPAddress, destinationPort: UInt16? = nil, sourcePort: UInt16? = nil,
                ipProtocol: UInt8 = 6, icmpType: UInt8? = nil, icmpCode: UInt8? = nil, at: EvaluationTime? = nil) {
        self.sender = sender
        self.destination = destination
        self.destinationPort = destinationPort
        self.sourcePort = sourcePort
        self.ipProtocol = ipProtocol
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.at = at
    }
}

/// Why a trace could not start at all (bad input, as opposed to a packet that is dropped).
public struct TraceQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// An error saying `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
