import LPM

/// A Calico IPAM block: a slice of a pool carved out for one node, with its per-address allocations.
public struct IPAMBlock: Hashable, Sendable, Decodable {
    /// The block's range.
    public var cidr: IPPrefix
    /// `host:<node>` or `virtual:<node>`, or nil when the block has no affinity.
    public var affinity: String?
    /// Per address ordinal: nil when free, else an index into `attributes`.
    public var allocations: [Int?]
    /// Ordinals that are free.
    public var unallocated: [Int]
    /// Who holds allocated addresses.
    public var attributes: [AllocationAttribute]

    /// The owner of an allocated address.
    public struct AllocationAttribute: Hashable, Sendable, Decodable {
        /// `k8s-pod-network.<containerID>` for pods, `vxlan-tunnel-addr-<node>` for tunnels.
        public var handleID: String?
        /// The pod's namespace, for pod allocations.
        public var namespace: String?
        /// The pod's name, for pod allocations.
        public var pod: String?
        /// The node, when recorded.
        public var node: String?

        /// Creates an attribute.
        public init(handleID: String?, namespace: String? = nil, pod: String? = nil, node: String? = nil) {
            self.handleID = handleID
            self.namespace = namespace
            self.pod = pod
            self.node = node
        }

        private enum CodingKeys: String, CodingKey { case handleID = "handle_id", secondary }
        private struct Secondary: Decodable { var namespace: String?; var pod: String?; var node: String? }

        /// Decodes `spec.attributes[]`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            handleID = try c.decodeIfPresent(String.self, forKey: .handleID)
            let secondary = try c.decodeIfPresent(Secondary.self, forKey: .secondary)
            namespace = secondary?.namespace
            pod = secondary?.pod
            node = secondary?.node
        }
    }

    /// Creates a block.
    public init(cidr: IPPrefix, affinity: String?, allocations: [Int?], unallocated: [Int],
                attributes: [AllocationAttribute] = []) {
        self.cidr = cidr
        self.affinity = affinity
        self.allocations = allocations
        self.unallocated = unallocated
        self.attributes = attributes
    }

    /// The number of addresses in the block.
    public var capacity: UInt64 { cidr.addressCount }

    /// Addresses in use, as Calico counts them: capacity minus the free ordinals.
    public var inUse: UInt64 { capacity - UInt64(min(unallocated.count, Int(clamping: capacity))) }

    /// The node named by the affinity (`host:<node>`), if any.
    public var affinityNode: String? {
        guard let affinity, let colon = affinity.firstIndex(of: ":") else { return nil }
        return String(affinity[affinity.index(after: colon)...])
    }

    private enum CodingKeys: String, CodingKey { case spec }
    private enum SpecKeys: String, CodingKey { case cidr, affinity, allocations, unallocated, attributes }

    /// Decodes an IPAMBlock in either API group.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        cidr = try spec.decode(PrefixText.self, forKey: .cidr).prefix
        affinity = try spec.decodeIfPresent(String.self, forKey: .affinity)
        allocations = try spec.decodeIfPresent([Int?].self, forKey: .allocations) ?? []
        unallocated = try spec.decodeIfPresent([Int].self, forKey: .unallocated) ?? []
        attributes = try spec.decodeIfPresent([AllocationAttribute].self, forKey: .attributes) ?? []
    }
}
