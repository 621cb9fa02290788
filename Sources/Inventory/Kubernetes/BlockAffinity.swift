import LPM

/// A Calico BlockAffinity: which node claims an IPAM block.
public struct BlockAffinity: Hashable, Sendable, Decodable {
    /// The node holding the block.
    public var node: String
    /// The block's range.
    public var cidr: IPPrefix
    /// `confirmed`, `pending` or `pendingDeletion`.
    public var state: String?
    /// True when the affinity is deleted (then it counts as absent).
    public var deleted: Bool

    /// Creates an affinity.
    public init(node: String, cidr: IPPrefix, state: String? = "confirmed", deleted: Bool = false) {
        self.node = node
        self.cidr = cidr
        self.state = state
        self.deleted = deleted
    }

    private enum CodingKeys: String, CodingKey { case spec }
    private enum SpecKeys: String, CodingKey { case node, cidr, state, deleted }

    /// Decodes either API group: `deleted` is a bool in v3 and the string "true"/"false" in v1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        node = try spec.decode(String.self, forKey: .node)
        cidr = try spec.decode(PrefixText.self, forKey: .cidr).prefix
        state = try spec.decodeIfPresent(String.self, forKey: .state)
        if let flag = try? spec.decodeIfPresent(Bool.self, forKey: .deleted) {
            deleted = flag
        } else if let text = try? spec.decodeIfPresent(String.self, forKey: .deleted) {
            deleted = text.lowercased() == "true"
        } else {
            deleted = false
        }
    }
}
