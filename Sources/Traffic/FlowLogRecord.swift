import LPM

/// `ACCEPT` or `REJECT`.
public enum FlowLogAction: String, Hashable, Sendable {
    /// The security groups and network ACLs allowed the traffic.
    case accept = "ACCEPT"
    /// Denied by a security group or network ACL (or packets after the connection closed).
    case reject = "REJECT"
}

/// `log-status`.
public enum FlowLogStatus: String, Hashable, Sendable {
    /// Data logged normally.
    case ok = "OK"
    /// No traffic on the ENI in the capture window.
    case noData = "NODATA"
    /// Records were skipped in the capture window: volume is undercounted.
    case skipData = "SKIPDATA"
}

/// `flow-direction`, relative to the ENI.
public enum FlowDirection: String, Hashable, Sendable {
    /// Towards the ENI.
    case ingress
    /// Away from the ENI.
    case egress
}

/// One VPC Flow Logs record: one 5-tuple on one ENI in one capture window. Fields the format
/// lacks, and fields written `-`, are nil.
public struct FlowLogRecord: Hashable, Sendable {
    /// `version`.
    public var version: UInt8?
    /// `interface-id`.
    public var interfaceID: NetworkInterfaceID?
    /// `srcaddr`: for the ENI's own address, always its primary private IP.
    public var sourceAddress: IPAddress?
    /// `dstaddr`.
    public var destinationAddress: IPAddress?
    /// `pkt-srcaddr`: the packet's real source.
    public var packetSourceAddress: IPAddress?
    /// `pkt-dstaddr`: the packet's real destination.
    public var packetDestinationAddress: IPAddress?
    /// `srcport`.
    public var sourcePort: UInt16?
    /// `dstport`.
    public var destinationPort: UInt16?
    /// `protocol` (IANA number).
    public var ipProtocol: UInt8?
    /// `packets`.
    public var packets: UInt64?
    /// `bytes`.
    public var bytes: UInt64?
    /// `start` (Unix seconds).
    public var start: Int64?
    /// `end` (Unix seconds).
    public var end: Int64?
    /// `action`.
    public var action: FlowLogAction?
    /// `log-status`.
    public var logStatus: FlowLogStatus?
    /// `flow-direction`.
    public var flowDirection: FlowDirection?
    /// `traffic-path` (1–8).
    public var trafficPath: UInt8?
    /// `tcp-flags`.
    public var tcpFlags: UInt16?

    /// An empty record.
    public init() {}

    /// The source the contract attributes: `pkt-srcaddr` when present, else `srcaddr`.
    public var effectiveSource: IPAddress? { packetSourceAddress ?? sourceAddress }
    /// The destination the contract attributes: `pkt-dstaddr` when present, else `dstaddr`.
    public var effectiveDestination: IPAddress? { packetDestinationAddress ?? destinationAddress }
}
