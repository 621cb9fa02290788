/// A managed prefix list (`aws ec2 describe-managed-prefix-lists`): a named set of CIDRs of one
/// address family that routes and security group rules can name. Its entries come from
/// `get-managed-prefix-list-entries` (`PrefixListEntry`).
public struct ManagedPrefixList: Hashable, Sendable, Decodable {
    /// `pl-…`.
    public var prefixListID: String
    /// The name (`com.amazonaws.us-east-1.s3` for AWS-managed lists).
    public var prefixListName: String?
    /// `IPv4` or `IPv6`.
    public var addressFamily: String?
    /// `create-complete`, `modify-complete`…
    public var state: String?
    /// The most entries the list may hold (what a reference counts against quotas).
    public var maxEntries: Int?
    /// The version; references use the latest.
    public var version: Int?
    /// The owner: an account ID, or `AWS` for AWS-managed lists.
    public var ownerID: String?
    /// Tags.
    public var tags: [Tag]

    /// Creates a prefix list.
    public init(prefixListID: String, prefixListName: String? = nil, addressFamily: String? = nil, state: String? = nil,
                maxEntries: Int? = nil, version: Int? = nil, ownerID: String? = nil, tags: [Tag] = []) {
        self.prefixListID = prefixListID
        self.prefixListName = prefixListName
        self.addressFamily = addressFamily
        self.state = state
        self.maxEntries = maxEntries
        self.version = version
        self.ownerID = ownerID
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case prefixListID = "PrefixListId", prefixListName = "PrefixListName", addressFamily = "AddressFamily"
        case state = "State", maxEntries = "MaxEntries", version = "Version", ownerID = "OwnerId", tags = "Tags"
    }

    /// Decodes one list of `aws ec2 describe-managed-prefix-lists` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        prefixListID = try c.decode(String.self, forKey: .prefixListID)
        prefixListName = try c.decodeIfPresent(String.self, forKey: .prefixListName)
        addressFamily = try c.decodeIfPresent(String.self, forKey: .addressFamily)
        state = try c.decodeIfPresent(String.self, forKey: .state)
        maxEntries = try c.decodeIfPresent(Int.self, forKey: .maxEntries)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        ownerID = try c.decodeIfPresent(String.self, forKey: .ownerID)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
