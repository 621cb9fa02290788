/// A VPC network ACL (`aws ec2 describe-network-acls`): the stateless rules of the subnets
/// associated with it. A subnet without an association uses its VPC's default ACL.
public struct NetworkAcl: Hashable, Sendable, Decodable {
    /// `acl-…`.
    public var networkAclID: String
    /// The VPC.
    public var vpcID: String
    /// True for the VPC's default ACL (`IsDefault`).
    public var isDefault: Bool
    /// The subnets using this ACL.
    public var associations: [Association]
    /// Inbound and outbound rules, in the order EC2 listed them.
    public var entries: [NetworkAclEntry]
    /// The owning account.
    public var ownerID: String?
    /// Tags.
    public var tags: [Tag]

    /// One subnet association.
    public struct Association: Hashable, Sendable, Decodable {
        /// `aclassoc-…`.
        public var associationID: String?
        /// The subnet.
        public var subnetID: String

        /// Creates an association.
        public init(associationID: String? = nil, subnetID: String) {
            self.associationID = associationID
            self.subnetID = subnetID
        }

        private enum CodingKeys: String, CodingKey { case associationID = "NetworkAclAssociationId", subnetID = "SubnetId" }
    }

    /// Creates a network ACL.
    public init(networkAclID: String, vpcID: String, isDefault: Bool = false, associations: [Association] = [],
                entries: [NetworkAclEntry] = [], ownerID: String? = nil, tags: [Tag] = []) {
        self.networkAclID = networkAclID
        self.vpcID = vpcID
        self.isDefault = isDefault
        self.associations = associations
        self.entries = Self.exactlySized(entries)
        self.ownerID = ownerID
        self.tags = tags
    }

    /// The subnets associated with the ACL.
    public var subnetIDs: [String] { associations.map(\.subnetID) }

    /// The rules of one direction, lowest rule number first (the order EC2 evaluates them).
    public func rules(egress: Bool) -> [NetworkAclEntry] {
        entries.filter { $0.egress == egress }.sorted { $0.ruleNumber < $1.ruleNumber }
    }

    /// `entries` in storage of their own size: arrays grown by appending (every decoder's) keep up
    /// to half their capacity spare, and a VPC's ACLs are kept for the life of a Snapshot.
    private static func exactlySized(_ entries: [NetworkAclEntry]) -> [NetworkAclEntry] {
        entries.capacity > entries.count ? entries.withUnsafeBufferPointer { Array($0) } : entries
    }

    private enum CodingKeys: String, CodingKey {
        case networkAclID = "NetworkAclId", vpcID = "VpcId", isDefault = "IsDefault", associations = "Associations"
        case entries = "Entries", ownerID = "OwnerId", tags = "Tags"
    }

    /// Decodes one ACL of `aws ec2 describe-network-acls` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        networkAclID = try c.decode(String.self, forKey: .networkAclID)
        vpcID = try c.decode(String.self, forKey: .vpcID)
        isDefault = try c.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        associations = try c.decodeIfPresent([Association].self, forKey: .associations) ?? []
        entries = Self.exactlySized(try c.decodeIfPresent([NetworkAclEntry].self, forKey: .entries) ?? [])
        ownerID = try c.decodeIfPresent(String.self, forKey: .ownerID)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
