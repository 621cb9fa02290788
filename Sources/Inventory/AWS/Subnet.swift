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
    /// The subnet's IPv6 CIDR blocks (`Ipv6CidrBlockAssociationSet`), empty for IPv4-only subnets.
    public var ipv6CidrBlocks: [IPPrefix] = []

    /// Creates a subnet.
    public init(subnetID: String, vpcID: String, cidrBlock: IPPrefix, availabilityZone: String? = nil,
                availableIpAddressCount: Int? = nil, tags: [Tag] = [], ipv6CidrBlocks: [IPPrefix] = []) {
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.cidrBlock = cidrBlock
        self.availabilityZone = availabilityZone
        self.availableIpAddressCount = availableIpAddressCount
        self.tags = tags
        self.ipv6CidrBlocks = ipv6CidrBlocks
    }

    /// The `Name` tag, if any.
    public var name: String? { tags[tag: "Name"] }

    private enum CodingKeys: String, CodingKey {
        case subnetID = "SubnetId", vpcID = "VpcId", cidrBlock = "CidrBlock", availabilityZone = "AvailabilityZone"
        case availableIpAddressCount = "AvailableIpAddressCount", tags = "Tags"
        case ipv6CidrBlockAssociationSet = "Ipv6CidrBlockAssociationSet"
    }
    private struct Ipv6Association: Decodable {
        struct AssociationState: Decodable { var State: String? }
        var Ipv6CidrBlock: PrefixText?
        var Ipv6CidrBlockState: AssociationState?
    }

    /// States of an IPv6 CIDR association that no longer (or not yet) give the subnet its block.
    /// Anything else counts, so that an unusual rendering of `associated` loses nothing.
    public static let inactiveIPv6AssociationStates: Set<String> = ["disassociating", "disassociated", "failing", "failed"]

    /// Decodes `aws ec2 describe-subnets` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subnetID = try c.decode(String.self, forKey: .subnetID)
        vpcID = try c.decode(String.self, forKey: .vpcID)
        cidrBlock = try c.decode(PrefixText.self, forKey: .cidrBlock).prefix
        availabilityZone = try c.decodeIfPresent(String.self, forKey: .availabilityZone)
        availableIpAddressCount = try c.decodeIfPresent(Int.self, forKey: .availableIpAddressCount)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
        ipv6CidrBlocks = (try c.decodeIfPresent([Ipv6Association].self, forKey: .ipv6CidrBlockAssociationSet) ?? [])
            .filter { !Self.inactiveIPv6AssociationStates.contains($0.Ipv6CidrBlockState?.State ?? "") }
            .compactMap { $0.Ipv6CidrBlock?.prefix }
    }
}
