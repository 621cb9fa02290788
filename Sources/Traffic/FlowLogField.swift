/// A VPC Flow Logs field, by the name the S3 header line and `${…}` format tokens use
/// (docs/traffic.md §1.2). Fields Gatewatch does not read are kept as `FlowLogFormat.Column.other`.
public enum FlowLogField: String, Hashable, Sendable, CaseIterable {
    case version
    case accountID = "account-id"
    case interfaceID = "interface-id"
    case sourceAddress = "srcaddr"
    case destinationAddress = "dstaddr"
    case sourcePort = "srcport"
    case destinationPort = "dstport"
    case ipProtocol = "protocol"
    case packets
    case bytes
    case start
    case end
    case action
    case logStatus = "log-status"
    case vpcID = "vpc-id"
    case subnetID = "subnet-id"
    case instanceID = "instance-id"
    case tcpFlags = "tcp-flags"
    case type
    case packetSourceAddress = "pkt-srcaddr"
    case packetDestinationAddress = "pkt-dstaddr"
    case region
    case azID = "az-id"
    case sublocationType = "sublocation-type"
    case sublocationID = "sublocation-id"
    case packetSourceAWSService = "pkt-src-aws-service"
    case packetDestinationAWSService = "pkt-dst-aws-service"
    case flowDirection = "flow-direction"
    case trafficPath = "traffic-path"
}
