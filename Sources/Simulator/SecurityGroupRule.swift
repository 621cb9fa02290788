import Inventory

/// One egress rule of a security group towards one peer.
struct SecurityGroupRule: Sendable {
    let groupID: String
    let groupName: String?
    /// The permission's index in the group's `IpPermissionsEgress`, from 0.
    let index: Int
    let protocolNumber: Int?
    let ports: ProtocolPorts
    /// The peer as the user wrote it: a CIDR, `pl-…` or `sg-…`.
    let peer: String
    let ipProtocol: String
    let fromPort: Int?
    let toPort: Int?

    init(group: SecurityGroup, index: Int, permission: IpPermission, peer: String) {
        groupID = group.groupID
        groupName = group.groupName
        self.index = index
        protocolNumber = permission.protocolNumber
        ports = permission.ports
        self.peer = peer
        ipProtocol = permission.ipProtocol
        fromPort = permission.fromPort
        toPort = permission.toPort
        text = Self.text(protocolNumber: protocolNumber, ipProtocol: ipProtocol, ports: ports, peer: peer)
    }

    /// True when the rule's protocol and ports (or ICMP type/code) match the query's packet.
    func matches(_ query: TraceQuery) -> Bool {
        ProtocolMatch.matches(protocolNumber: protocolNumber, ports: ports, query: query,
                              port: query.destinationPort.map(Int.init))
    }

    /// The rule as a user reads it: `tcp 443 to 0.0.0.0/0` (worked out once, when the Snapshot is
    /// prepared: every trace the rule allows names it).
    let text: String

    private static func text(protocolNumber: Int?, ipProtocol: String, ports: ProtocolPorts, peer: String) -> String {
        let proto = protocolNumber == nil ? "all traffic" : ipProtocol
        let range: String
        switch ports {
        case .all: range = ""
        case .ports(let ports):
            range = ports.count == 1 ? " \(ports.lowerBound)" : " \(ports.lowerBound)-\(ports.upperBound)"
        case .icmp(let type, let code):
            range = " type \(type.map(String.init) ?? "all") code \(code.map(String.init) ?? "all")"
        }
        return "\(proto)\(range) to \(peer)"
    }
}
