import LPM

/// One route of a transit gateway route table (`aws ec2 search-transit-gateway-routes`
/// `Routes[]`). That output does not name the table, so its ID comes from the bundle file's name
/// or the request made live.
public struct TransitGatewayRoute: Hashable, Sendable {
    /// The route table (`tgw-rtb-…`).
    public var transitGatewayRouteTableID: String
    /// The destination; nil when only a prefix list is named.
    public var destination: IPPrefix?
    /// The prefix list the route came from (`pl-…`), for prefix-list references.
    public var prefixListID: String?
    /// `static` or `propagated`.
    public var type: String?
    /// `active`, `blackhole`, `pending`…
    public var state: String?
    /// Where the route leads; several attachments are ECMP.
    public var attachments: [Attachment]

    /// One next-hop attachment.
    public struct Attachment: Hashable, Sendable, Decodable {
        /// `tgw-attach-…`.
        public var transitGatewayAttachmentID: String?
        /// The attached resource.
        public var resourceID: String?
        /// `vpc`, `vpn`, `peering`…
        public var resourceType: String?

        /// Creates an attachment reference.
        public init(transitGatewayAttachmentID: String?, resourceID: String? = nil, resourceType: String? = nil) {
            self.transitGatewayAttachmentID = transitGatewayAttachmentID
            self.resourceID = resourceID
            self.resourceType = resourceType
        }

        private enum CodingKeys: String, CodingKey {
            case transitGatewayAttachmentID = "TransitGatewayAttachmentId", resourceID = "ResourceId"
            case resourceType = "ResourceType"
        }
    }

    /// Creates a route.
    public init(transitGatewayRouteTableID: String, destination: IPPrefix?, prefixListID: String? = nil,
                type: String? = "static", state: String? = "active", attachments: [Attachment] = []) {
        self.transitGatewayRouteTableID = transitGatewayRouteTableID
        self.destination = destination
        self.prefixListID = prefixListID
        self.type = type
        self.state = state
        self.attachments = attachments
    }

    /// True when the route drops traffic.
    public var isBlackhole: Bool { state == "blackhole" }

    /// `Routes[]` as the CLI prints it, before the table's ID is known.
    struct Unowned: Decodable {
        var destination: IPPrefix?
        var prefixListID: String?
        var type: String?
        var state: String?
        var attachments: [Attachment]

        private enum CodingKeys: String, CodingKey {
            case destination = "DestinationCidrBlock", prefixListID = "PrefixListId", type = "Type", state = "State"
            case attachments = "TransitGatewayAttachments"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            destination = try c.decodeIfPresent(PrefixText.self, forKey: .destination)?.prefix
            prefixListID = try c.decodeIfPresent(String.self, forKey: .prefixListID)
            type = try c.decodeIfPresent(String.self, forKey: .type)
            state = try c.decodeIfPresent(String.self, forKey: .state)
            attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
            if destination == nil && prefixListID == nil {
                throw DecodingError.keyNotFound(CodingKeys.destination, .init(
                    codingPath: c.codingPath, debugDescription: "expected DestinationCidrBlock or PrefixListId"))
            }
        }
    }
}
