/// A VPC security group (`aws ec2 describe-security-groups`): stateful allow rules for traffic
/// entering (`IpPermissions`) and leaving (`IpPermissionsEgress`) the ENIs that carry it.
public struct SecurityGroup: Hashable, Sendable, Decodable {
    /// `sg-…`.
    public var groupID: String
    /// The group's name.
    public var groupName: String?
    /// The group's description.
    public var description: String?
    /// The VPC.
    public var vpcID: String?
    /// The owning account.
    public var ownerID: String?
    /// Inbound rules.
    public var ingress: [IpPermission]
    /// Outbound rules.
    public var egress: [IpPermission]
    /// Tags.
    public var tags: [Tag]

    /// Creates a security group.
    public init(groupID: String, groupName: String? = nil, description: String? = nil, vpcID: String? = nil,
                ownerID: String? = nil, ingress: [IpPermission] = [], egress: [IpPermission] = [], tags: [Tag] = []) {
        self.groupID = groupID
        self.groupName = groupName
        self.description = description
        self.vpcID = vpcID
        self.ownerID = ownerID
        self.ingress = ingress
        self.egress = egress
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case groupID = "GroupId", groupName = "GroupName", description = "Description", vpcID = "VpcId"
        case ownerID = "OwnerId", ingress = "IpPermissions", egress = "IpPermissionsEgress", tags = "Tags"
    }

    /// Decodes one group of `aws ec2 describe-security-groups` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groupID = try c.decode(String.self, forKey: .groupID)
        groupName = try c.decodeIfPresent(String.self, forKey: .groupName)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        vpcID = try c.decodeIfPresent(String.self, forKey: .vpcID)
        ownerID = try c.decodeIfPresent(String.self, forKey: .ownerID)
        ingress = try c.decodeIfPresent([IpPermission].self, forKey: .ingress) ?? []
        egress = try c.decodeIfPresent([IpPermission].self, forKey: .egress) ?? []
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
