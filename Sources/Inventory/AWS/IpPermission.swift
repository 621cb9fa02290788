import LPM

/// One rule of a security group (`IpPermissions[]` or `IpPermissionsEgress[]`): a protocol, its
/// ports or ICMP type/code, and the peers it allows, by CIDR, prefix list or security group.
public struct IpPermission: Hashable, Sendable, Decodable {
    /// The protocol as AWS writes it: `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a number.
    public var ipProtocol: String
    /// The first port (TCP/UDP) or the ICMP type; `-1` or nil for all.
    public var fromPort: Int?
    /// The last port (TCP/UDP) or the ICMP code; `-1` or nil for all.
    public var toPort: Int?
    /// IPv4 peers (`IpRanges[].CidrIp`), host bits masked as AWS does.
    public var ipRanges: [IpRange]
    /// IPv6 peers (`Ipv6Ranges[].CidrIpv6`).
    public var ipv6Ranges: [IpRange]
    /// Managed prefix list peers (`PrefixListIds[]`).
    public var prefixListIDs: [PrefixListReference]
    /// Referenced security groups (`UserIdGroupPairs[]`): the private addresses of their ENIs.
    public var userIDGroupPairs: [UserIdGroupPair]

    /// One CIDR peer.
    public struct IpRange: Hashable, Sendable {
        /// The CIDR.
        public var cidr: IPPrefix
        /// The rule's description.
        public var description: String?

        /// Creates a CIDR peer.
        public init(cidr: IPPrefix, description: String? = nil) {
            self.cidr = cidr
            self.description = description
        }
    }

    /// One prefix list peer.
    public struct PrefixListReference: Hashable, Sendable, Decodable {
        /// `pl-…`.
        public var prefixListID: String
        /// The rule's description.
        public var description: String?

        /// Creates a prefix list peer.
        public init(prefixListID: String, description: String? = nil) {
            self.prefixListID = prefixListID
            self.description = description
        }

        private enum CodingKeys: String, CodingKey { case prefixListID = "PrefixListId", description = "Description" }
    }

    /// A referenced security group.
    public struct UserIdGroupPair: Hashable, Sendable, Decodable {
        /// `sg-…`.
        public var groupID: String?
        /// The group's name (EC2-Classic and default VPC references).
        public var groupName: String?
        /// The account that owns the group.
        public var userID: String?
        /// The group's VPC, for references across a peering connection.
        public var vpcID: String?
        /// The peering connection of a cross-VPC reference.
        public var vpcPeeringConnectionID: String?
        /// The peering's status (`active`, `deleted`).
        public var peeringStatus: String?
        /// The rule's description.
        public var description: String?

        /// Creates a reference.
        public init(groupID: String?, groupName: String? = nil, userID: String? = nil, vpcID: String? = nil,
                    vpcPeeringConnectionID: String? = nil, peeringStatus: String? = nil, description: String? = nil) {
            self.groupID = groupID
            self.groupName = groupName
            self.userID = userID
            self.vpcID = vpcID
            self.vpcPeeringConnectionID = vpcPeeringConnectionID
            self.peeringStatus = peeringStatus
            self.description = description
        }

        private enum CodingKeys: String, CodingKey {
            case groupID = "GroupId", groupName = "GroupName", userID = "UserId", vpcID = "VpcId"
            case vpcPeeringConnectionID = "VpcPeeringConnectionId", peeringStatus = "PeeringStatus"
            case description = "Description"
        }
    }

    /// Creates a rule.
    public init(ipProtocol: String, fromPort: Int? = nil, toPort: Int? = nil, ipRanges: [IpRange] = [],
                ipv6Ranges: [IpRange] = [], prefixListIDs: [PrefixListReference] = [],
                userIDGroupPairs: [UserIdGroupPair] = []) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.ipRanges = ipRanges
        self.ipv6Ranges = ipv6Ranges
        self.prefixListIDs = prefixListIDs
        self.userIDGroupPairs = userIDGroupPairs
    }

    /// The IANA protocol number; nil for every protocol (`-1`).
    public var protocolNumber: Int? { ProtocolPorts.protocolNumber(ipProtocol) }

    /// The ports or ICMP type/code the rule matches, as EC2 interprets `FromPort`/`ToPort`.
    public var ports: ProtocolPorts {
        ProtocolPorts(protocolNumber: protocolNumber, from: fromPort, to: toPort)
    }

    private enum CodingKeys: String, CodingKey {
        case ipProtocol = "IpProtocol", fromPort = "FromPort", toPort = "ToPort", ipRanges = "IpRanges"
        case ipv6Ranges = "Ipv6Ranges", prefixListIDs = "PrefixListIds", userIDGroupPairs = "UserIdGroupPairs"
    }
    private struct V4: Decodable { var CidrIp: CanonicalPrefixText; var Description: String? }
    private struct V6: Decodable { var CidrIpv6: CanonicalPrefixText; var Description: String? }

    /// Decodes one `IpPermissions[]` element of `aws ec2 describe-security-groups` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ipProtocol = try c.decode(String.self, forKey: .ipProtocol)
        guard ProtocolPorts.isValidProtocol(ipProtocol) else {
            throw DecodingError.dataCorruptedError(
                forKey: .ipProtocol, in: c,
                debugDescription: "expected -1, tcp, udp, icmp, icmpv6 or a protocol number 0-255, found '\(ipProtocol)'")
        }
        fromPort = try c.decodeIfPresent(Int.self, forKey: .fromPort)
        toPort = try c.decodeIfPresent(Int.self, forKey: .toPort)
        ipRanges = try (c.decodeIfPresent([V4].self, forKey: .ipRanges) ?? []).map {
            IpRange(cidr: $0.CidrIp.prefix, description: $0.Description)
        }
        ipv6Ranges = try (c.decodeIfPresent([V6].self, forKey: .ipv6Ranges) ?? []).map {
            IpRange(cidr: $0.CidrIpv6.prefix, description: $0.Description)
        }
        prefixListIDs = try c.decodeIfPresent([PrefixListReference].self, forKey: .prefixListIDs) ?? []
        userIDGroupPairs = try c.decodeIfPresent([UserIdGroupPair].self, forKey: .userIDGroupPairs) ?? []
    }
}
