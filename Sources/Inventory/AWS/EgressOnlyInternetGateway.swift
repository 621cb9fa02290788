/// An egress-only internet gateway (`aws ec2 describe-egress-only-internet-gateways`): IPv6 out,
/// replies back, nothing initiated from outside.
public struct EgressOnlyInternetGateway: Hashable, Sendable, Decodable {
    /// `eigw-…`.
    public var egressOnlyInternetGatewayID: String
    /// The VPCs it is attached to.
    public var attachments: [Attachment]
    /// Tags.
    public var tags: [Tag]

    /// One VPC attachment.
    public struct Attachment: Hashable, Sendable, Decodable {
        /// The VPC.
        public var vpcID: String
        /// `attached`, `detached`…
        public var state: String?

        /// Creates an attachment.
        public init(vpcID: String, state: String? = "attached") {
            self.vpcID = vpcID
            self.state = state
        }

        private enum CodingKeys: String, CodingKey { case vpcID = "VpcId", state = "State" }
    }

    /// Creates a gateway.
    public init(egressOnlyInternetGatewayID: String, attachments: [Attachment] = [], tags: [Tag] = []) {
        self.egressOnlyInternetGatewayID = egressOnlyInternetGatewayID
        self.attachments = attachments
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey {
        case egressOnlyInternetGatewayID = "EgressOnlyInternetGatewayId", attachments = "Attachments", tags = "Tags"
    }

    /// Decodes one gateway of `aws ec2 describe-egress-only-internet-gateways` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        egressOnlyInternetGatewayID = try c.decode(String.self, forKey: .egressOnlyInternetGatewayID)
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags) ?? []
    }
}
