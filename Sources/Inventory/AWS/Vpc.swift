import LPM

/// An Amazon VPC with its primary and secondary IPv4 CIDRs.
public struct Vpc: Hashable, Sendable, Decodable {
    /// `vpc-…`.
    public var vpcID: String
    /// The AWS account that owns the VPC.
    public var ownerID: String?
    /// The primary CIDR.
    public var cidrBlock: IPPrefix
    /// Every associated IPv4 CIDR (primary and secondary) with its association state.
    public var cidrBlockAssociations: [CidrBlockAssociation]
    /// Tags.
    public var tags: [Tag]

    /// One IPv4 CIDR associated with a VPC.
    public struct CidrBlockAssociation: Hashable, Sendable, Decodable {
        /// The CIDR.
        public var cidrBlock: IPPrefix
        /// `associated`, `associating`, `disassociated`…
        public var state: String?

        /// Creates an association.
        public init(cidrBlock: IPPrefix, state: String? = "associated") {
            self.cidrBlock = cidrBlock
            self.state = state
        }

        private enum CodingKeys: String, CodingKey { case cidrBlock = "CidrBlock", cidrBlockState = "CidrBlockState" }
        private struct State: Decodable { var State: String? }

        /// Decodes `CidrBlockAssociationSet[]`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cidrBlock = try c.decode(PrefixText.self, forKey: .cidrBlock).prefix
            state = try c.decodeIfPresent(State.self, forKey: .cidrBlockState)?.State
        }
    }

    /// Creates a VPC.
    public init(vpcID: String, ownerID: String? = nil, cidrBlock: IPPrefix, cidrBlockAssociations: [CidrBlockAssociation] = [],
                tags: [Tag] = []) {
        self.vpcID = vpcID
        self.ownerID = ownerID
        self.cidrBlock = cidrBlock
        self.cidrBlockAssociations = cidrBlockAssociations
        self.tags = tags
    }

    /// The CIDRs other than the primary one.
    public var secondaryCIDRs: [IPPrefix] {
        cidrBlockAssociations.map(\.cidrBlock).filter { $0 != cidrBlock }
    }

    /// Every associated CIDR, primary first.
    public var allCIDRs: [IPPrefix] {
        [cidrBlock] + secondaryCIDRs.filter { $0 != cidrBlock }
    }

    private enum CodingKeys: String, CodingKey {
        case vpcID = "VpcId", ownerID = "OwnerId", cidrBlock = "CidrBlock", cidrBlockAssociations = "CidrBlockAssociationSet", tags = "Tags"
    }

    /// Decodes `aws ec2 describe-vpcs` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vpcID = try c.decode(String.self, forKey: .vpcID)
        ownerID = try c.decodeIfPresent(String.self, forKey: .ownerID)
        cidrBlock = try c.decode(PrefixText.self, forKey: .cidrBlock).prefix
        cidrBlockAssociations = try c.decodeIfPresent([CidrBlockAssociation].self, forKey: .cidrBlockAssociations) ?? []
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
