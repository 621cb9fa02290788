/// An EC2 instance type's network limits (`aws ec2 describe-instance-types` `InstanceTypes[]`):
/// how many ENIs it takes and how many IPv4 addresses each may hold, which bounds the gateway
/// IPs a node can carry.
public struct InstanceTypeInfo: Hashable, Sendable, Decodable {
    /// `t3.large`, `m6i.xlarge`…
    public var instanceType: String
    /// The network limits; nil when the output left them out.
    public var networkInfo: NetworkInfo?

    /// `NetworkInfo`.
    public struct NetworkInfo: Hashable, Sendable, Decodable {
        /// ENIs over all network cards.
        public var maximumNetworkInterfaces: Int?
        /// Network cards.
        public var maximumNetworkCards: Int?
        /// The card of the primary ENI.
        public var defaultNetworkCardIndex: Int?
        /// Per-card ENI limits.
        public var networkCards: [NetworkCard]
        /// IPv4 addresses per ENI, the primary included.
        public var ipv4AddressesPerInterface: Int?
        /// IPv6 addresses per ENI.
        public var ipv6AddressesPerInterface: Int?
        /// Whether IPv6 is supported.
        public var ipv6Supported: Bool?

        /// One network card.
        public struct NetworkCard: Hashable, Sendable, Decodable {
            /// The card's index.
            public var networkCardIndex: Int
            /// ENIs on this card.
            public var maximumNetworkInterfaces: Int?

            /// Creates a card.
            public init(networkCardIndex: Int, maximumNetworkInterfaces: Int?) {
                self.networkCardIndex = networkCardIndex
                self.maximumNetworkInterfaces = maximumNetworkInterfaces
            }

            private enum CodingKeys: String, CodingKey {
                case networkCardIndex = "NetworkCardIndex", maximumNetworkInterfaces = "MaximumNetworkInterfaces"
            }
        }

        /// Creates network limits.
        public init(maximumNetworkInterfaces: Int?, maximumNetworkCards: Int? = nil, defaultNetworkCardIndex: Int? = nil,
                    networkCards: [NetworkCard] = [], ipv4AddressesPerInterface: Int?,
                    ipv6AddressesPerInterface: Int? = nil, ipv6Supported: Bool? = nil) {
            self.maximumNetworkInterfaces = maximumNetworkInterfaces
            self.maximumNetworkCards = maximumNetworkCards
            self.defaultNetworkCardIndex = defaultNetworkCardIndex
            self.networkCards = networkCards
            self.ipv4AddressesPerInterface = ipv4AddressesPerInterface
            self.ipv6AddressesPerInterface = ipv6AddressesPerInterface
            self.ipv6Supported = ipv6Supported
        }

        /// ENI slots as Calico counts them: card 0's limit (else the total), capped at 15.
        public var calicoENISlots: Int? {
            let card0 = networkCards.first { $0.networkCardIndex == 0 }?.maximumNetworkInterfaces
            return (card0 ?? maximumNetworkInterfaces).map { min($0, 15) }
        }

        private enum CodingKeys: String, CodingKey {
            case maximumNetworkInterfaces = "MaximumNetworkInterfaces", maximumNetworkCards = "MaximumNetworkCards"
            case defaultNetworkCardIndex = "DefaultNetworkCardIndex", networkCards = "NetworkCards"
            case ipv4AddressesPerInterface = "Ipv4AddressesPerInterface"
            case ipv6AddressesPerInterface = "Ipv6AddressesPerInterface", ipv6Supported = "Ipv6Supported"
        }

        /// Decodes `NetworkInfo`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maximumNetworkInterfaces = try c.decodeIfPresent(Int.self, forKey: .maximumNetworkInterfaces)
            maximumNetworkCards = try c.decodeIfPresent(Int.self, forKey: .maximumNetworkCards)
            defaultNetworkCardIndex = try c.decodeIfPresent(Int.self, forKey: .defaultNetworkCardIndex)
            networkCards = try c.decodeIfPresent([NetworkCard].self, forKey: .networkCards) ?? []
            ipv4AddressesPerInterface = try c.decodeIfPresent(Int.self, forKey: .ipv4AddressesPerInterface)
            ipv6AddressesPerInterface = try c.decodeIfPresent(Int.self, forKey: .ipv6AddressesPerInterface)
            ipv6Supported = try c.decodeIfPresent(Bool.self, forKey: .ipv6Supported)
        }
    }

    /// Creates an instance type.
    public init(instanceType: String, networkInfo: NetworkInfo? = nil) {
        self.instanceType = instanceType
        self.networkInfo = networkInfo
    }

    private enum CodingKeys: String, CodingKey { case instanceType = "InstanceType", networkInfo = "NetworkInfo" }
}
