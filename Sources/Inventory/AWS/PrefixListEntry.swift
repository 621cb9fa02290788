import LPM

/// One CIDR of a managed prefix list (`aws ec2 get-managed-prefix-list-entries` `Entries[]`).
/// That output does not name its list, so the list's ID comes from the bundle file's name or
/// from the request made live.
public struct PrefixListEntry: Hashable, Sendable {
    /// The list it belongs to (`pl-…`).
    public var prefixListID: String
    /// The CIDR.
    public var cidr: IPPrefix
    /// The entry's description.
    public var description: String?

    /// Creates an entry.
    public init(prefixListID: String, cidr: IPPrefix, description: String? = nil) {
        self.prefixListID = prefixListID
        self.cidr = cidr
        self.description = description
    }

    /// `Entries[]` as the CLI prints it, before the list's ID is known.
    struct Unowned: Decodable {
        var cidr: IPPrefix
        var description: String?

        private enum CodingKeys: String, CodingKey { case cidr = "Cidr", description = "Description" }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cidr = try c.decode(CanonicalPrefixText.self, forKey: .cidr).prefix
            description = try c.decodeIfPresent(String.self, forKey: .description)
        }
    }
}
