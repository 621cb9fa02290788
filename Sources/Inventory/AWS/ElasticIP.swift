import LPM

/// An Elastic IP address and where it is associated.
public struct ElasticIP: Hashable, Sendable, Decodable {
    /// `eipalloc-…`.
    public var allocationID: String?
    /// The public address.
    public var publicIP: IPAddress
    /// `eipassoc-…` when associated.
    public var associationID: String?
    /// The ENI it is associated with.
    public var networkInterfaceID: String?
    /// The ENI address (primary or secondary) it is bound to.
    public var privateIPAddress: IPAddress?
    /// The instance the ENI is attached to.
    public var instanceID: String?
    /// Tags.
    public var tags: [Tag]

    /// Creates an Elastic IP.
    public init(allocationID: String?, publicIP: IPAddress, associationID: String? = nil, networkInterfaceID: String? = nil,
                privateIPAddress: IPAddress? = nil, instanceID: String? = nil, tags: [Tag] = []) {
        self.allocationID = allocationID
        self.publicIP = publicIP
        self.associationID = associationID
        self.networkInterfaceID = networkInterfaceID
        self.privateIPAddress = privateIPAddress
        self.instanceID = instanceID
        self.tags = tags
    }

    /// True when the address is associated with something.
    public var isAssociated: Bool {
        associationID != nil || privateIPAddress != nil || networkInterfaceID != nil || instanceID != nil
    }

    private enum CodingKeys: String, CodingKey {
        case allocationID = "AllocationId", publicIP = "PublicIp", associationID = "AssociationId"
        case networkInterfaceID = "NetworkInterfaceId", privateIPAddress = "PrivateIpAddress"
        case instanceID = "InstanceId", tags = "Tags"
    }

    /// Decodes `aws ec2 describe-addresses` output; empty strings count as absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            guard let value = try c.decodeIfPresent(String.self, forKey: key), !value.isEmpty else { return nil }
            return value
        }
        allocationID = try text(.allocationID)
        guard let ip = try c.decode(IPText.self, forKey: .publicIP).address else {
            throw DecodingError.dataCorruptedError(forKey: .publicIP, in: c, debugDescription: "expected a public IP")
        }
        publicIP = ip
        associationID = try text(.associationID)
        networkInterfaceID = try text(.networkInterfaceID)
        privateIPAddress = try c.decodeIfPresent(IPText.self, forKey: .privateIPAddress)?.address
        instanceID = try text(.instanceID)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
