import LPM

/// A VPC subnet.
public struct Subnet: Hashable, Sendable, Decodable {
    /// `subnet-…`.
    public var subnetID: String
    /// The VPC it belongs to.
    public var vpcID: String
    /// Its IPv4 range.
    public var cidrBlock: IPPrefix
    /// Its availability zone.
    public var availabilityZone: String?
    /// Free addresses as EC2 reports them (already net of AWS's five reserved addresses).
    public var availableIpAddressCount: Int?
    /// Tags.
    public var tags: [Tag]

    /// Creates a subnet.
    public init(subnetID: String, vpcID: String, cidrBlock: IPPrefix, availabilityZone: String? = nil,
                availableIpAddressCount: Int? = nil, tags: [Tag] = []) {
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.availableIpAddressCount = availableIpAddressCount
        self.tags = tags
    }

    /// The `Name` tag, if any.
    public var name: String? { tags[tag: "Name"] }

    private enum CodingKeys: String, CodingKey {
        case subnetID = "SubnetId", vpcID = "VpcId", cidrBlock = "CidrBlock", availabilityZone = "AvailabilityZone"
        case availableIpAddressCount = "AvailableIpAddressCount", tags = "Tags"
    }

    /// Decodes `aws ec2 describe-subnets` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subnetID = try c.decode(String.self, forKey: .subnetID)
        vpcID = try c.decode(String.self, forKey: .vpcID)
        cidrBlock = try c.decode(PrefixText.self, forKey: .cidrBlock).prefix
        availabilityZone = try c.decodeIfPresent(String.self, forKey: .availabilityZone)
        availableIpAddressCount = try c.decodeIfPresent(Int.self, forKey: .availableIpAddressCount)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
